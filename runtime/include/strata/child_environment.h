// The environment a child process starts with, as a Boost.Process extension.
//
// boost::process::environment (Boost 1.74) finds a variable by comparing "NAME=" with each
// entry over the full length of "NAME=", reading past the end of shorter entries
// (AddressSanitizer reports a heap-buffer-overflow). This builds the entries as plain strings
// instead and hands them to execve.
#pragma once

#include <memory>  // before Boost.Process 1.74's extend.hpp, which uses std::unique_ptr without it
#include <boost/process/extend.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace strata::runtime {

class ChildEnvironment : public boost::process::extend::handler {
 public:
  // This process's environment.
  static ChildEnvironment inherited();

  // Sets (or, with std::nullopt, removes) a variable.
  ChildEnvironment& set(std::string_view name, std::optional<std::string_view> value);
  // Removes every variable whose name starts with `prefix`.
  ChildEnvironment& remove_prefixed(std::string_view prefix);
  const std::vector<std::string>& entries() const { return entries_; }  // "NAME=value"

  // In the parent, before fork: execve gets these entries.
  template <class Executor>
  void on_setup(Executor& exec) const {
    pointers_.clear();
    for (const auto& entry : entries_) pointers_.push_back(const_cast<char*>(entry.c_str()));  // execve does not write
    pointers_.push_back(nullptr);
    exec.env = pointers_.data();
  }

 private:
  std::vector<std::string> entries_;
  mutable std::vector<char*> pointers_;
};

}  // namespace strata::runtime
