// Benchmark for test databases (docs/testing.md): how long it takes to hand a test a fresh,
// fully migrated database, for the example schema (schema/, its migrations made by `strata
// generate`) and a generated 100-table schema (10 migrations of 10 tables), in one run:
//
//   pool        TemplatePool::acquire() from a warm pool (ready clones kept by its thread)
//   migrate     CREATE DATABASE + runner::migrate of every migration (what a test does without strata)
//   template    CREATE DATABASE ... TEMPLATE <the template>, no pool (default strategy, WAL_LOG)
//   wal_log / file_copy   the same with each STRATEGY, to choose between them by size
//
// plus the cold start of the cluster (a fresh STRATA_CACHE_DIR: copy of the cached initdb, server
// start) and of a private EphemeralCluster. Everything runs on a cluster in a temporary cache dir,
// removed at the end.
// Run: build/bench/test_database_bench [repetitions]
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <pqxx/pqxx>
#include <string>
#include <thread>
#include <vector>

#include "generated_schema.h"
#include "strata/generate.h"
#include "strata/runner.h"
#include "strata/test_database.h"

namespace {

namespace fs = std::filesystem;
using bench_schema::Clock;
using bench_schema::ms_since;
using namespace strata;

struct Stats {
  double median = 0, p95 = 0;
};

Stats stats_of(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const auto at = [&](double q) { return values[std::min(values.size() - 1, static_cast<std::size_t>(q * values.size()))]; };
  return {at(0.5), at(0.95)};
}

void exec(const std::string& connection, const std::string& sql) {
  pqxx::connection conn(connection);
  pqxx::nontransaction work(conn);
  work.exec0(sql);
}

std::string value(const std::string& connection, const std::string& sql) {
  pqxx::connection conn(connection);
  pqxx::nontransaction work(conn);
  return work.exec1(sql)[0].c_str();
}

// 10 migrations: the enums and tables 0-9, then 10 tables each.
std::vector<migrations::Migration> hundred_table_migrations(const fs::path& dir) {
  const std::string sql = bench_schema::generated_schema(100, false);
  fs::create_directories(dir);
  std::size_t from = 0;
  for (int part = 0; part < 10; ++part) {
    const std::size_t to = part == 9 ? sql.size() : sql.find("CREATE TABLE t" + std::to_string((part + 1) * 10) + " (");
    char version[32];
    std::snprintf(version, sizeof version, "202601010000%02d", part);
    std::ofstream(dir / (std::string(version) + "_tables_" + std::to_string(part) + ".sql")) << sql.substr(from, to - from);
    from = to;
  }
  return migrations::read_directory(dir);
}

// The example schema's migrations, as `strata generate` writes them.
std::vector<migrations::Migration> example_migrations(const runtime::Cluster& cluster, const fs::path& dir) {
  generate::Options options;
  options.schema = fs::path(STRATA_SOURCE_DIR) / "schema";
  options.migrations = dir;
  options.name = "initial";
  generate::generate(options, cluster);
  return migrations::read_directory(dir);
}

struct Row {
  std::string schema;
  std::size_t migrations = 0;
  std::int64_t template_kb = 0;
  Stats pool, migrate, templated, wal_log, file_copy;
};

Row measure(const std::string& label, const runtime::Cluster& cluster, const std::vector<migrations::Migration>& migrations,
            int repetitions) {
  Row row;
  row.schema = label;
  row.migrations = migrations.size();
  const auto server = testdb::cluster_server(cluster);
  testdb::PoolOptions options;
  options.ready = 3;
  testdb::TemplatePool pool(server, migrations, options);
  row.template_kb = pool.template_bytes() / 1024;
  const std::string ready_count = "SELECT count(*) FROM pg_database WHERE datname LIKE 'strata\\_r\\_" +
                                  pool.key().substr(0, 12) + "\\_%'";
  const auto admin = cluster.connection_string();

  std::vector<double> pool_ms, migrate_ms, template_ms, wal_ms, file_ms;
  for (int i = 0; i < repetitions; ++i) {
    // pool: wait until the pool is warm again (its thread refills it), then take one. The
    // other measurements start once it has refilled, so that they do not share the CPU with it.
    const auto wait_until_warm = [&] {
      const auto deadline = Clock::now() + std::chrono::seconds(60);
      while (std::stoi(value(admin, ready_count)) < options.ready && Clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
    };
    wait_until_warm();
    {
      auto database = pool.acquire();
      pool_ms.push_back(database.acquire_ms());
    }
    wait_until_warm();
    // migrate: a new database and every migration, through the real runner.
    const std::string name = "bench_db_" + std::to_string(::getpid()) + "_" + std::to_string(i);
    auto start = Clock::now();
    cluster.create_database(name);
    runner::migrate(cluster.connection_string(name), migrations);
    migrate_ms.push_back(ms_since(start));
    cluster.drop_database(name);
    // template without a pool, then each strategy.
    start = Clock::now();
    exec(admin, "CREATE DATABASE " + name + " TEMPLATE " + pool.template_name());
    template_ms.push_back(ms_since(start));
    cluster.drop_database(name);
    for (auto [strategy, into] : {std::pair{"WAL_LOG", &wal_ms}, std::pair{"FILE_COPY", &file_ms}}) {
      start = Clock::now();
      exec(admin, "CREATE DATABASE " + name + " TEMPLATE " + pool.template_name() + " STRATEGY " + strategy);
      into->push_back(ms_since(start));
      cluster.drop_database(name);
    }
  }
  row.pool = stats_of(pool_ms);
  row.migrate = stats_of(migrate_ms);
  row.templated = stats_of(template_ms);
  row.wal_log = stats_of(wal_ms);
  row.file_copy = stats_of(file_ms);
  return row;
}

}  // namespace

int main(int argc, char** argv) {
  const int repetitions = argc > 1 ? std::stoi(argv[1]) : 20;
  const fs::path work = fs::temp_directory_path() / ("tdb-bench-" + std::to_string(::getpid()));
  fs::create_directories(work);
  ::setenv("STRATA_CACHE_DIR", (work / "cache").c_str(), 1);
  int status = 0;
  try {
    auto start = Clock::now();
    auto ephemeral = runtime::EphemeralCluster::start();
    const double ephemeral_ms = ms_since(start);
    ephemeral.reset();

    start = Clock::now();
    auto cluster = runtime::CachedCluster::acquire();
    const double cold_ms = ms_since(start);
    start = Clock::now();
    { auto warm = runtime::CachedCluster::acquire(); }
    const double warm_ms = ms_since(start);
    start = Clock::now();
    { pqxx::connection connection(cluster->connection_string()); }
    const double connect_ms = ms_since(start);

    std::vector<Row> rows;
    rows.push_back(measure("example (schema/)", *cluster, example_migrations(*cluster, work / "example"), repetitions));
    rows.push_back(measure("100 tables", *cluster, hundred_table_migrations(work / "hundred"), repetitions));

    std::printf("test database benchmark, %d repetitions; ms, median / p95\n\n", repetitions);
    std::printf("cluster cold start (fresh STRATA_CACHE_DIR: initdb copy + pg_ctl start): %.0f ms; warm acquire %.1f ms\n",
                cold_ms, warm_ms);
    std::printf("private EphemeralCluster::start: %.0f ms; one connection: %.1f ms\n\n", ephemeral_ms, connect_ms);
    std::printf("| schema | migrations | template | pool (warm) | CREATE + migrate | TEMPLATE, no pool | speed-up vs migrate | WAL_LOG | FILE_COPY |\n");
    std::printf("|---|---|---|---|---|---|---|---|---|\n");
    for (const auto& row : rows) {
      std::printf("| %s | %zu | %lld kB | %.2f / %.2f | %.1f / %.1f | %.1f / %.1f | %.0fx | %.1f / %.1f | %.1f / %.1f |\n",
                  row.schema.c_str(), row.migrations, static_cast<long long>(row.template_kb), row.pool.median,
                  row.pool.p95, row.migrate.median, row.migrate.p95, row.templated.median, row.templated.p95,
                  row.migrate.median / row.pool.median, row.wal_log.median, row.wal_log.p95, row.file_copy.median,
                  row.file_copy.p95);
    }
    cluster.reset();
  } catch (const std::exception& error) {
    std::cerr << "benchmark failed: " << error.what() << "\n";
    status = 1;
  }
  try {
    strata::testdb::stop_local_cluster(std::chrono::seconds(30), /*purge=*/true);
  } catch (const std::exception& error) {
    std::cerr << "stopping the cluster: " << error.what() << "\n";
  }
  fs::remove_all(work);
  return status;
}
