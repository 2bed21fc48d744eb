// Sequences and sequence ownership (ALTER SEQUENCE ... OWNED BY).
#include <map>
#include <optional>

#include "../attrs.h"
#include "kind_renderer.h"
#include "sequence_options.h"
#include "sql_text.h"

namespace strata::diff {
namespace {

using model::Object;
using nlohmann::json;

struct OptionSpelling {
  const char* attr;
  const char* clause;
};
constexpr OptionSpelling kValuedOptions[] = {
    {"start", "START WITH "}, {"increment", "INCREMENT BY "}, {"min", "MINVALUE "},
    {"max", "MAXVALUE "},     {"cache", "CACHE "},
};

std::string cycle_clause(const json& options) { return attrs::flag(options, "cycle") ? "CYCLE" : "NO CYCLE"; }

// What PostgreSQL picks for an option left out of CREATE SEQUENCE / AS IDENTITY, so that
// migrations only spell out what the schema actually chose.
std::optional<std::string> default_option_value(const json& options, const std::string& attr,
                                                const std::string& data_type) {
  static const std::map<std::string, std::pair<std::string, std::string>> kRanges = {
      {"smallint", {"-32768", "32767"}},
      {"integer", {"-2147483648", "2147483647"}},
      {"bigint", {"-9223372036854775808", "9223372036854775807"}},
  };
  const auto range = kRanges.find(data_type.empty() ? "bigint" : data_type);
  if (range == kRanges.end()) return std::nullopt;
  const bool descending = attrs::optional_text(options, "increment").value_or("1").starts_with('-');
  const std::string min = descending ? range->second.first : "1";
  const std::string max = descending ? "-1" : range->second.second;
  if (attr == "increment" || attr == "cache") return "1";
  if (attr == "min") return min;
  if (attr == "max") return max;
  if (attr == "start") return descending ? attrs::optional_text(options, "max").value_or(max)
                                         : attrs::optional_text(options, "min").value_or(min);
  return std::nullopt;
}

// Sequence bounds are 64-bit integers as decimal text.
bool integer_less(const std::string& a, const std::string& b) {
  try {
    return std::stoll(a) < std::stoll(b);
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace

std::vector<std::string> sequence_option_clauses(const json& options, const std::string& data_type) {
  std::vector<std::string> clauses;
  for (const auto& option : kValuedOptions) {
    auto value = attrs::optional_text(options, option.attr);
    if (value && value != default_option_value(options, option.attr, data_type)) clauses.push_back(option.clause + *value);
  }
  if (attrs::flag(options, "cycle")) clauses.push_back(cycle_clause(options));
  return clauses;
}

std::vector<std::string> changed_sequence_option_clauses(const json& from, const json& to) {
  std::vector<std::string> clauses;
  for (const auto& option : kValuedOptions) {
    auto value = attrs::optional_text(to, option.attr);
    if (value && value != attrs::optional_text(from, option.attr)) clauses.push_back(option.clause + *value);
  }
  if (attrs::flag(from, "cycle") != attrs::flag(to, "cycle")) clauses.push_back(cycle_clause(to));
  return clauses;
}

namespace {

class SequenceRenderer final : public KindRenderer {
 public:
  std::vector<std::string> create(const Object& sequence, const RenderContext&) const override {
    std::vector<std::string> clauses;
    if (auto type = attrs::optional_text(sequence.attrs, "data_type")) clauses.push_back("AS " + *type);
    for (auto& clause : sequence_option_clauses(sequence.attrs, attrs::optional_text(sequence.attrs, "data_type").value_or("bigint"))) {
      clauses.push_back(std::move(clause));
    }
    return {std::string(attrs::flag(sequence.attrs, "unlogged") ? "CREATE UNLOGGED SEQUENCE " : "CREATE SEQUENCE ") +
            sql::name_of(sequence) + (clauses.empty() ? "" : " " + sql::join(clauses, " "))};
  }
  std::vector<std::string> drop(const Object& sequence, const RenderContext&) const override {
    return {"DROP SEQUENCE " + sql::name_of(sequence)};
  }
  AlterOutcome alter(const Object& from, const Object& to, const RenderContext&) const override {
    std::vector<std::string> clauses;
    auto type = attrs::optional_text(to.attrs, "data_type");
    if (type && type != attrs::optional_text(from.attrs, "data_type")) clauses.push_back("AS " + *type);
    for (auto& clause : changed_sequence_option_clauses(from.attrs, to.attrs)) clauses.push_back(std::move(clause));
    AlterOutcome outcome;
    if (attrs::flag(from.attrs, "unlogged") != attrs::flag(to.attrs, "unlogged")) {
      outcome.statements.push_back("ALTER SEQUENCE " + sql::name_of(to) +
                                   (attrs::flag(to.attrs, "unlogged") ? " SET UNLOGGED" : " SET LOGGED"));
    }
    if (clauses.empty()) return outcome;
    // A raised MINVALUE must not be above the sequence's current value (ALTER SEQUENCE fails:
    // "RESTART value cannot be less than MINVALUE"). A value below it was never issued, so the
    // sequence moves up to the new minimum, keeping a higher current value as it is.
    const auto old_min = attrs::optional_text(from.attrs, "min"), new_min = attrs::optional_text(to.attrs, "min");
    if (old_min && new_min && integer_less(*old_min, *new_min)) {
      const std::string name = sql::name_of(to);
      const auto old_max = attrs::optional_text(from.attrs, "max"), new_max = attrs::optional_text(to.attrs, "max");
      if (old_max && new_max && integer_less(*old_max, *new_min)) {
        // setval() must stay within the old bounds: the new maximum first.
        outcome.statements.push_back("ALTER SEQUENCE " + name + " MAXVALUE " + *new_max);
      }
      outcome.statements.push_back("SELECT pg_catalog.setval(" + model::quote_literal(name) + ", greatest(last_value, " +
                                   *new_min + "), last_value >= " + *new_min + " AND is_called) FROM " + name);
    }
    outcome.statements.push_back("ALTER SEQUENCE " + sql::name_of(to) + " " + sql::join(clauses, " "));
    return outcome;
  }
  std::string comment_target(const Object& sequence, const CatalogGraph&) const override {
    return "SEQUENCE " + sql::name_of(sequence);
  }
  // A sequence's current value is state the schema files cannot recreate.
  bool holds_data(const Object&) const override { return true; }
};

// The owner is its own object because OWNED BY needs the column to exist, and because the
// ownership must be released (OWNED BY NONE) before a kept sequence's owning column is dropped:
// dropping a column drops the sequences it owns.
class SequenceOwnerRenderer final : public KindRenderer {
 public:
  std::vector<std::string> create(const Object& owner, const RenderContext& context) const override {
    return {owned_by(owner, context.to, owner_column(owner, context.to))};
  }
  std::vector<std::string> drop(const Object& owner, const RenderContext& context) const override {
    return {owned_by(owner, context.from, "NONE")};
  }
  AlterOutcome alter(const Object&, const Object& to, const RenderContext& context) const override {
    AlterOutcome outcome;
    outcome.statements = create(to, context);
    return outcome;
  }
  std::string comment_target(const Object&, const CatalogGraph&) const override { return ""; }

 private:
  static std::string owned_by(const Object& owner, const CatalogGraph& graph, const std::string& target) {
    return "ALTER SEQUENCE " + sql::owner_name(owner, graph) + " OWNED BY " + target;
  }
  static std::string owner_column(const Object& owner, const CatalogGraph& graph) {
    const std::string table_key = attrs::text(owner.attrs, "table");
    const Object* table = graph.find(table_key);
    if (!table) throw std::logic_error("sequence owner '" + owner.key + "' names unknown table '" + table_key + "'");
    return sql::name_of(*table) + "." + model::quote_ident(attrs::text(owner.attrs, "column"));
  }
};

}  // namespace

const KindRenderer& sequence_renderer() {
  static const SequenceRenderer renderer;
  return renderer;
}

const KindRenderer& sequence_owner_renderer() {
  static const SequenceOwnerRenderer renderer;
  return renderer;
}

}  // namespace strata::diff
