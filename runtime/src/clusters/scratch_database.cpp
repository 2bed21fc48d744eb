#include <unistd.h>

#include <atomic>
#include <random>
#include <stdexcept>

#include "strata/cluster.h"
#include "strata/error.h"

namespace strata::runtime {

namespace {

constexpr std::size_t kMaxIdentifierBytes = 63;  // NAMEDATALEN - 1; longer names are truncated

// prefix_pid_counter_random: unique within the process (counter), between concurrent processes
// (pid), and between a process and a crashed earlier one with the same pid whose databases are
// still on a cached cluster (random).
std::string unique_database_name(const std::string& prefix) {
  static std::atomic<unsigned> counter{0};
  static thread_local std::mt19937 random{std::random_device{}()};
  const std::string name = prefix + "_" + std::to_string(::getpid()) + "_" + std::to_string(++counter) + "_" +
                           std::to_string(random() % 1'000'000);
  if (name.size() > kMaxIdentifierBytes) {
    throw Error("scratch database prefix too long: " + prefix);
  }
  return name;
}

}  // namespace

ScratchDatabase::ScratchDatabase(const Cluster& cluster, const std::string& prefix,
                                 const std::string& template_name)
    : cluster_(cluster), name_(unique_database_name(prefix)) {
  cluster_.create_database(name_, template_name);
}

ScratchDatabase::~ScratchDatabase() {
  try {
    cluster_.drop_database(name_);
  } catch (...) {
    // A destructor must not throw; the database goes away with its cluster anyway.
  }
}

}  // namespace strata::runtime
