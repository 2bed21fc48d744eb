// Table columns and column defaults.
#include "columns.h"

#include <algorithm>
#include <cctype>

#include "../attrs.h"
#include "sequence_options.h"
#include "sql_text.h"
#include "strata/diff.h"
#include "strata/stable_hash.h"
#include "type_changes.h"

namespace strata::diff {
namespace {

using model::Object;
using model::quote_ident;
using nlohmann::json;

std::string identity_clause(const json& attrs) {
  const std::string when = attrs::text(attrs, "identity") == "always" ? "ALWAYS" : "BY DEFAULT";
  std::string clause = "GENERATED " + when + " AS IDENTITY";
  if (const json* options = attrs::field(attrs, "identity_options")) {
    const auto clauses = sequence_option_clauses(*options, attrs::text(attrs, "type"));
    if (!clauses.empty()) clause += " (" + sql::join(clauses, " ") + ")";
  }
  return clause;
}

const json& identity_options(const json& attrs) {
  static const json none = json::object();
  const json* options = attrs::field(attrs, "identity_options");
  return options ? *options : none;
}

// The ALTER COLUMN steps between two versions of a column whose generation expression is
// unchanged, in an order PostgreSQL accepts: identity needs NOT NULL first, and NOT NULL can
// only be dropped once the identity is gone (DROP IDENTITY runs in the drop phase).
class ColumnAlteration {
 public:
  ColumnAlteration(const Object& from, const Object& to, const std::string& table_name)
      : from_(from.attrs), to_(to.attrs), column_(quote_ident(to.name)), table_(table_name),
        display_(to.key.substr(to.key.find(':') + 1)),
        prefix_("ALTER TABLE " + table_name + " ALTER COLUMN " + quote_ident(to.name) + " ") {}

  AlterOutcome outcome() {
    drop_expression();
    retype();
    if (!was("not_null") && is("not_null")) {
      add("SET NOT NULL");
      outcome_.warnings.push_back("SET NOT NULL on column " + display_ + " scans table " + table_ +
                                  " under an exclusive lock and fails if a row holds NULL");
    }
    change_identity();
    if (was("not_null") && !is("not_null")) add("DROP NOT NULL");
    change_storage();
    change_compression();
    change_statistics_and_options();
    return std::move(outcome_);
  }

 private:
  bool was(const char* flag) const { return attrs::flag(from_, flag); }
  bool is(const char* flag) const { return attrs::flag(to_, flag); }
  std::optional<std::string> old_text(const char* name) const { return attrs::optional_text(from_, name); }
  std::optional<std::string> new_text(const char* name) const { return attrs::optional_text(to_, name); }
  void add(const std::string& action) { outcome_.statements.push_back(prefix_ + action); }
  // Runs in the drop phase: the identity's hidden sequence goes, freeing its name for a
  // sequence the plan may create under that name (serial columns use the same one).
  void add_before_drops(const std::string& action) { outcome_.before_drops.push_back(prefix_ + action); }

  // A stored generated column becomes an ordinary one, keeping its values.
  void drop_expression() {
    if (old_text("generated") && !new_text("generated")) add("DROP EXPRESSION");
  }

  void retype() {
    const std::string old_type = attrs::text(from_, "type"), new_type = attrs::text(to_, "type");
    const auto new_collation = new_text("collation");
    if (old_type == new_type && old_text("collation") == new_collation) return;
    std::string action = "TYPE " + new_type;
    if (new_collation) {
      action += " COLLATE " + *new_collation;
    } else if (old_text("collation")) {
      action += " COLLATE pg_catalog.\"default\"";
    }
    const bool lossless = is_lossless_type_change(old_type, new_type);
    // A generated column is recomputed, and PostgreSQL rejects USING for it.
    const bool cast = !lossless && needs_explicit_cast(old_type, new_type);
    if (cast && !new_text("generated")) action += " USING " + column_ + "::" + new_type;
    add(action);
    outcome_.destructive = !lossless;
    if (!lossless && cast) {
      outcome_.destructive_reason = "changes column " + display_ + " from " + old_type + " to " + new_type +
                                    ", which can lose data or fail on values that do not convert";
    } else if (!lossless) {
      outcome_.destructive_reason = "narrows column " + display_ + " from " + old_type + " to " + new_type +
                                    ": possibly lossy; the ALTER fails on a value that does not fit (nothing is "
                                    "truncated)";
    }
    if (type_change_rewrites_table(old_type, new_type)) {
      outcome_.warnings.push_back("changing column " + display_ + " from " + old_type + " to " + new_type +
                                  " rewrites table " + table_ + " (and its indexes) under an exclusive lock");
    }
    // Views, rules, policies, triggers over the column block ALTER COLUMN TYPE.
    outcome_.rebuilds_dependents = true;
  }

  void change_identity() {
    const auto old_identity = old_text("identity"), new_identity = new_text("identity");
    if (old_identity == new_identity) {
      if (!new_identity) return;
      for (const auto& clause : changed_sequence_option_clauses(identity_options(from_), identity_options(to_))) {
        add("SET " + clause);
      }
      return;
    }
    if (!new_identity) {
      add_before_drops("DROP IDENTITY");
    } else if (!old_identity) {
      add("ADD " + identity_clause(to_));
    } else {
      add(*new_identity == "always" ? "SET GENERATED ALWAYS" : "SET GENERATED BY DEFAULT");
      for (const auto& clause : changed_sequence_option_clauses(identity_options(from_), identity_options(to_))) {
        add("SET " + clause);
      }
    }
  }

  void change_storage() {
    const auto old_storage = old_text("storage"), new_storage = new_text("storage");
    if (old_storage == new_storage) return;
    std::string storage = new_storage.value_or(default_storage(attrs::text(to_, "type")));
    if (storage.empty()) {
      outcome_.warnings.push_back("cannot reset the storage of column " + column_ + " to its type's default (" +
                                  attrs::text(to_, "type") + " is not a known built-in type); left as " +
                                  *old_storage);
      return;
    }
    add("SET STORAGE " + sql::upper(storage));
  }

  void change_statistics_and_options() {
    const json* old_target = attrs::field(from_, "statistics");
    const json* new_target = attrs::field(to_, "statistics");
    if ((old_target ? *old_target : json()) != (new_target ? *new_target : json())) {
      add("SET STATISTICS " + (new_target && !new_target->is_null() ? std::to_string(new_target->get<int>()) : "-1"));
    }
    const std::string fdw_options = sql::fdw_options_change(attrs::field(from_, "fdw_options"), attrs::field(to_, "fdw_options"));
    if (!fdw_options.empty()) add(fdw_options);
    for (const auto& clause : sql::reloptions_change(option_list(from_), option_list(to_))) add(clause);
  }

  static std::vector<std::string> option_list(const json& attrs) {
    const json* options = attrs::field(attrs, "options");
    return options && options->is_array() ? options->get<std::vector<std::string>>() : std::vector<std::string>{};
  }

  void change_compression() {
    const auto new_compression = new_text("compression");
    if (old_text("compression") == new_compression) return;
    add("SET COMPRESSION " + new_compression.value_or("DEFAULT"));
  }

  const json& from_;
  const json& to_;
  std::string column_;
  std::string table_;
  std::string display_;
  std::string prefix_;
  AlterOutcome outcome_;
};

// A column that becomes an identity keeps numbering where it was: its new sequence would start
// at 1, below the keys already there (the next INSERT fails with a duplicate key). When its old
// default drew from a sequence, the next value of that sequence is noted in a session setting as
// the default is dropped (before the sequence may go in the drop phase); after ADD ... AS
// IDENTITY the identity is set past both it and the largest value in the column.
std::string continuation_setting(const Object& column) {
  return "strata.next_" + stable_hash(column.key);
}

// The sequence an old default draws from (nextval), when there is one.
const Object* sequence_of(const Object& old_default, const CatalogGraph& from) {
  for (const auto& dependency : old_default.depends_on) {
    const Object* sequence = from.find(dependency);
    if (sequence != nullptr && sequence->kind == model::Kind::Sequence) return sequence;
  }
  return nullptr;
}

bool becomes_identity(const Object& old_column, const Object* new_column) {
  return new_column != nullptr && attrs::optional_text(new_column->attrs, "identity") &&
         !attrs::optional_text(old_column.attrs, "identity");
}

void continue_identity(const Object& from, const Object& to, const RenderContext& context, AlterOutcome& outcome) {
  const std::string table = sql::owner_name(to, context.to);
  const Object* old_default = context.from.find_child(from.parent, model::Kind::Default, from.name);
  const bool noted = old_default != nullptr && sequence_of(*old_default, context.from) != nullptr;
  const std::string old_next =
      noted ? "pg_catalog.current_setting(" + model::quote_literal(continuation_setting(to)) + ")::bigint" : "1";
  outcome.statements.push_back("SELECT pg_catalog.setval(pg_catalog.pg_get_serial_sequence(" + model::quote_literal(table) +
                               ", " + model::quote_literal(to.name) + "), greatest(" + old_next + ", coalesce(max(" +
                               quote_ident(to.name) + ") + 1, 1)), false) FROM " + table);
}

// Whether `name` (as quote_ident writes it) stands as a whole name in `text`.
bool names(const std::string& text, const std::string& name) {
  const auto identifier = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' || c == '"'; };
  for (std::size_t at = text.find(name); at != std::string::npos; at = text.find(name, at + 1)) {
    const std::size_t end = at + name.size();
    if ((at == 0 || !identifier(text[at - 1])) && (end >= text.size() || !identifier(text[end]))) return true;
  }
  return false;
}

// PostgreSQL refuses ALTER COLUMN TYPE on a column of a partitioned table's key (and the key
// cannot be changed in place): the plan cannot be written without recreating the table.
void refuse_partition_key_retype(const Object& from, const Object& to, const RenderContext& context) {
  if (attrs::text(from.attrs, "type") == attrs::text(to.attrs, "type")) return;
  const Object* old_table = context.from.find(from.parent);
  const Object* new_table = context.to.find(to.parent);
  if (!old_table || !new_table) return;
  const auto key = attrs::optional_text(new_table->attrs, "partition_key");
  if (!key || key != attrs::optional_text(old_table->attrs, "partition_key") || !names(*key, quote_ident(to.name))) return;
  throw DiffError(to.key, "cannot change the type of column " + to.key.substr(7) + " from " +
                              attrs::text(from.attrs, "type") + " to " + attrs::text(to.attrs, "type") +
                              ": it is in the partition key of " + new_table->key.substr(6) +
                              " (PostgreSQL refuses it); create a new partitioned table and move the rows in a "
                              "data migration");
}

class ColumnRenderer final : public KindRenderer {
 public:
  std::vector<std::string> create(const Object& column, const RenderContext& context) const override {
    const std::string table = sql::owner_name(column, context.to);
    std::vector<std::string> statements{"ALTER TABLE " + table + " ADD COLUMN " +
                                        column_definition(column, inlined_default(column, context))};
    for (auto& followup : column_followups(column, table)) statements.push_back(std::move(followup));
    return statements;
  }
  std::vector<std::string> drop(const Object& column, const RenderContext& context) const override {
    return {"ALTER TABLE " + sql::owner_name(column, context.from) + " DROP COLUMN " + quote_ident(column.name)};
  }
  AlterOutcome alter(const Object& from, const Object& to, const RenderContext& context) const override {
    const auto new_expression = attrs::optional_text(to.attrs, "generated");
    if (new_expression && new_expression != attrs::optional_text(from.attrs, "generated")) {
      // PostgreSQL 15 cannot change a generation expression in place.
      AlterOutcome outcome = AlterOutcome::recreate_because("generation expression changes");
      outcome.destructive = true;
      outcome.destructive_reason = "drops generated column " + to.key.substr(7) + " to add it again";
      outcome.warnings.push_back("column " + to.key.substr(7) + " is dropped and added again to change its generation "
                                 "expression (values are recomputed; the column moves to the end)");
      return outcome;
    }
    refuse_partition_key_retype(from, to, context);
    AlterOutcome outcome = ColumnAlteration(from, to, sql::owner_name(to, context.to)).outcome();
    if (attrs::optional_text(to.attrs, "identity") && !attrs::optional_text(from.attrs, "identity")) {
      continue_identity(from, to, context, outcome);
    }
    return outcome;
  }
  std::string comment_target(const Object& column, const CatalogGraph& graph) const override {
    return "COLUMN " + sql::owner_name(column, graph) + "." + quote_ident(column.name);
  }
  // A generated column's values are recomputed from the others, so dropping it loses nothing.
  bool holds_data(const Object& column) const override { return !attrs::optional_text(column.attrs, "generated"); }
};

class DefaultRenderer final : public KindRenderer {
 public:
  std::vector<std::string> create(const Object& value, const RenderContext& context) const override {
    return {prefix(value, context.to) + "SET DEFAULT " + attrs::text(value.attrs, "expr")};
  }
  std::vector<std::string> drop(const Object& value, const RenderContext& context) const override {
    std::vector<std::string> statements;
    const Object* column = context.from.find_child(value.parent, model::Kind::Column, value.name);
    const Object* sequence = sequence_of(value, context.from);
    if (column != nullptr && sequence != nullptr && becomes_identity(*column, context.to.find(column->key))) {
      // continue_identity() reads this once the column is an identity.
      const std::string name = sql::name_of(*sequence);
      statements.push_back("SELECT pg_catalog.set_config(" + model::quote_literal(continuation_setting(*column)) +
                           ", (CASE WHEN s.is_called THEN s.last_value + p.seqincrement ELSE s.last_value END)::text, "
                           "false) FROM " + name + " s, pg_catalog.pg_sequence p WHERE p.seqrelid = " +
                           model::quote_literal(name) + "::regclass");
    }
    statements.push_back(prefix(value, context.from) + "DROP DEFAULT");
    return statements;
  }
  AlterOutcome alter(const Object&, const Object& to, const RenderContext& context) const override {
    AlterOutcome outcome;
    outcome.statements = create(to, context);
    return outcome;
  }
  std::string comment_target(const Object&, const CatalogGraph&) const override { return ""; }

 private:
  // ONLY: every table's defaults are their own model objects, children's included.
  static std::string prefix(const Object& value, const CatalogGraph& graph) {
    return "ALTER TABLE ONLY " + sql::owner_name(value, graph) + " ALTER COLUMN " + quote_ident(value.name) + " ";
  }
};

}  // namespace

std::string column_definition(const Object& column, const std::optional<std::string>& default_expr) {
  const json& a = column.attrs;
  std::string sql = quote_ident(column.name) + " " + attrs::text(a, "type");
  if (auto compression = attrs::optional_text(a, "compression")) sql += " COMPRESSION " + *compression;
  sql += sql::fdw_options_clause(attrs::field(a, "fdw_options"));
  if (auto collation = attrs::optional_text(a, "collation")) sql += " COLLATE " + *collation;
  if (auto expression = attrs::optional_text(a, "generated")) sql += " GENERATED ALWAYS AS (" + *expression + ") STORED";
  if (attrs::optional_text(a, "identity")) sql += " " + identity_clause(a);
  if (default_expr) sql += " DEFAULT " + *default_expr;
  if (attrs::flag(a, "not_null")) sql += " NOT NULL";
  return sql;
}

std::vector<std::string> column_followups(const Object& column, const std::string& table_name) {
  std::vector<std::string> statements;
  if (auto storage = attrs::optional_text(column.attrs, "storage")) {
    statements.push_back("ALTER TABLE ONLY " + table_name + " ALTER COLUMN " + quote_ident(column.name) +
                         " SET STORAGE " + sql::upper(*storage));
  }
  const std::string prefix = "ALTER TABLE ONLY " + table_name + " ALTER COLUMN " + quote_ident(column.name);
  if (const json* target = attrs::field(column.attrs, "statistics"); target && !target->is_null()) {
    statements.push_back(prefix + " SET STATISTICS " + std::to_string(target->get<int>()));
  }
  if (const json* options = attrs::field(column.attrs, "options"); options && options->is_array() && !options->empty()) {
    statements.push_back(prefix + " SET (" + sql::reloption_list(options->get<std::vector<std::string>>()) + ")");
  }
  return statements;
}

std::optional<std::string> inlined_default(const Object& column, const RenderContext& context) {
  const Object* value = context.to.find_child(column.parent, model::Kind::Default, column.name);
  if (!value || !context.inlined_defaults.count(value->key)) return std::nullopt;
  return attrs::text(value->attrs, "expr");
}

const KindRenderer& column_renderer() {
  static const ColumnRenderer renderer;
  return renderer;
}

const KindRenderer& default_renderer() {
  static const DefaultRenderer renderer;
  return renderer;
}

}  // namespace strata::diff
