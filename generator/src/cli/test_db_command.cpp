// `strata test-db start|url|stop`: a throwaway PostgreSQL (and fresh migrated databases on it)
// from a shell, and the CTest fixtures that share one cluster between the test processes of a
// run (docs/testing.md).
#include <fstream>
#include <iostream>

#include "commands.h"
#include "strata/test_database.h"

namespace strata::cli {
namespace {

namespace fs = std::filesystem;

struct TestDbArguments {
  std::string migrations;
  std::string seed_dir;
  std::string format = "url";
  int idle_timeout = 3600;
  int wait = 60;
  bool purge = false;
  bool fresh = false;
  bool verify = false;
};

const char* kStartStamp = "test-run-started";

void print(const std::string& url, const std::string& format) {
  std::cout << (format == "env" ? "DATABASE_URL=" + url : url) << "\n";
}

testdb::BackendOptions backend(const TestDbArguments& arguments) {
  auto options = testdb::BackendOptions::from_environment();
  options.idle_timeout = std::chrono::seconds(arguments.idle_timeout);
  if (options.kind == testdb::BackendKind::private_cluster || options.kind == testdb::BackendKind::docker) {
    throw Error("strata test-db works with STRATA_TEST_BACKEND=local or url (a " +
                             testdb::to_string(options.kind) +
                             " server would not outlive this command; see docs/testing.md)");
  }
  return options;
}

void start(const TestDbArguments& arguments) {
  const auto options = backend(arguments);
  if (arguments.fresh && options.kind == testdb::BackendKind::local) {
    testdb::stop_local_cluster(std::chrono::seconds(arguments.wait), /*purge=*/true);
  }
  const auto server = testdb::open_server(options);
  if (options.kind == testdb::BackendKind::local) {
    const auto root = testdb::local_cluster_state().cache_root;
    fs::create_directories(root);
    std::ofstream(root / kStartStamp) << "";  // `stop --verify` looks for what was left since
  }
  auto pool_options = testdb::PoolOptions().with_environment();
  testdb::sweep_stale_databases(*server, pool_options.ttl);  // what a killed run left
  if (arguments.migrations.empty()) {
    print(server->url(server->admin_database()), arguments.format);
    return;
  }
  pool_options.background = false;
  if (!arguments.seed_dir.empty()) {
    if (!fs::is_directory(arguments.seed_dir)) throw Error(arguments.seed_dir + ": no such seed directory");
    pool_options.seed = sql::read_sql_files(arguments.seed_dir);
  }
  const auto pool = testdb::TemplatePool::from_directory(server, arguments.migrations, pool_options);
  print(server->url(pool->acquire_detached()), arguments.format);
}

void url(const TestDbArguments& arguments) {
  const auto options = backend(arguments);
  if (options.kind == testdb::BackendKind::url) {
    print(testdb::url_server(options.url)->url(testdb::url_server(options.url)->admin_database()), arguments.format);
    return;
  }
  const auto state = testdb::local_cluster_state();
  if (!state.postmaster_pid) {
    throw Error("no test cluster is running under " + state.cache_root.string() +
                             ": strata test-db start");
  }
  const auto server = testdb::open_server(options);  // running: this only attaches
  print(server->url(server->admin_database()), arguments.format);
}

void stop(const TestDbArguments& arguments) {
  const auto options = backend(arguments);
  if (options.kind == testdb::BackendKind::url) {
    const auto dropped = testdb::drop_detached_databases(*testdb::url_server(options.url));
    std::cerr << "dropped " << dropped.size() << " databases of strata test-db start\n";
    return;
  }
  const auto state = testdb::local_cluster_state();
  if (state.postmaster_pid) {
    testdb::drop_detached_databases(*testdb::open_server(options));
  }
  const bool stopped = testdb::stop_local_cluster(std::chrono::seconds(arguments.wait), arguments.purge);
  std::cerr << (stopped ? "stopped the test cluster under " : "no test cluster was running under ")
            << state.cache_root.string() << (arguments.purge ? " (files removed)" : "") << "\n";
  if (!arguments.verify) return;
  std::error_code error;
  const auto stamp = fs::last_write_time(state.cache_root / kStartStamp, error);
  const auto since = error ? std::chrono::system_clock::now() - std::chrono::hours(24)
                           : std::chrono::file_clock::to_sys(stamp);
  const auto leftovers = testdb::find_leftovers(state.cache_root, since);
  for (const auto& line : leftovers) std::cerr << "left behind: " << line << "\n";
  if (!leftovers.empty()) throw Error(std::to_string(leftovers.size()) + " things left behind by the run");
  std::cerr << "nothing left behind: no process of the run, no throwaway cluster directory, no strata* file in the temporary directory\n";
}

}  // namespace

void register_test_db_command(CLI::App& app, const GlobalOptions&, CommandRunner& runner) {
  auto arguments = std::make_shared<TestDbArguments>();
  auto* command = app.add_subcommand("test-db", "Throwaway PostgreSQL databases for tests and shells");
  command->require_subcommand(1);
  command->footer(
      "Backend: STRATA_TEST_BACKEND=local (default: a cluster under $STRATA_CACHE_DIR, kept until `stop`\n"
      "or --idle-timeout without a strata user) or url (STRATA_TEST_DATABASE_URL, an admin URL). The\n"
      "printed URL carries the password of that URL, if any: it is meant to be used. docs/testing.md");

  auto* start_command = command->add_subcommand(
      "start", "Start the test cluster; print its URL, or with --migrations the URL of a fresh migrated database");
  start_command->add_option("--migrations", arguments->migrations,
                            "Migrations directory: print the URL of a new database with all of them applied "
                            "(cloned from a template built once per set of migrations)");
  start_command->add_option("--seed-dir", arguments->seed_dir,
                            "Seed files (*.sql, name order) applied to the template after the migrations");
  start_command->add_option("--format", arguments->format, "url, or env (DATABASE_URL=...)")
      ->check(CLI::IsMember({"url", "env"}))
      ->capture_default_str();
  start_command->add_option("--idle-timeout", arguments->idle_timeout,
                            "Local: stop the cluster after this many seconds without a strata user")
      ->capture_default_str();
  start_command->add_flag("--fresh", arguments->fresh,
                          "Local: stop and delete a cluster left from before (templates included) and start a new one");
  start_command->callback([arguments, &runner] { runner = [arguments] { start(*arguments); }; });

  auto* url_command = command->add_subcommand("url", "Print the URL of the running test cluster");
  url_command->add_option("--format", arguments->format, "url, or env (DATABASE_URL=...)")
      ->check(CLI::IsMember({"url", "env"}))
      ->capture_default_str();
  url_command->callback([arguments, &runner] { runner = [arguments] { url(*arguments); }; });

  auto* stop_command = command->add_subcommand(
      "stop", "Drop the databases of `start --migrations` and stop the test cluster (local)");
  stop_command->add_flag("--purge", arguments->purge, "Also delete its files (templates included)");
  stop_command->add_flag("--verify", arguments->verify,
                         "Fail unless nothing of the run is left: no process started with this "
                         "STRATA_CACHE_DIR, no throwaway cluster directory of a dead process");
  stop_command->add_option("--wait", arguments->wait, "Seconds to wait for test processes still using it")
      ->capture_default_str();
  stop_command->callback([arguments, &runner] { runner = [arguments] { stop(*arguments); }; });
}

}  // namespace strata::cli
