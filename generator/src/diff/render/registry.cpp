#include "kind_renderer.h"

#include <stdexcept>

namespace strata::diff {

const KindRenderer& renderer_for(model::Kind kind) {
  using model::Kind;
  switch (kind) {
    case Kind::Schema: return schema_renderer();
    case Kind::Extension: return extension_renderer();
    case Kind::Type: return type_renderer();
    case Kind::Sequence: return sequence_renderer();
    case Kind::SequenceOwner: return sequence_owner_renderer();
    case Kind::Table: return table_renderer();
    case Kind::Column: return column_renderer();
    case Kind::Default: return default_renderer();
    case Kind::Constraint: return constraint_renderer();
    case Kind::Index: return index_renderer();
    case Kind::View: return view_renderer();
    case Kind::MaterializedView: return materialized_view_renderer();
    case Kind::Function: return function_renderer();
    case Kind::Trigger: return trigger_renderer();
    case Kind::Rule: return rule_renderer();
    case Kind::Policy: return policy_renderer();
    case Kind::Collation: return collation_renderer();
    case Kind::Statistics: return statistics_renderer();
    case Kind::EventTrigger: return event_trigger_renderer();
    case Kind::Publication: return publication_renderer();
    case Kind::TextSearchDictionary: return text_search_dictionary_renderer();
    case Kind::TextSearchConfiguration: return text_search_configuration_renderer();
    case Kind::Cast: return cast_renderer();
    case Kind::Operator: return operator_renderer();
    case Kind::ForeignDataWrapper: return foreign_data_wrapper_renderer();
    case Kind::ForeignServer: return foreign_server_renderer();
    case Kind::Language: return language_renderer();
    case Kind::OperatorFamily: return operator_family_renderer();
    case Kind::OperatorClass: return operator_class_renderer();
    case Kind::DefaultPrivileges: break;  // settings, not objects: privileges.cpp applies them last
  }
  throw std::logic_error("no renderer for kind " + model::to_string(kind));
}

}  // namespace strata::diff
