#include "ordering.h"

#include <cstdio>

#include <map>
#include <optional>

#include "absorption.h"
#include "attrs.h"
#include "render/tables.h"
#include "strata/diff.h"
#include "topo_sort.h"

namespace strata::diff {
namespace {

using model::Kind;
using model::Object;

constexpr int kAttachRank = 11;

// CREATE TABLE writes the table's columns, so the table waits for what they need: the types
// they use, the functions of their generation expressions.
std::vector<std::string> creation_dependencies(const CatalogGraph& graph, const Object& object) {
  std::vector<std::string> needs = graph.dependencies(object.key);
  if (object.kind != Kind::Table) return needs;
  for (const auto& child : graph.children(object.key)) {
    if (graph.find(child)->kind != Kind::Column) continue;
    for (const auto& dependency : graph.dependencies(child)) {
      if (dependency != object.key && graph.find(dependency)->parent != object.key) needs.push_back(dependency);
    }
  }
  return needs;
}

// The object whose DROP statement finally takes `key` with it (a column's default goes with the
// column, which goes with its table).
std::optional<std::string> final_carrier(const std::string& key, const PlanState& state) {
  if (!state.drops(key)) return std::nullopt;
  std::optional<std::string> carrier = dropped_along_with(key, state);
  while (carrier) {
    auto next = dropped_along_with(*carrier, state);
    if (!next) break;
    carrier = next;
  }
  return carrier;
}

class Graph {
 public:
  explicit Graph(size_t count) : successors_(count) {}
  void edge(size_t before, size_t after) { successors_[before].push_back(after); }
  const std::vector<std::vector<size_t>>& successors() const { return successors_; }

 private:
  std::vector<std::vector<size_t>> successors_;
};

// `cycle` lists nodes each of which depends on the next.
[[noreturn]] void report_cycle(const std::vector<size_t>& cycle, const std::vector<std::string>& names,
                               const std::string& where) {
  std::string text;
  for (size_t node : cycle) text += names[node] + " -> ";
  text += names[cycle.front()];
  throw DiffError(names[cycle.front()], "dependency cycle in " + where + ": " + text + " (each depends on the next)");
}

}  // namespace

int kind_rank(const Object& object) {
  switch (object.kind) {
    case Kind::Schema: return 0;
    case Kind::Extension: return 1;
    case Kind::Type: return 2;
    case Kind::Function: return 3;
    case Kind::Sequence: return 4;
    case Kind::Table: return 5;
    case Kind::Column: return 6;
    case Kind::Default: return 7;
    case Kind::Constraint: {
      const std::string type = attrs::text(object.attrs, "type");
      return type == "p" || type == "u" ? 8 : 10;
    }
    case Kind::Index: return 9;
    case Kind::View: return 12;
    case Kind::MaterializedView: return 13;
    case Kind::Trigger: return 14;
    case Kind::Rule: return 15;
    case Kind::Policy: return 16;
    case Kind::SequenceOwner: return 17;
    case Kind::Collation: return 2;
    case Kind::Statistics: return 13;
    case Kind::EventTrigger: return 16;
    case Kind::Publication: return 17;
    case Kind::TextSearchDictionary: return 2;
    case Kind::TextSearchConfiguration: return 2;
    case Kind::Cast: return 4;
    case Kind::Operator: return 4;
    case Kind::ForeignDataWrapper: return 1;
    case Kind::ForeignServer: return 1;
    case Kind::Language: return 1;
    case Kind::OperatorFamily: return 4;
    case Kind::OperatorClass: return 4;
    case Kind::DefaultPrivileges: return 18;
  }
  return 18;
}

std::set<std::string> tables_attached_by_plan(const PlanState& state) {
  std::set<std::string> attached;
  for (const auto& [key, plan] : state.objects) {
    if (!plan.to || plan.to->kind != Kind::Table) continue;
    if (!attrs::optional_text(plan.to->attrs, "partition_of")) {
      if (plan.from && !state.builds(key) && inheritance_grows(*plan.from, *plan.to)) attached.insert(key);
      continue;
    }
    if (state.builds(key) || (plan.from && partition_attachment_changes(*plan.from, *plan.to))) attached.insert(key);
  }
  return attached;
}

std::vector<std::string> drop_order(const PlanState& state) {
  const auto& objects = state.from_graph.catalog().objects;
  std::vector<std::string> keys;
  std::vector<int> ranks;
  std::map<std::string, size_t> index;
  for (const auto& [key, object] : objects) {
    index[key] = keys.size();
    keys.push_back(key);
    ranks.push_back(kind_rank(object));
  }
  Graph graph(keys.size());
  for (const auto& [key, object] : objects) {
    for (const auto& dependency : state.from_graph.dependencies(key)) graph.edge(index[key], index.at(dependency));
    // An object that goes with another one's drop (a foreign key with its table) is really
    // dropped at that point: the carrier must come before whatever the object needs (the
    // referenced table), and after whatever needs the object (a view over the column).
    if (!state.drops(key)) continue;
    const auto carrier = final_carrier(key, state);
    if (!carrier) continue;
    graph.edge(index[key], index.at(*carrier));
    for (const auto& dependency : state.from_graph.dependencies(key)) {
      if (dependency != *carrier && final_carrier(dependency, state) != carrier) {
        graph.edge(index.at(*carrier), index.at(dependency));
      }
    }
  }
  try {
    std::vector<std::string> order;
    for (size_t node : topo_sort(graph.successors(), [&](size_t a, size_t b) {
           return ranks[a] != ranks[b] ? ranks[a] > ranks[b] : keys[a] < keys[b];
         })) {
      order.push_back(keys[node]);
    }
    return order;
  } catch (const CycleError& error) {
    // Drop edges run from dependent to dependency, so the walk came back reversed.
    report_cycle({error.cycle.rbegin(), error.cycle.rend()}, keys, "the source catalog");
  }
}

namespace {

// Columns added to one table come in their declared order (ADD COLUMN appends), other objects
// by key.
std::string tie_break(const Object& object) {
  if (object.kind != Kind::Column) return object.key;
  char position[24];
  const nlohmann::json* value = attrs::field(object.attrs, "position");
  std::snprintf(position, sizeof position, "%010lld", value && value->is_number() ? value->get<long long>() : 0LL);
  return "column:" + object.parent + "#" + position;
}

}  // namespace

std::vector<Step> create_order(const PlanState& state, const std::set<std::string>& attached_tables) {
  const CatalogGraph& to = state.to_graph;
  std::vector<Step> steps;
  std::vector<int> ranks;
  std::vector<std::string> tie_breaks;  // among ready steps of one rank
  std::map<std::string, size_t> index;
  for (const auto& [key, object] : to.catalog().objects) {
    index[key] = steps.size();
    steps.push_back({key, false});
    ranks.push_back(kind_rank(object));
    tie_breaks.push_back(tie_break(object));
  }
  std::map<std::string, size_t> attach_index;
  for (const auto& table : attached_tables) {
    attach_index[table] = steps.size();
    steps.push_back({table, true});
    ranks.push_back(kAttachRank);
    tie_breaks.push_back(table);
  }

  Graph graph(steps.size());
  for (const auto& [key, object] : to.catalog().objects) {
    for (const auto& dependency : creation_dependencies(to, object)) graph.edge(index.at(dependency), index[key]);
  }
  // ATTACH PARTITION comes once the partition has everything it will match against the
  // parent's (its columns, constraints and indexes) and the parent has its own constraints
  // and indexes: PostgreSQL then attaches the partition's indexes and constraints instead of
  // creating copies with generated names.
  for (const auto& [table, node] : attach_index) {
    const Object& partition = *to.find(table);
    graph.edge(index.at(table), node);
    if (!attrs::optional_text(partition.attrs, "partition_of")) {
      // A child gaining INHERITS parents: after the parents and its own columns.
      for (const auto& parent : attrs::texts(partition.attrs, "inherits")) graph.edge(index.at(parent), node);
      for (const auto& child : to.children(table)) {
        if (to.find(child)->kind == Kind::Column) graph.edge(index.at(child), node);
      }
      continue;
    }
    const std::string parent = attrs::text(partition.attrs, "partition_of");
    graph.edge(index.at(parent), node);
    for (const auto& child : to.children(table)) {
      const Kind kind = to.find(child)->kind;
      if (kind == Kind::Column || kind == Kind::Default || kind == Kind::Constraint || kind == Kind::Index) {
        graph.edge(index.at(child), node);
      }
    }
    for (const auto& child : to.children(parent)) {
      const Kind kind = to.find(child)->kind;
      if (kind == Kind::Constraint || kind == Kind::Index) graph.edge(index.at(child), node);
    }
  }

  std::vector<std::string> names;
  for (const auto& step : steps) names.push_back(step.attach_partition ? "attach of " + step.key : step.key);
  try {
    std::vector<Step> order;
    for (size_t node : topo_sort(graph.successors(), [&](size_t a, size_t b) {
           if (ranks[a] != ranks[b]) return ranks[a] < ranks[b];
           if (tie_breaks[a] != tie_breaks[b]) return tie_breaks[a] < tie_breaks[b];
           return !steps[a].attach_partition && steps[b].attach_partition;
         })) {
      order.push_back(steps[node]);
    }
    return order;
  } catch (const CycleError& error) {
    report_cycle(error.cycle, names, "the target catalog");
  }
}

}  // namespace strata::diff
