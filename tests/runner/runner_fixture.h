// Shared setup for the runner tests: a scratch database of its own, a temporary migrations
// directory, and small helpers to write migrations and look at the database.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "strata/migrations.h"
#include "strata/runner.h"
#include "test_cluster.h"

namespace strata::runner::testing_support {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// 14 digits, increasing with n (yyyymmdd of 2026-01-01, then n as HHMMSS digits).
inline std::string version(int n) {
  char text[16];
  std::snprintf(text, sizeof text, "20260101%06d", n);
  return text;
}

class RunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("strata-runner-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Writes <version(n)>_<slug>.sql (and .down.sql when `down` is given); returns the up path.
  fs::path add(int n, const std::string& slug, const std::string& up, const std::optional<std::string>& down = {}) {
    const fs::path path = dir_ / (version(n) + "_" + slug + ".sql");
    write(path, up);
    if (down) write(dir_ / (version(n) + "_" + slug + ".down.sql"), *down);
    return path;
  }
  static void write(const fs::path& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }
  std::vector<migrations::Migration> files() const { return migrations::read_directory(dir_); }

  std::string url() const { return db_.connection_string(); }
  // The first column of the first row ("" for NULL or no row).
  std::string scalar(const std::string& sql) const {
    const auto result = strata::testing::exec(url(), sql);
    return result.empty() || result[0][0].is_null() ? "" : result[0][0].c_str();
  }
  bool table_exists(const std::string& name) const { return scalar("SELECT to_regclass('" + name + "') IS NOT NULL") == "t"; }
  bool history_exists() const { return table_exists("strata.migrations"); }
  std::vector<std::string> history_versions() const {
    std::vector<std::string> versions;
    if (!history_exists()) return versions;
    for (const auto& row : strata::testing::exec(url(), "SELECT version FROM strata.migrations ORDER BY version")) {
      versions.push_back(row[0].c_str());
    }
    return versions;
  }

  // Short waits, so that a test that goes wrong fails quickly.
  static RunOptions quick() {
    RunOptions options;
    options.lock_wait = 10s;
    options.lock_poll = 20ms;
    options.timeouts.lock_timeout = 2s;
    options.timeouts.statement_timeout = 30s;
    options.timeouts.lock_retries = 1;
    options.timeouts.retry_backoff = 20ms;
    options.strata_version = "test";
    return options;
  }

  strata::testing::ScratchDb db_{"runner"};
  fs::path dir_;
};

// Event kinds recorded by a RunOptions::on_event.
struct EventLog {
  std::vector<Event> events;
  std::function<void(const Event&)> recorder() {
    return [this](const Event& event) { events.push_back(event); };
  }
  std::vector<Event> of(Event::Kind kind) const {
    std::vector<Event> found;
    for (const auto& event : events) {
      if (event.kind == kind) found.push_back(event);
    }
    return found;
  }
};

}  // namespace strata::runner::testing_support
