#include "statement_objects.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace strata::load::detail {
namespace {

using nlohmann::json;

std::string schema_of(const json& range_var) {
  const std::string schema = range_var.value("schemaname", "");
  return schema.empty() ? "public" : schema;
}

std::string relation(const json& range_var) { return schema_of(range_var) + "." + range_var.value("relname", ""); }

std::string qualified(const json& names) {  // a list of String nodes: [schema,] name
  std::vector<std::string> parts;
  for (const auto& item : names) parts.push_back(item.contains("String") ? item["String"].value("sval", "") : "");
  if (parts.empty()) return "";
  if (parts.size() == 1) return "public." + parts[0];
  return parts[parts.size() - 2] + "." + parts.back();
}

}  // namespace

std::string refusal(const json& statement) {
  if (!statement.is_object() || statement.empty()) return "";
  const std::string type = statement.begin().key();
  const json& node = statement.begin().value();
  // Never part of a schema: they name other servers, the cluster or the database itself.
  static const std::map<std::string, std::string> kNotSchema = {
      {"CreateSubscriptionStmt", "a subscription connects to another server; it is not part of a schema"},
      {"AlterSubscriptionStmt", "a subscription connects to another server; it is not part of a schema"},
      {"ImportForeignSchemaStmt", "IMPORT FOREIGN SCHEMA reads another server's catalog; declare the foreign tables "
                                  "it would create instead"},
      {"CreateUserMappingStmt", "a user mapping holds another server's credentials; it is not part of a schema"},
      {"CreateTableSpaceStmt", "a tablespace is a directory of the server; it is not part of a schema"},
      {"CreatedbStmt", "a schema file describes one database; it does not create databases"},
      {"AlterDatabaseStmt", "database settings are not part of a schema"},
      {"AlterDatabaseSetStmt", "database settings are not part of a schema"},
      {"AlterSystemStmt", "server settings are not part of a schema"},
      {"SecLabelStmt", "security labels need a label provider on the server; they are not modelled"},
  };
  if (auto it = kNotSchema.find(type); it != kNotSchema.end()) return it->second;
  // Kinds the model does not hold yet: left out, they would be missing from every diff.
  static const std::map<std::string, std::string> kNotModelled = {
      {"CreateConversionStmt", "conversions"},
      {"CreateTransformStmt", "transforms"},
      {"CreateAmStmt", "access methods"},
  };
  if (auto it = kNotModelled.find(type); it != kNotModelled.end()) return it->second + " are not modelled yet";
  if (type == "DefineStmt") {
    static const std::map<std::string, std::string> kDefined = {
        {"OBJECT_TSPARSER", "text search parsers"},
        {"OBJECT_TSTEMPLATE", "text search templates"},
        {"OBJECT_TYPE", "base types (CREATE TYPE ... (INPUT = ...)) and shell types"},
    };
    if (auto it = kDefined.find(node.value("kind", "")); it != kDefined.end()) return it->second + " are not modelled yet";
  }
  return "";
}

std::string declared_key(const json& statement) {
  if (!statement.is_object() || statement.empty()) return "";
  const std::string type = statement.begin().key();
  const json& node = statement.begin().value();
  if (type == "CreateStmt") return "table:" + relation(node["relation"]);
  if (type == "CreateForeignTableStmt") return "table:" + relation(node["base"]["relation"]);
  if (type == "CreateOpClassStmt") {
    return "operator_class:" + qualified(node["opclassname"]) + " USING " + node.value("amname", "");
  }
  if (type == "CreateOpFamilyStmt") {
    return "operator_family:" + qualified(node["opfamilyname"]) + " USING " + node.value("amname", "");
  }
  if (type == "CreatePLangStmt") return "language:" + node.value("plname", "");
  if (type == "CreateFdwStmt") return "foreign_data_wrapper:" + node.value("fdwname", "");
  if (type == "CreateForeignServerStmt") return "server:" + node.value("servername", "");
  if (type == "ViewStmt") return "view:" + relation(node["view"]);
  if (type == "CreateTableAsStmt" && node.contains("into")) {
    return (node.value("objtype", "") == "OBJECT_MATVIEW" ? "matview:" : "table:") + relation(node["into"]["rel"]);
  }
  if (type == "IndexStmt" && node.contains("idxname")) {
    return "index:" + schema_of(node["relation"]) + "." + node.value("idxname", "");
  }
  if (type == "CreateSeqStmt") return "sequence:" + relation(node["sequence"]);
  if (type == "CreateEnumStmt" || type == "CreateRangeStmt") return "type:" + qualified(node["typeName"]);
  if (type == "CreateDomainStmt") return "type:" + qualified(node["domainname"]);
  if (type == "CompositeTypeStmt") return "type:" + relation(node["typevar"]);
  if (type == "CreateSchemaStmt" && node.contains("schemaname")) return "schema:" + node.value("schemaname", "");
  if (type == "CreateExtensionStmt") return "extension:" + node.value("extname", "");
  if (type == "CreateFunctionStmt") return "function:" + qualified(node["funcname"]);
  if (type == "CreateTrigStmt") return "trigger:" + relation(node["relation"]) + "." + node.value("trigname", "");
  if (type == "RuleStmt") return "rule:" + relation(node["relation"]) + "." + node.value("rulename", "");
  if (type == "CreateStatsStmt" && node.contains("defnames")) return "statistics:" + qualified(node["defnames"]);
  if (type == "DefineStmt") {
    static const std::map<std::string, std::string> kDefinedKinds = {
        {"OBJECT_COLLATION", "collation:"},
        {"OBJECT_TSDICTIONARY", "text_search_dictionary:"},
        {"OBJECT_TSCONFIGURATION", "text_search_configuration:"},
        {"OBJECT_OPERATOR", "operator:"}};
    auto it = kDefinedKinds.find(node.value("kind", ""));
    if (it != kDefinedKinds.end()) return it->second + qualified(node["defnames"]);
  }
  if (type == "CreateEventTrigStmt") return "event_trigger:" + node.value("trigname", "");
  if (type == "CreatePublicationStmt") return "publication:" + node.value("pubname", "");
  if (type == "AlterTableStmt" && node.value("cmds", json::array()).size() == 1) {
    // ALTER TABLE t ADD CONSTRAINT name ... (how pg_dump declares keys and foreign keys).
    const json& command = node["cmds"][0].value("AlterTableCmd", json::object());
    const json& constraint = command.value("def", json::object()).value("Constraint", json::object());
    if (command.value("subtype", "") == "AT_AddConstraint" && constraint.contains("conname")) {
      return "constraint:" + relation(node["relation"]) + "." + constraint.value("conname", "");
    }
  }
  if (type == "CreatePolicyStmt") return "policy:" + relation(node["table"]) + "." + node.value("policy_name", "");
  return "";
}

std::string altered_family_key(const json& statement) {
  if (!statement.is_object() || !statement.contains("AlterOpFamilyStmt")) return "";
  const json& node = statement["AlterOpFamilyStmt"];
  return "operator_family:" + qualified(node["opfamilyname"]) + " USING " + node.value("amname", "");
}

std::vector<Member> table_members(const json& statement) {
  std::vector<Member> members;
  if (!statement.contains("CreateStmt")) return members;
  const json& node = statement["CreateStmt"];
  const std::string table = relation(node["relation"]);
  for (const auto& element : node.value("tableElts", json::array())) {
    if (element.contains("ColumnDef")) {
      const json& column = element["ColumnDef"];
      members.push_back({"column:" + table + "." + column.value("colname", ""), column.value("location", std::size_t{0})});
    } else if (element.contains("Constraint") && element["Constraint"].contains("conname")) {
      const json& constraint = element["Constraint"];
      members.push_back({"constraint:" + table + "." + constraint.value("conname", ""), constraint.value("location", std::size_t{0})});
    }
  }
  std::sort(members.begin(), members.end(), [](const Member& a, const Member& b) { return a.offset < b.offset; });
  return members;
}

std::string blank_meta_commands(std::string text) {
  std::size_t line_start = 0;
  while (line_start < text.size()) {
    std::size_t line_end = text.find('\n', line_start);
    if (line_end == std::string::npos) line_end = text.size();
    if (text[line_start] == '\\') {
      std::fill(text.begin() + static_cast<std::ptrdiff_t>(line_start),
                text.begin() + static_cast<std::ptrdiff_t>(line_end), ' ');
    }
    line_start = line_end + 1;
  }
  return text;
}

std::size_t skip_space_and_comments(const std::string& text, std::size_t offset) {
  while (offset < text.size()) {
    if (std::isspace(static_cast<unsigned char>(text[offset]))) {
      ++offset;
    } else if (text.compare(offset, 2, "--") == 0) {
      const auto end = text.find('\n', offset);
      offset = end == std::string::npos ? text.size() : end + 1;
    } else if (text.compare(offset, 2, "/*") == 0) {
      int depth = 0;  // PostgreSQL's block comments nest
      do {
        if (text.compare(offset, 2, "/*") == 0) {
          ++depth;
          offset += 2;
        } else if (text.compare(offset, 2, "*/") == 0) {
          --depth;
          offset += 2;
        } else {
          ++offset;
        }
      } while (depth > 0 && offset < text.size());
    } else {
      break;
    }
  }
  return offset;
}

}  // namespace strata::load::detail
