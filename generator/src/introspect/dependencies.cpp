// Object dependencies, from pg_depend, mapped to model objects through the registry.
#include "readers.h"

namespace strata::introspect {
namespace {

void read_dependencies(Context& context, const QueryResult& rows) {
  const ObjectRegistry& registry = context.registry();
  for (const auto& row : rows) {
    model::Object* dependent =
        registry.owner_of({row.oid("classid"), row.oid("objid"), row.integer("objsubid")});
    if (dependent == nullptr) continue;  // not in the model (system or extension object)
    const model::Object* target = registry.dependency_target(
        {row.oid("refclassid"), row.oid("refobjid"), row.integer("refobjsubid")});
    // (The _RETURN rule also depends on its view as a whole, subid 0: that is no self-reference.)
    if (target == dependent && dependent->kind == model::Kind::View && row.integer("refobjsubid") > 0) {
      // A view whose query reads the view itself (CREATE OR REPLACE VIEW v AS ... FROM v, which
      // PostgreSQL accepts): it can only be created the way pg_dump does, from a placeholder.
      dependent->attrs["self_reference"] = true;
      continue;
    }
    if (target == nullptr || target == dependent) continue;
    // The parent (a column's or index's table) is implied by `parent`, and so is the schema of
    // an object that has a parent (an identity column's sequence depends on it, for one).
    if (target->key == dependent->parent) continue;
    if (!dependent->parent.empty() && target->kind == model::Kind::Schema) continue;
    // A sequence's automatic dependency on a column is its OWNED BY, which is the SequenceOwner
    // object; as a dependency it would order the sequence after the table that uses it.
    if (dependent->kind == model::Kind::Sequence && target->kind == model::Kind::Column) continue;
    dependent->depends_on.push_back(target->key);
  }
}

}  // namespace

std::vector<Reader> dependency_readers() {
  // n (normal) and a (automatic) are what an object needs to exist; P and S tie a partition's
  // index or constraint to the parent's index / constraint (and to the partition), so that a
  // partition's index is created after the parent index it is attached to. Internal (i) and
  // extension (e) dependencies are parts of one model object, handled by the registry.
  return {{"read dependencies",
           "SELECT d.classid, d.objid, d.objsubid, d.refclassid, d.refobjid, d.refobjsubid"
           " FROM pg_depend d WHERE d.deptype IN ('n', 'a', 'P', 'S')",
           read_dependencies}};
}

}  // namespace strata::introspect
