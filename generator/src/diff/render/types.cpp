// User-defined types: enums, domains, composites and ranges (attrs.type_kind says which).
#include <algorithm>

#include "../attrs.h"
#include "kind_renderer.h"
#include "sql_text.h"

namespace strata::diff {
namespace {

using model::Object;
using model::quote_ident;
using model::quote_literal;
using nlohmann::json;

std::string type_kind(const Object& type) { return attrs::text(type.attrs, "type_kind"); }
bool is_domain(const Object& type) { return type_kind(type) == "domain"; }

std::string collate_clause(const json& attrs) {
  auto collation = attrs::optional_text(attrs, "collation");
  return collation ? " COLLATE " + *collation : "";
}

// ---- enums -------------------------------------------------------------------------------

std::vector<std::string> create_enum(const Object& type) {
  std::vector<std::string> labels;
  for (const auto& label : attrs::texts(type.attrs, "labels")) labels.push_back(quote_literal(label));
  return {"CREATE TYPE " + sql::name_of(type) + " AS ENUM (" + sql::join(labels, ", ") + ")"};
}

// The columns of tables that hold `type` (or an array of it) in A and still do in B: what a swap
// converts in place. Inherited columns follow their parent's ALTER COLUMN TYPE.
std::vector<const Object*> columns_holding(const Object& type, const RenderContext& context) {
  std::vector<const Object*> columns;
  for (const auto& key : context.from.dependents(type.key)) {
    const Object* column = context.from.find(key);
    const Object* kept = context.to.find(key);
    if (column->kind != model::Kind::Column || !kept || attrs::flag(column->attrs, "inherited")) continue;
    const std::string held = attrs::text(column->attrs, "type");
    if (held != attrs::text(kept->attrs, "type") || held.rfind(sql::name_of(type), 0) != 0) continue;
    columns.push_back(column);
  }
  return columns;
}

// Labels removed or reordered, which PostgreSQL cannot do in place, while columns hold the type:
// the old type is renamed aside, the new one created, each column converted through text (the
// ALTER fails, naming the label, when a row holds a removed one; nothing is lost), and the old
// type dropped. The closure recreates what else uses the type, and what uses those columns.
AlterOutcome swap_enum(const Object& from, const Object& to, const std::vector<const Object*>& columns,
                       const std::string& reason, const RenderContext& context) {
  AlterOutcome outcome;
  outcome.swaps_type = true;
  const std::string aside = to.name + "__strata_old";
  outcome.statements.push_back("ALTER TYPE " + sql::name_of(from) + " RENAME TO " + quote_ident(aside));
  for (auto& statement : create_enum(to)) outcome.statements.push_back(std::move(statement));
  for (const Object* column : columns) {
    const std::string type = attrs::text(column->attrs, "type");
    const std::string array_suffix = type.substr(sql::name_of(to).size());  // "" or "[]"
    const std::string name = quote_ident(column->name);
    outcome.statements.push_back("ALTER TABLE " + sql::owner_name(*column, context.from) +
                                 " ALTER COLUMN " + name + " TYPE " + type + " USING " + name + "::text" + array_suffix +
                                 "::" + type);
  }
  outcome.statements.push_back("DROP TYPE " + model::qualified_name(to.schema, aside));
  outcome.warnings.push_back("type " + sql::name_of(to) + " is replaced (" + reason + ") and its columns converted; the "
                             "migration fails, changing nothing, if a row holds a removed label");
  return outcome;
}

// Labels are added in place (ADD VALUE ... BEFORE/AFTER); removing or moving one swaps the type
// when columns hold it, and recreates it when nothing does.
AlterOutcome alter_enum(const Object& from, const Object& to, const RenderContext& context) {
  const auto old_labels = attrs::texts(from.attrs, "labels");
  const auto new_labels = attrs::texts(to.attrs, "labels");
  std::string reason;
  for (const auto& label : old_labels) {
    if (std::find(new_labels.begin(), new_labels.end(), label) == new_labels.end()) {
      reason = "label " + quote_literal(label) + " removed";
      break;
    }
  }
  std::vector<std::string> kept_in_new_order;
  for (const auto& label : new_labels) {
    if (std::find(old_labels.begin(), old_labels.end(), label) != old_labels.end()) kept_in_new_order.push_back(label);
  }
  if (reason.empty() && kept_in_new_order != old_labels) reason = "labels reordered";
  if (!reason.empty()) {
    const auto columns = columns_holding(from, context);
    return columns.empty() ? AlterOutcome::recreate_because(reason) : swap_enum(from, to, columns, reason, context);
  }

  AlterOutcome outcome;
  const std::string prefix = "ALTER TYPE " + sql::name_of(to) + " ADD VALUE ";
  for (size_t i = 0; i < new_labels.size(); ++i) {
    const auto& label = new_labels[i];
    if (std::find(old_labels.begin(), old_labels.end(), label) != old_labels.end()) continue;
    // Adding in list order, the label before this one always exists by now.
    if (i > 0) {
      outcome.statements.push_back(prefix + quote_literal(label) + " AFTER " + quote_literal(new_labels[i - 1]));
    } else if (!old_labels.empty()) {
      outcome.statements.push_back(prefix + quote_literal(label) + " BEFORE " + quote_literal(old_labels.front()));
    } else {
      outcome.statements.push_back(prefix + quote_literal(label));
    }
  }
  return outcome;
}

// ---- domains -----------------------------------------------------------------------------

struct DomainConstraint {
  std::string name, definition;
  bool validated = true;
  bool operator==(const DomainConstraint&) const = default;
};

std::vector<DomainConstraint> domain_constraints(const Object& domain) {
  std::vector<DomainConstraint> out;
  for (const auto& item : attrs::list(domain.attrs, "constraints")) {
    out.push_back({attrs::text(item, "name"), attrs::text(item, "definition"),
                   !item.contains("validated") || attrs::flag(item, "validated")});
  }
  return out;
}

const DomainConstraint* find_constraint(const std::vector<DomainConstraint>& list, const std::string& name) {
  for (const auto& constraint : list) {
    if (constraint.name == name) return &constraint;
  }
  return nullptr;
}

// pg_get_constraintdef ends a NOT VALID constraint's definition with " NOT VALID".
bool only_validation_differs(const DomainConstraint& from, const DomainConstraint& to) {
  return !from.validated && to.validated && from.definition == to.definition + " NOT VALID";
}

std::vector<std::string> create_domain(const Object& domain) {
  const std::string name = sql::name_of(domain);
  std::string sql = "CREATE DOMAIN " + name + " AS " + attrs::text(domain.attrs, "base_type");
  sql += collate_clause(domain.attrs);
  if (auto expr = attrs::optional_text(domain.attrs, "default")) sql += " DEFAULT " + *expr;
  if (attrs::flag(domain.attrs, "not_null")) sql += " NOT NULL";
  std::vector<std::string> later;
  for (const auto& constraint : domain_constraints(domain)) {
    // CREATE DOMAIN takes no NOT VALID constraints; those are added afterwards.
    if (constraint.validated) {
      sql += " CONSTRAINT " + quote_ident(constraint.name) + " " + constraint.definition;
    } else {
      later.push_back("ALTER DOMAIN " + name + " ADD CONSTRAINT " + quote_ident(constraint.name) + " " +
                      constraint.definition);
    }
  }
  later.insert(later.begin(), sql);
  return later;
}

AlterOutcome alter_domain(const Object& from, const Object& to) {
  if (attrs::text(from.attrs, "base_type") != attrs::text(to.attrs, "base_type")) {
    return AlterOutcome::recreate_because("base type changes");
  }
  if (attrs::optional_text(from.attrs, "collation") != attrs::optional_text(to.attrs, "collation")) {
    return AlterOutcome::recreate_because("collation changes");
  }
  AlterOutcome outcome;
  const std::string prefix = "ALTER DOMAIN " + sql::name_of(to) + " ";
  const auto old_constraints = domain_constraints(from);
  const auto new_constraints = domain_constraints(to);
  std::vector<std::string> adds, validates;
  for (const auto& old : old_constraints) {
    const DomainConstraint* now = find_constraint(new_constraints, old.name);
    if (now && (*now == old || only_validation_differs(old, *now))) continue;
    outcome.statements.push_back(prefix + "DROP CONSTRAINT " + quote_ident(old.name));
  }
  const auto old_default = attrs::optional_text(from.attrs, "default");
  const auto new_default = attrs::optional_text(to.attrs, "default");
  if (old_default != new_default) {
    outcome.statements.push_back(prefix + (new_default ? "SET DEFAULT " + *new_default : "DROP DEFAULT"));
  }
  if (attrs::flag(from.attrs, "not_null") != attrs::flag(to.attrs, "not_null")) {
    outcome.statements.push_back(prefix + (attrs::flag(to.attrs, "not_null") ? "SET NOT NULL" : "DROP NOT NULL"));
  }
  for (const auto& now : new_constraints) {
    const DomainConstraint* old = find_constraint(old_constraints, now.name);
    if (old && *old == now) continue;
    if (old && only_validation_differs(*old, now)) {
      validates.push_back(prefix + "VALIDATE CONSTRAINT " + quote_ident(now.name));
    } else {
      adds.push_back(prefix + "ADD CONSTRAINT " + quote_ident(now.name) + " " + now.definition);
    }
  }
  outcome.statements.insert(outcome.statements.end(), adds.begin(), adds.end());
  outcome.statements.insert(outcome.statements.end(), validates.begin(), validates.end());
  return outcome;
}

// ---- composites --------------------------------------------------------------------------

struct Attribute {
  std::string name, type;
  std::optional<std::string> collation;
};

std::vector<Attribute> composite_attributes(const Object& type) {
  std::vector<Attribute> out;
  for (const auto& item : attrs::list(type.attrs, "attributes")) {
    out.push_back({attrs::text(item, "name"), attrs::text(item, "type"), attrs::optional_text(item, "collation")});
  }
  return out;
}

std::string attribute_definition(const Attribute& attribute) {
  return quote_ident(attribute.name) + " " + attribute.type + (attribute.collation ? " COLLATE " + *attribute.collation : "");
}

const Attribute* find_attribute(const std::vector<Attribute>& list, const std::string& name) {
  for (const auto& attribute : list) {
    if (attribute.name == name) return &attribute;
  }
  return nullptr;
}

std::vector<std::string> create_composite(const Object& type) {
  std::vector<std::string> attributes;
  for (const auto& attribute : composite_attributes(type)) attributes.push_back(attribute_definition(attribute));
  return {"CREATE TYPE " + sql::name_of(type) + " AS (" + sql::join(attributes, ", ") + ")"};
}

bool used_by_a_column(const Object& type, const CatalogGraph& graph) {
  for (const auto& key : graph.dependents(type.key)) {
    if (graph.find(key)->kind == model::Kind::Column) return true;
  }
  return false;
}

// Attributes can be dropped, appended and retyped; kept ones cannot move. PostgreSQL refuses to
// retype an attribute of a composite that a table column uses, so that becomes a recreate (which
// the planner then reports as impossible, naming the column).
AlterOutcome alter_composite(const Object& from, const Object& to, const CatalogGraph& from_graph) {
  const auto old_attributes = composite_attributes(from);
  const auto new_attributes = composite_attributes(to);
  // A typed table's columns are the type's attributes (ALTER TYPE ... CASCADE would change them
  // under the table): the planner reports the table that would have to be recreated.
  for (const auto& key : from_graph.dependents(from.key)) {
    const Object* table = from_graph.find(key);
    if (table->kind == model::Kind::Table && attrs::optional_text(table->attrs, "of_type")) {
      return AlterOutcome::recreate_because("it is the type of typed table " + sql::name_of(*table));
    }
  }
  std::vector<std::string> kept_old_order, kept_new_order;
  for (const auto& a : old_attributes) {
    if (find_attribute(new_attributes, a.name)) kept_old_order.push_back(a.name);
  }
  size_t end_of_kept = 0, first_added = new_attributes.size();
  for (size_t i = 0; i < new_attributes.size(); ++i) {
    if (find_attribute(old_attributes, new_attributes[i].name)) {
      kept_new_order.push_back(new_attributes[i].name);
      end_of_kept = i + 1;
    } else {
      first_added = std::min(first_added, i);
    }
  }
  if (kept_old_order != kept_new_order || first_added < end_of_kept) {
    return AlterOutcome::recreate_because("attribute order changes");
  }

  AlterOutcome outcome;
  const std::string prefix = "ALTER TYPE " + sql::name_of(to) + " ";
  for (const auto& old : old_attributes) {
    if (!find_attribute(new_attributes, old.name)) {
      outcome.statements.push_back(prefix + "DROP ATTRIBUTE " + quote_ident(old.name));
    }
  }
  for (const auto& now : new_attributes) {
    const Attribute* old = find_attribute(old_attributes, now.name);
    if (!old) {
      outcome.statements.push_back(prefix + "ADD ATTRIBUTE " + attribute_definition(now));
    } else if (old->type != now.type || old->collation != now.collation) {
      if (used_by_a_column(from, from_graph)) {
        return AlterOutcome::recreate_because("attribute " + quote_ident(now.name) + " changes type");
      }
      outcome.statements.push_back(prefix + "ALTER ATTRIBUTE " + quote_ident(now.name) + " TYPE " + now.type +
                                   (now.collation ? " COLLATE " + *now.collation : ""));
    }
  }
  return outcome;
}

// ---- ranges ------------------------------------------------------------------------------

std::vector<std::string> create_range(const Object& type) {
  std::vector<std::string> options{"SUBTYPE = " + attrs::text(type.attrs, "subtype")};
  auto add = [&](const char* option, const char* attr) {
    if (auto value = attrs::optional_text(type.attrs, attr)) options.push_back(std::string(option) + " = " + *value);
  };
  // All of these arrive qualified and quoted as needed (docs/model.md).
  add("SUBTYPE_OPCLASS", "subtype_opclass");
  add("COLLATION", "collation");
  add("CANONICAL", "canonical");
  add("SUBTYPE_DIFF", "subtype_diff");
  add("MULTIRANGE_TYPE_NAME", "multirange_name");
  return {"CREATE TYPE " + sql::name_of(type) + " AS RANGE (" + sql::join(options, ", ") + ")"};
}

class TypeRenderer final : public KindRenderer {
 public:
  std::vector<std::string> create(const Object& type, const RenderContext&) const override {
    const std::string kind = type_kind(type);
    if (kind == "enum") return create_enum(type);
    if (kind == "domain") return create_domain(type);
    if (kind == "composite") return create_composite(type);
    if (kind == "range") return create_range(type);
    throw std::logic_error("type '" + type.key + "' has unknown type_kind '" + kind + "'");
  }
  std::vector<std::string> drop(const Object& type, const RenderContext&) const override {
    return {(is_domain(type) ? "DROP DOMAIN " : "DROP TYPE ") + sql::name_of(type)};
  }
  AlterOutcome alter(const Object& from, const Object& to, const RenderContext& context) const override {
    const std::string kind = type_kind(to);
    if (kind != type_kind(from)) return AlterOutcome::recreate_because("kind of type changes");
    if (kind == "enum") return alter_enum(from, to, context);
    if (kind == "domain") return alter_domain(from, to);
    if (kind == "composite") return alter_composite(from, to, context.from);
    return AlterOutcome::recreate_because("range types cannot be altered");
  }
  std::string comment_target(const Object& type, const CatalogGraph&) const override {
    return (is_domain(type) ? "DOMAIN " : "TYPE ") + sql::name_of(type);
  }
};

}  // namespace

const KindRenderer& type_renderer() {
  static const TypeRenderer renderer;
  return renderer;
}

}  // namespace strata::diff
