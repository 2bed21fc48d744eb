// Deterministic topological sort (Kahn's algorithm): among the nodes that are ready, the one
// `comes_first` prefers is taken, so the same graph always gives the same order.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

namespace strata::diff {

struct CycleError {
  std::vector<size_t> cycle;  // nodes on one cycle: each waits for the next, the last for the first
};

// successors[n]: the nodes that must come after n. Throws CycleError when no order exists.
std::vector<size_t> topo_sort(const std::vector<std::vector<size_t>>& successors,
                              const std::function<bool(size_t, size_t)>& comes_first);

}  // namespace strata::diff
