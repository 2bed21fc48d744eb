// What the planner has decided for every object of A ∪ B. Built by decide(), widened by the
// recreate closure, then read by ordering and emission.
#pragma once

#include <map>
#include <string>

#include "catalog_graph.h"
#include "render/kind_renderer.h"
#include "strata/model.h"

namespace strata::diff {

enum class Fate {
  Keep,      // same in A and B (a comment may still differ)
  Create,    // only in B
  Drop,      // only in A
  Recreate,  // in both, dropped and created again
  Alter,     // in both, changed in place
};

struct ObjectPlan {
  const model::Object* from = nullptr;  // the object in A, if any
  const model::Object* to = nullptr;    // the object in B, if any
  Fate fate = Fate::Keep;
  AlterOutcome outcome;   // Alter: its steps; Recreate: reason, warnings, destructive
  bool hoisted = false;   // an Alter that must run in the drop phase, before `cause` is dropped
  std::string cause;      // the dropped object that forced a Recreate (or the hoisting)
};

class PlanState {
 public:
  PlanState(const model::Catalog& from, const model::Catalog& to);
  PlanState(const PlanState&) = delete;
  PlanState& operator=(const PlanState&) = delete;

  const CatalogGraph from_graph;
  const CatalogGraph to_graph;
  std::map<std::string, ObjectPlan> objects;  // every key of A ∪ B

  const ObjectPlan& at(const std::string& key) const;
  Fate fate(const std::string& key) const;  // Keep for unknown keys
  bool drops(const std::string& key) const { return fate(key) == Fate::Drop || fate(key) == Fate::Recreate; }
  bool builds(const std::string& key) const { return fate(key) == Fate::Create || fate(key) == Fate::Recreate; }
  // Has statements in the create/alter phase that others may have to wait for.
  bool touches_in_create_phase(const std::string& key) const;

  RenderContext render_context() const { return RenderContext{from_graph, to_graph, {}, {}}; }
};

}  // namespace strata::diff
