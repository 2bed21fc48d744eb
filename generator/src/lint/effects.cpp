// What each statement leaves behind, as far as later rules care: tables and their columns'
// types, constraints (validated or not), indexes, enum labels, function volatility, and the
// session's lock_timeout.
#include <algorithm>

#include "context.h"

namespace strata::lint {

using namespace ast;

bool TableInfo::has_validated_not_null_check(const std::string& column) const {
  return std::any_of(constraints.begin(), constraints.end(), [&](const auto& entry) {
    const auto& constraint = entry.second;
    return constraint.type == "check" && constraint.validated &&
           std::find(constraint.not_null_columns.begin(), constraint.not_null_columns.end(), column) !=
               constraint.not_null_columns.end();
  });
}

const TableInfo* History::table(const std::string& name) const {
  const auto it = tables.find(name);
  return it == tables.end() ? nullptr : &it->second;
}

const ColumnInfo* History::column(const std::string& table_name, const std::string& column_name) const {
  const TableInfo* info = table(table_name);
  if (!info) return nullptr;
  const auto it = info->columns.find(column_name);
  return it == info->columns.end() ? nullptr : &it->second;
}

std::string Context::table_of_index(const std::string& index) const {
  const auto it = history_.index_table.find(index);
  return it == history_.index_table.end() ? "" : it->second;
}

namespace {

std::string constraint_type(const std::string& contype) {
  if (contype == "CONSTR_CHECK") return "check";
  if (contype == "CONSTR_FOREIGN") return "foreign";
  if (contype == "CONSTR_UNIQUE") return "unique";
  if (contype == "CONSTR_PRIMARY") return "primary";
  if (contype == "CONSTR_EXCLUSION") return "exclusion";
  return "";
}

// PostgreSQL's name for an unnamed constraint (<table>_<column>_check, <table>_pkey, ...):
// close enough for a later VALIDATE / DROP CONSTRAINT to find it.
std::string constraint_name(const Json& constraint, const std::string& table, const std::string& column) {
  const std::string name = text(constraint, "conname");
  if (!name.empty()) return name;
  const std::string type = constraint_type(text(constraint, "contype"));
  const std::string relname = table.substr(table.find('.') + 1);
  std::string first_column = column;
  if (first_column.empty()) {
    const auto keys = strings(list(constraint, "keys"));
    const auto fk = strings(list(constraint, "fk_attrs"));
    const auto refs = type == "check" ? not_null_columns(field(constraint, "raw_expr")) : std::vector<std::string>{};
    if (!keys.empty()) first_column = keys[0];
    else if (!fk.empty()) first_column = fk[0];
    else if (!refs.empty()) first_column = refs[0];
  }
  if (type == "primary") return relname + "_pkey";
  if (type == "check") return relname + (first_column.empty() ? "" : "_" + first_column) + "_check";
  if (type == "foreign") return relname + "_" + first_column + "_fkey";
  if (type == "unique") return relname + "_" + first_column + "_key";
  return relname + "_" + first_column + "_excl";
}

void add_constraint(TableInfo& table, const std::string& table_name, const Json& constraint, const std::string& column,
                    Context& context) {
  const std::string type = constraint_type(text(constraint, "contype"));
  if (type.empty()) return;
  ConstraintInfo info;
  info.type = type;
  info.validated = !flag(constraint, "skip_validation");
  if (type == "check") info.not_null_columns = not_null_columns(field(constraint, "raw_expr"));
  const std::string name = constraint_name(constraint, table_name, column);
  if (type == "primary") {
    auto keys = strings(list(constraint, "keys"));
    if (!column.empty()) keys.push_back(column);
    for (const auto& key : keys) {
      if (auto it = table.columns.find(key); it != table.columns.end()) it->second.not_null = true;
    }
  }
  if (!info.validated && !context.no_transaction()) context.file().added_not_valid.insert({table_name, name});
  table.constraints[name] = std::move(info);
}

ColumnInfo column_info(const Json& column_def) {
  ColumnInfo column;
  column.type = type_of(field(column_def, "typeName"));
  for (const auto& constraint : list(column_def, "constraints")) {
    const std::string contype = text(body(constraint), "contype");
    if (contype == "CONSTR_NOTNULL" || contype == "CONSTR_PRIMARY" || contype == "CONSTR_IDENTITY") column.not_null = true;
  }
  if (column.type.base == "serial" || column.type.base == "bigserial" || column.type.base == "smallserial") column.not_null = true;
  return column;
}

void add_column(TableInfo& table, const std::string& table_name, const Json& column_def, Context& context) {
  const std::string name = text(column_def, "colname");
  table.columns[name] = column_info(column_def);
  for (const auto& constraint : list(column_def, "constraints")) add_constraint(table, table_name, body(constraint), name, context);
}

void create_table(const Statement& statement, Context& context) {
  const auto& node = statement.node;
  const std::string name = relation_name(field(node, "relation"));
  TableInfo table;
  table.partitioned = !field(node, "partspec").is_null();
  if (!field(node, "partbound").is_null() || !list(node, "inhRelations").empty() || !field(node, "ofTypename").is_null()) {
    table.columns_known = false;
    for (const auto& parent : list(node, "inhRelations")) {
      if (const TableInfo* info = context.history().table(relation_name(parent))) {
        table.columns = info->columns;
        table.columns_known = info->columns_known;
      }
    }
  }
  for (const auto& element : list(node, "tableElts")) {
    const std::string element_kind = kind(element);
    if (element_kind == "ColumnDef") {
      add_column(table, name, body(element), context);
    } else if (element_kind == "Constraint") {
      add_constraint(table, name, body(element), "", context);
    } else if (element_kind == "TableLikeClause") {
      table.columns_known = false;
    }
  }
  context.history().tables[name] = std::move(table);
  context.file().created_tables.insert(name);
}

void alter_table_effects(const Statement& statement, Context& context) {
  const auto& node = statement.node;
  if (text(node, "objtype") != "OBJECT_TABLE" && text(node, "objtype") != "OBJECT_FOREIGN_TABLE") return;
  const std::string name = relation_name(field(node, "relation"));
  auto& history = context.history();
  const bool known = history.tables.count(name) > 0;
  TableInfo& table = history.tables[name];
  if (!known) table.columns_known = false;  // created outside the linted migrations
  for (const auto& item : list(node, "cmds")) {
    const auto& command = body(item);
    const std::string subtype = text(command, "subtype");
    const std::string column = text(command, "name");
    if (subtype == "AT_AddColumn") {
      add_column(table, name, body(field(command, "def")), context);
    } else if (subtype == "AT_DropColumn") {
      table.columns.erase(column);
      for (auto it = table.constraints.begin(); it != table.constraints.end();) {
        const auto& columns = it->second.not_null_columns;
        if (std::find(columns.begin(), columns.end(), column) != columns.end()) it = table.constraints.erase(it);
        else ++it;
      }
    } else if (subtype == "AT_AlterColumnType") {
      auto& info = table.columns[column];
      info.type = type_of(field(body(field(command, "def")), "typeName"));
    } else if (subtype == "AT_SetNotNull") {
      table.columns[column].not_null = true;
    } else if (subtype == "AT_DropNotNull") {
      if (auto it = table.columns.find(column); it != table.columns.end()) it->second.not_null = false;
    } else if (subtype == "AT_AddConstraint") {
      add_constraint(table, name, body(field(command, "def")), "", context);
    } else if (subtype == "AT_ValidateConstraint") {
      if (auto it = table.constraints.find(column); it != table.constraints.end()) it->second.validated = true;
      else table.constraints[column] = ConstraintInfo{"", true, {}};
    } else if (subtype == "AT_DropConstraint") {
      table.constraints.erase(column);
    }
  }
}

void rename(const Statement& statement, Context& context) {
  const auto& node = statement.node;
  const std::string type = text(node, "renameType");
  const std::string new_name = text(node, "newname");
  auto& history = context.history();
  auto& file = context.file();
  if (type == "OBJECT_TABLE" || type == "OBJECT_VIEW" || type == "OBJECT_MATVIEW" || type == "OBJECT_FOREIGN_TABLE") {
    const std::string old_name = relation_name(field(node, "relation"));
    const std::string renamed = old_name.substr(0, old_name.find('.')) + "." + new_name;
    if (auto it = history.tables.find(old_name); it != history.tables.end()) {
      auto table = std::move(it->second);
      history.tables.erase(it);
      history.tables[renamed] = std::move(table);
    }
    for (auto& [index, table] : history.index_table) {
      if (table == old_name) table = renamed;
    }
    if (file.created_tables.erase(old_name)) file.created_tables.insert(renamed);
  } else if (type == "OBJECT_COLUMN") {
    const std::string table_name = relation_name(field(node, "relation"));
    auto it = history.tables.find(table_name);
    if (it == history.tables.end()) return;
    const std::string old_column = text(node, "subname");
    if (auto column = it->second.columns.find(old_column); column != it->second.columns.end()) {
      auto info = column->second;
      it->second.columns.erase(column);
      it->second.columns[new_name] = info;
    }
    for (auto& [constraint_name, constraint] : it->second.constraints) {
      std::replace(constraint.not_null_columns.begin(), constraint.not_null_columns.end(), old_column, new_name);
    }
  } else if (type == "OBJECT_TABCONSTRAINT") {
    auto it = history.tables.find(relation_name(field(node, "relation")));
    if (it == history.tables.end()) return;
    if (auto constraint = it->second.constraints.find(text(node, "subname")); constraint != it->second.constraints.end()) {
      auto info = constraint->second;
      it->second.constraints.erase(constraint);
      it->second.constraints[new_name] = info;
    }
  } else if (type == "OBJECT_INDEX") {
    const std::string old_name = relation_name(field(node, "relation"));
    const std::string renamed = old_name.substr(0, old_name.find('.')) + "." + new_name;
    if (auto it = history.index_table.find(old_name); it != history.index_table.end()) {
      history.index_table[renamed] = it->second;
      history.index_table.erase(old_name);
    }
    if (file.created_indexes.erase(old_name)) file.created_indexes.insert(renamed);
  } else if (type == "OBJECT_TYPE") {
    const std::string old_name = object_name(strings(list(body(field(node, "object")), "items")));
    const std::string renamed = old_name.substr(0, old_name.find('.')) + "." + new_name;
    ReplacedEnum replaced;
    if (auto it = history.enums.find(old_name); it != history.enums.end()) {
      replaced.labels = it->second;
      history.enums[renamed] = it->second;
      history.enums.erase(old_name);
    }
    file.replaced_enums[old_name] = replaced;
  }
}

void drop(const Statement& statement, Context& context) {
  const auto& node = statement.node;
  const std::string type = text(node, "removeType");
  auto& history = context.history();
  auto& file = context.file();
  for (const auto& object : list(node, "objects")) {
    if (type == "OBJECT_TABLE" || type == "OBJECT_VIEW" || type == "OBJECT_MATVIEW" || type == "OBJECT_FOREIGN_TABLE") {
      const std::string name = object_name(strings(list(body(object), "items")));
      history.tables.erase(name);
      file.created_tables.erase(name);
      for (auto it = history.index_table.begin(); it != history.index_table.end();) {
        it = it->second == name ? history.index_table.erase(it) : std::next(it);
      }
    } else if (type == "OBJECT_INDEX") {
      const std::string name = object_name(strings(list(body(object), "items")));
      history.index_table.erase(name);
      file.created_indexes.erase(name);
    } else if (type == "OBJECT_TYPE" || type == "OBJECT_DOMAIN") {
      const std::string name = object_name(strings(list(body(object), "names")));
      ReplacedEnum replaced;
      if (auto it = history.enums.find(name); it != history.enums.end()) {
        replaced.labels = it->second;
        history.enums.erase(it);
      }
      file.replaced_enums[name] = replaced;
    } else if (type == "OBJECT_SCHEMA") {
      const std::string schema = text(body(object), "sval") + ".";
      const auto in_schema = [&](const std::string& name) { return name.rfind(schema, 0) == 0; };
      std::erase_if(history.tables, [&](const auto& entry) { return in_schema(entry.first); });
      std::erase_if(history.enums, [&](const auto& entry) { return in_schema(entry.first); });
      std::erase_if(history.index_table, [&](const auto& entry) { return in_schema(entry.first); });
    }
  }
}

void create_enum(const Statement& statement, Context& context) {
  const std::string name = object_name(strings(list(statement.node, "typeName")));
  context.history().enums[name] = strings(list(statement.node, "vals"));
  context.file().replaced_enums.erase(name);
}

void alter_enum(const Statement& statement, Context& context) {
  const auto& node = statement.node;
  auto it = context.history().enums.find(object_name(strings(list(node, "typeName"))));
  if (it == context.history().enums.end()) return;
  auto& labels = it->second;
  const std::string old_value = text(node, "oldVal");
  const std::string new_value = text(node, "newVal");
  if (!old_value.empty()) {
    std::replace(labels.begin(), labels.end(), old_value, new_value);
    return;
  }
  if (std::find(labels.begin(), labels.end(), new_value) != labels.end()) return;  // IF NOT EXISTS
  const std::string neighbor = text(node, "newValNeighbor");
  auto at = std::find(labels.begin(), labels.end(), neighbor);
  if (neighbor.empty() || at == labels.end()) labels.push_back(new_value);
  else labels.insert(flag(node, "newValIsAfter") ? std::next(at) : at, new_value);
}

void create_function(const Statement& statement, Context& context) {
  const auto names = strings(list(statement.node, "funcname"));
  if (names.empty()) return;
  char volatility = 'v';  // PostgreSQL's default
  for (const auto& option : list(statement.node, "options")) {
    const auto& element = body(option);
    if (text(element, "defname") != "volatility") continue;
    const std::string value = text(body(field(element, "arg")), "sval");
    volatility = value == "immutable" ? 'i' : value == "stable" ? 's' : 'v';
  }
  context.history().function_volatility[names.back()] = volatility;
}

// A session-level `SET lock_timeout` to something other than 0 protects the statements after it
// (SET LOCAL only lasts until the end of the transaction it is in).
void set_variable(const Statement& statement, Context& context) {
  const auto& node = statement.node;
  // SET LOCAL lasts for the transaction: the whole file, unless it runs statement by statement.
  if (text(node, "name") != "lock_timeout" || (flag(node, "is_local") && context.no_transaction())) return;
  bool set = text(node, "kind") == "VAR_SET_VALUE";
  for (const auto& arg : list(node, "args")) {
    const auto& constant = body(arg);
    const auto& ival = field(constant, "ival");
    if (ival.is_object() && !field(ival, "ival").is_number_integer()) set = false;  // 0 (omitted)
    const auto& sval = field(constant, "sval");
    if (sval.is_object() && (text(sval, "sval") == "0" || text(sval, "sval").empty())) set = false;
  }
  context.file().lock_timeout_set = set;
}

// SELECT set_config('lock_timeout', '5s', false)
// A table CREATE TABLE AS or SELECT INTO makes: filled with the query's rows unless WITH NO DATA,
// so not "new" for the rules that let new (empty) tables off (a foreign key added to it scans
// every copied row under a lock on the referenced table).
void create_table_from_query(const Json& into, Context& context) {
  const std::string name = relation_name(field(into, "rel"));
  TableInfo table;
  table.columns_known = false;
  context.history().tables[name] = std::move(table);
  if (flag(into, "skipData")) context.file().created_tables.insert(name);
  else context.file().created_tables.erase(name);
}

void select(const Statement& statement, Context& context) {
  if (const auto& into = field(statement.node, "intoClause"); into.is_object() && !into.empty()) {
    create_table_from_query(into, context);
  }
  for (const auto& target : list(statement.node, "targetList")) {
    const auto& value = field(body(target), "val");
    if (kind(value) != "FuncCall") continue;
    const auto names = strings(list(body(value), "funcname"));
    const auto& args = list(body(value), "args");
    if (names.empty() || names.back() != "set_config" || args.size() != 3) continue;
    const auto& setting = field(body(args[0]), "sval");
    const auto& local = field(body(args[2]), "boolval");
    if (!setting.is_object() || text(setting, "sval") != "lock_timeout") continue;
    if (local.is_object() && flag(local, "boolval") && context.no_transaction()) continue;
    const auto& value_text = field(body(args[1]), "sval");
    context.file().lock_timeout_set = value_text.is_object() && text(value_text, "sval") != "0";
  }
}

}  // namespace

void apply_effects(const Statement& statement, Context& context) {
  const auto& type = statement.type;
  if (type == "CreateStmt") {
    create_table(statement, context);
  } else if (type == "CreateTableAsStmt") {
    // (A materialized view too: its rows are no table's a later rule looks at.)
    create_table_from_query(field(statement.node, "into"), context);
  } else if (type == "InsertStmt") {
    // INSERT ... SELECT fills a table created in this file with copied rows (VALUES adds a few).
    const auto& source = field(statement.node, "selectStmt");
    if (source.is_object() && !source.empty() && list(body(source), "valuesLists").empty()) {
      context.file().created_tables.erase(relation_name(field(statement.node, "relation")));
    }
  } else if (type == "AlterTableStmt") {
    alter_table_effects(statement, context);
  } else if (type == "RenameStmt") {
    rename(statement, context);
  } else if (type == "IndexStmt") {
    const auto& relation = field(statement.node, "relation");
    const std::string table = relation_name(relation);
    const std::string index = text(statement.node, "idxname");
    if (!index.empty()) {
      const std::string name = qualified(text(relation, "schemaname"), index);
      context.history().index_table[name] = table;
      context.file().created_indexes.insert(name);
    }
  } else if (type == "CreateSchemaStmt") {
    context.file().created_schemas.insert(text(statement.node, "schemaname"));
  } else if (type == "DropStmt") {
    drop(statement, context);
  } else if (type == "CreateEnumStmt") {
    create_enum(statement, context);
  } else if (type == "AlterEnumStmt") {
    alter_enum(statement, context);
  } else if (type == "CreateFunctionStmt") {
    create_function(statement, context);
  } else if (type == "VariableSetStmt") {
    set_variable(statement, context);
  } else if (type == "SelectStmt") {
    select(statement, context);
  }
}

}  // namespace strata::lint
