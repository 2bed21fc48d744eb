#include "topo_sort.h"

#include <algorithm>
#include <set>

namespace strata::diff {
namespace {

// Every node left over after Kahn's algorithm still waits for another left-over node, so
// walking "waits for" edges from any of them must come back to a node already seen.
std::vector<size_t> find_cycle(const std::vector<std::vector<size_t>>& successors, const std::vector<size_t>& waiting,
                               const std::function<bool(size_t, size_t)>& comes_first) {
  const size_t count = successors.size();
  std::vector<std::vector<size_t>> predecessors(count);
  for (size_t node = 0; node < count; ++node) {
    for (size_t next : successors[node]) {
      if (waiting[next] > 0 && waiting[node] > 0) predecessors[next].push_back(node);
    }
  }
  size_t start = count;
  for (size_t node = 0; node < count; ++node) {
    if (waiting[node] > 0 && (start == count || comes_first(node, start))) start = node;
  }
  std::vector<size_t> path;
  std::vector<size_t> position(count, count);
  size_t node = start;
  while (position[node] == count) {
    position[node] = path.size();
    path.push_back(node);
    auto& candidates = predecessors[node];
    node = *std::min_element(candidates.begin(), candidates.end(), comes_first);
  }
  return {path.begin() + static_cast<std::ptrdiff_t>(position[node]), path.end()};
}

}  // namespace

std::vector<size_t> topo_sort(const std::vector<std::vector<size_t>>& successors,
                              const std::function<bool(size_t, size_t)>& comes_first) {
  const size_t count = successors.size();
  std::vector<size_t> waiting(count, 0);  // unsorted predecessors per node
  for (const auto& nexts : successors) {
    for (size_t next : nexts) ++waiting[next];
  }
  std::set<size_t, std::function<bool(size_t, size_t)>> ready(comes_first);
  for (size_t node = 0; node < count; ++node) {
    if (waiting[node] == 0) ready.insert(node);
  }
  std::vector<size_t> order;
  order.reserve(count);
  while (!ready.empty()) {
    const size_t node = *ready.begin();
    ready.erase(ready.begin());
    order.push_back(node);
    for (size_t next : successors[node]) {
      if (--waiting[next] == 0) ready.insert(next);
    }
  }
  if (order.size() != count) throw CycleError{find_cycle(successors, waiting, comes_first)};
  return order;
}

}  // namespace strata::diff
