// One KindRenderer per model kind: everything about how that kind is written in SQL (create,
// drop, in-place alter, COMMENT ON target) lives in its renderer, one file per group of kinds.
// Renderers say nothing about order; the planner decides when their statements run.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "../catalog_graph.h"
#include "strata/model.h"

namespace strata::diff {

// What the renderers may look at: both catalogs, and facts the planner settled before rendering.
struct RenderContext {
  const CatalogGraph& from;
  const CatalogGraph& to;
  std::set<std::string> inlined_defaults;   // Default keys written inside CREATE TABLE / ADD COLUMN
  std::set<std::string> attached_tables;    // partitions this plan attaches (ATTACH PARTITION step)
};

// How an object changes when both versions exist.
struct AlterOutcome {
  bool recreate = false;                  // cannot alter in place: drop, then create
  std::string recreate_reason;            // e.g. "label 'G' removed", for summaries and errors
  std::vector<std::string> before_drops;  // run in the drop phase (DETACH PARTITION, NO INHERIT)
  std::vector<std::string> statements;    // run in the create/alter phase
  bool destructive = false;               // may lose data (lossy retype, recreated table)
  std::string destructive_reason;         // why, when destructive
  bool rebuilds_dependents = false;       // dependents PostgreSQL won't carry across must be
                                          // recreated (views over a column whose type changes)
  bool swaps_type = false;                // a type replaced under its columns: what else uses
                                          // it, and what uses those columns, is recreated
  std::vector<std::string> warnings;

  static AlterOutcome recreate_because(std::string reason) {
    AlterOutcome outcome;
    outcome.recreate = true;
    outcome.recreate_reason = std::move(reason);
    return outcome;
  }
};

class KindRenderer {
 public:
  virtual ~KindRenderer() = default;
  virtual std::vector<std::string> create(const model::Object& object, const RenderContext& context) const = 0;
  virtual std::vector<std::string> drop(const model::Object& object, const RenderContext& context) const = 0;
  virtual AlterOutcome alter(const model::Object& from, const model::Object& to,
                             const RenderContext& context) const = 0;
  // "TABLE public.film" for COMMENT ON; "" when the kind takes no comment.
  virtual std::string comment_target(const model::Object& object, const CatalogGraph& graph) const = 0;
  // Dropping it loses data (tables, columns, sequences).
  virtual bool holds_data(const model::Object&) const { return false; }
};

const KindRenderer& renderer_for(model::Kind kind);

// One accessor per renderer file; registry.cpp maps kinds to them.
const KindRenderer& schema_renderer();
const KindRenderer& extension_renderer();
const KindRenderer& type_renderer();
const KindRenderer& sequence_renderer();
const KindRenderer& sequence_owner_renderer();
const KindRenderer& table_renderer();
const KindRenderer& column_renderer();
const KindRenderer& default_renderer();
const KindRenderer& constraint_renderer();
const KindRenderer& index_renderer();
const KindRenderer& view_renderer();
const KindRenderer& materialized_view_renderer();
const KindRenderer& function_renderer();
const KindRenderer& trigger_renderer();
const KindRenderer& rule_renderer();
const KindRenderer& policy_renderer();
const KindRenderer& collation_renderer();
const KindRenderer& statistics_renderer();
const KindRenderer& event_trigger_renderer();
const KindRenderer& publication_renderer();
const KindRenderer& text_search_dictionary_renderer();
const KindRenderer& text_search_configuration_renderer();
const KindRenderer& cast_renderer();
const KindRenderer& operator_renderer();
const KindRenderer& foreign_data_wrapper_renderer();
const KindRenderer& foreign_server_renderer();
const KindRenderer& language_renderer();
const KindRenderer& operator_family_renderer();
const KindRenderer& operator_class_renderer();

}  // namespace strata::diff
