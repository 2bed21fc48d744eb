// The template pool: find or build the template, hand out clones, keep clones ready.
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <random>

#include "strata/pg.h"
#include "names.h"
#include "pool_state.h"
#include "strata/seed.h"
#include "strata/stopwatch.h"
#include "strata/error.h"
#include "processes/environment_variable.h"

namespace strata::testdb {

using runtime::environment_variable;

namespace fs = std::filesystem;

using pg::Session;
using pg::identifier;
using Clock = std::chrono::steady_clock;

namespace {

std::string strategy_sql(CloneStrategy strategy) {
  return strategy == CloneStrategy::file_copy ? "FILE_COPY" : "WAL_LOG";
}

std::string create_clone_sql(const PoolState& state, const std::string& name) {
  return "CREATE DATABASE " + identifier(name) + " TEMPLATE " + identifier(state.template_name) +
         " STRATEGY " + strategy_sql(state.strategy);
}

std::string iso_now() {
  const std::time_t now = std::time(nullptr);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  return text;
}

bool template_exists(pg::Session& session, const std::string& name) {
  return session.value("SELECT datistemplate FROM pg_database WHERE datname = " + pg::literal(name)) == "t";
}

// Drops templates of other migration sets beyond the newest `keep` (and their ready clones).
// Best effort: a template another process is cloning right now is skipped.
void prune_templates(pg::Session& session, const std::string& current, int keep) {
  const auto rows = session.query(
      "SELECT datname FROM pg_database WHERE datname LIKE 'strata\\_tpl\\_%' AND datistemplate ORDER BY oid DESC");
  int kept = 0;
  for (const auto& row : rows) {
    const auto key = detail::parse_template_name(row[0]);
    if (!key || row[0] == current || ++kept <= keep) continue;
    try {
      session.exec("ALTER DATABASE " + identifier(row[0]) + " IS_TEMPLATE false");
      session.exec("DROP DATABASE IF EXISTS " + identifier(row[0]) + " WITH (FORCE)");
      for (const auto& clone : session.query("SELECT datname FROM pg_database WHERE datname LIKE " +
                                             pg::literal(detail::clone_pattern('r', *key)))) {
        session.exec("DROP DATABASE IF EXISTS " + identifier(clone[0]) + " WITH (FORCE)");
      }
    } catch (const Error&) {
    }
  }
}

// Seed files run as `strata seed` runs them (strata/seed.h): each in its own transaction, a
// failure at its file:line:col.
void apply_seed(const std::string& connection_string, const std::vector<sql::SourceFile>& seed) {
  for (const auto& file : seed) seed::apply_file(connection_string, file);
}

// Under the build lock: a complete template appears under its final name or not at all.
void build_template(PoolState& state, pg::Session& session) {
  const auto start = Clock::now();
  const std::string building = detail::build_name(state.key);
  session.exec("DROP DATABASE IF EXISTS " + identifier(building) + " WITH (FORCE)");  // a killed builder's
  session.exec("CREATE DATABASE " + identifier(building) + " TEMPLATE template0");
  try {
    runner::migrate(state.server->connection_string(building), state.migrations, state.options.run);
    apply_seed(state.server->connection_string(building), state.options.seed);
    // The runner has closed its sessions; RENAME waits (up to 5 s) for their backends to exit. A
    // connection pooler between us and the server (PgBouncer) keeps its server connections to
    // the database open, and nobody else knows this name: they are ended.
    session.exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = " + pg::literal(building) +
                 " AND pid <> pg_backend_pid()");
    session.exec("ALTER DATABASE " + identifier(building) + " RENAME TO " +
                 identifier(state.template_name));
  } catch (...) {
    try {
      session.exec("DROP DATABASE IF EXISTS " + identifier(building) + " WITH (FORCE)");
    } catch (...) {
    }
    throw;
  }
  // No connections: nobody can be connected to it when a clone is made.
  session.exec("ALTER DATABASE " + identifier(state.template_name) +
               " WITH IS_TEMPLATE true ALLOW_CONNECTIONS false");
  const double ms = ms_since(start);
  session.exec("COMMENT ON DATABASE " + identifier(state.template_name) + " IS " +
               pg::literal("strata test template " + state.key + ": " + std::to_string(state.migrations.size()) +
                             " migrations, built by pid " + std::to_string(::getpid()) + " at " + iso_now() +
                             " in " + std::to_string(static_cast<long>(ms)) + " ms"));
  prune_templates(session, state.template_name, state.options.keep_templates);
}

// Finds the template or builds it. Concurrent processes: one builds under the advisory lock,
// the others wait for the lock and then find it.
void ensure_template(PoolState& state, pg::Session& session) {
  const auto start = Clock::now();
  if (!template_exists(session, state.template_name)) {
    const std::string lock_args =
        std::to_string(detail::kBuildLockClass) + ", " + std::to_string(detail::lock_key(state.key));
    session.exec("SELECT pg_advisory_lock(" + lock_args + ")");
    try {
      if (!template_exists(session, state.template_name)) {
        build_template(state, session);
        const std::lock_guard lock(state.mutex);
        state.stats.built_template = true;
      }
    } catch (...) {
      try {
        session.exec("SELECT pg_advisory_unlock(" + lock_args + ")");
      } catch (...) {
      }
      throw;
    }
    session.exec("SELECT pg_advisory_unlock(" + lock_args + ")");
  }
  const std::lock_guard lock(state.mutex);
  state.stats.template_ms = ms_since(start);
}

// Renames a ready clone to `name`. False when none is left.
bool claim_ready_clone(PoolState& state, pg::Session& session, const std::string& name) {
  static thread_local std::mt19937 random{std::random_device{}()};
  for (int round = 0; round < 3; ++round) {
    auto ready = session.query("SELECT datname FROM pg_database WHERE datname LIKE " +
                               pg::literal(detail::clone_pattern('r', state.key)));
    if (ready.empty()) return false;
    std::shuffle(ready.begin(), ready.end(), random);  // concurrent claimers try different ones first
    for (const auto& row : ready) {
      try {
        session.exec("ALTER DATABASE " + identifier(row[0]) + " RENAME TO " + identifier(name));
        return true;
      } catch (const Error& error) {
        // Another process claimed it first (gone), or something is connected to it.
        if (error.sqlstate() != pg::kUndefinedDatabase && error.sqlstate() != pg::kObjectInUse) throw;
      }
    }
  }
  return false;
}

// acquire() and acquire_detached(): a ready clone if there is one, else a CREATE DATABASE.
std::string take_database(PoolState& state, char kind) {
  return state.with_admin([&](pg::Session& session) {
    for (int attempt = 0;; ++attempt) {
      const std::string name = detail::clone_name(kind, state.key, state.next_counter());
      try {
        if (claim_ready_clone(state, session, name)) {
          const std::lock_guard lock(state.mutex);
          ++state.stats.acquired_ready;
        } else {
          session.exec(create_clone_sql(state, name));
          const std::lock_guard lock(state.mutex);
          ++state.stats.acquired_cold;
        }
        state.wake.notify_all();  // the worker tops the ready clones up
        return name;
      } catch (const Error& error) {
        if (attempt >= 3) throw;
        if (error.sqlstate() == pg::kUndefinedDatabase) {
          ensure_template(state, session);  // another process pruned it (a newer set of migrations)
        } else if (error.sqlstate() != pg::kDuplicateDatabase) {  // a dead process's name: next counter
          throw;
        }
      }
    }
  });
}

// The worker: sweeps once, then keeps `ready` clones and drops released databases. One
// process at a time fills (a try-lock per clone), so many processes do not overshoot.
void fill_and_drop(const std::shared_ptr<PoolState>& state) {
  std::unique_ptr<pg::Session> session;
  bool swept = false;
  const std::string fill_lock = "(" + std::to_string(detail::kFillLockClass) + ", " +
                                std::to_string(detail::lock_key(state->key)) + ")";
  while (true) {
    {
      std::unique_lock lock(state->mutex);
      if (state->stopping) return;
    }
    bool worked = false;
    try {
      if (!session || session->lost()) {
        session = std::make_unique<pg::Session>(state->admin_connection_string());
        const std::lock_guard lock(state->mutex);
        state->worker_session = session.get();
      }
      if (!swept) {
        const auto dropped = sweep_stale_databases(*state->server, state->options.ttl);
        swept = true;
        const std::lock_guard lock(state->mutex);
        state->stats.swept += static_cast<int>(dropped.size());
      }
      std::optional<std::string> drop;
      {
        const std::lock_guard lock(state->mutex);
        if (!state->to_drop.empty()) {
          drop = state->to_drop.front();
          state->to_drop.pop_front();
        }
      }
      if (drop) {
        session->exec("DROP DATABASE IF EXISTS " + identifier(*drop) + " WITH (FORCE)");
        const std::lock_guard lock(state->mutex);
        ++state->stats.dropped;
        worked = true;
      }
      if (state->options.ready > 0 && session->value("SELECT pg_try_advisory_lock" + fill_lock) == "t") {
        const int ready = std::stoi(session->value("SELECT count(*) FROM pg_database WHERE datname LIKE " +
                                                   pg::literal(detail::clone_pattern('r', state->key))));
        if (ready < state->options.ready) {
          {
            const std::lock_guard lock(state->mutex);
            if (state->stopping) return;  // the session's lock goes with it
            state->worker_creating = true;
          }
          try {
            session->exec(create_clone_sql(*state, detail::clone_name('r', state->key, state->next_counter())));
          } catch (...) {
            const std::lock_guard lock(state->mutex);
            state->worker_creating = false;
            throw;
          }
          const std::lock_guard lock(state->mutex);
          state->worker_creating = false;
          ++state->stats.clones_created;
          worked = true;
        }
        session->exec("SELECT pg_advisory_unlock" + fill_lock);
      }
    } catch (const std::exception&) {
      // The server went away or refused (a pruned template, a full disk...): retry later. An
      // acquire does not depend on this thread, so nothing is lost but readiness.
      session.reset();
      const std::lock_guard lock(state->mutex);
      state->worker_session = nullptr;
      worked = false;
    }
    if (!worked) {
      std::unique_lock lock(state->mutex);
      state->wake.wait_for(lock, std::chrono::milliseconds(250));
    }
  }
}

}  // namespace

// ---------------------------------------------------------------------------------------------

void PoolState::drop_now(const std::string& name) {
  with_admin([&](pg::Session& session) {
    session.exec("DROP DATABASE IF EXISTS " + identifier(name) + " WITH (FORCE)");
  });
  const std::lock_guard lock(mutex);
  ++stats.dropped;
}

void PoolState::release(const std::string& name) {
  {
    const std::lock_guard lock(mutex);
    if (!stopping && worker.joinable()) {
      to_drop.push_back(name);
      wake.notify_all();
      return;
    }
  }
  drop_now(name);
}

std::string to_string(CloneStrategy strategy) {
  switch (strategy) {
    case CloneStrategy::automatic: return "auto";
    case CloneStrategy::wal_log: return "wal_log";
    case CloneStrategy::file_copy: return "file_copy";
  }
  return "auto";
}

CloneStrategy parse_clone_strategy(const std::string& text) {
  for (auto strategy : {CloneStrategy::automatic, CloneStrategy::wal_log, CloneStrategy::file_copy}) {
    if (text == to_string(strategy)) return strategy;
  }
  throw Error("clone strategy must be auto, wal_log or file_copy, not '" + text + "'");
}

PoolOptions PoolOptions::with_environment() const {
  PoolOptions options = *this;
  if (const auto ready = environment_variable("STRATA_TEST_READY"); !ready.empty()) options.ready = std::stoi(ready);
  if (const auto strategy = environment_variable("STRATA_TEST_CLONE_STRATEGY"); !strategy.empty()) {
    options.strategy = parse_clone_strategy(strategy);
  }
  if (const auto ttl = environment_variable("STRATA_TEST_DATABASE_TTL"); !ttl.empty()) {
    options.ttl = std::chrono::seconds(std::stoll(ttl));
  }
  return options;
}

// ---------------------------------------------------------------------------------------------

TestDatabase::TestDatabase(std::shared_ptr<PoolState> state, std::string name, double acquire_ms)
    : state_(std::move(state)), name_(std::move(name)), acquire_ms_(acquire_ms) {}

TestDatabase::TestDatabase(TestDatabase&& other) noexcept
    : state_(std::move(other.state_)), name_(std::move(other.name_)), acquire_ms_(other.acquire_ms_) {
  other.state_.reset();
}

TestDatabase& TestDatabase::operator=(TestDatabase&& other) noexcept {
  if (this != &other) {
    release();
    state_ = std::move(other.state_);
    name_ = std::move(other.name_);
    acquire_ms_ = other.acquire_ms_;
    other.state_.reset();
  }
  return *this;
}

TestDatabase::~TestDatabase() { release(); }

std::string TestDatabase::connection_string() const { return state_->server->connection_string(name_); }
std::string TestDatabase::url() const { return state_->server->url(name_); }

void TestDatabase::release() {
  if (!state_) return;
  const auto state = std::move(state_);
  state_.reset();
  try {
    state->release(name_);
  } catch (...) {
    // Swept later: by name it belongs to a process that will be gone.
  }
}

// ---------------------------------------------------------------------------------------------

TemplatePool::TemplatePool(std::shared_ptr<Server> server, std::vector<migrations::Migration> migrations,
                           PoolOptions options)
    : state_(std::make_shared<PoolState>()) {
  auto& state = *state_;
  state.server = std::move(server);
  state.migrations = std::move(migrations);
  state.options = std::move(options);
  state.key = key_of(state.migrations, state.options.seed);
  state.template_name = template_database_name(state.key);
  bool fsync = true;
  state.with_admin([&](pg::Session& session) {
    ensure_template(state, session);
    state.template_bytes = std::stoll(session.value("SELECT pg_database_size(" + pg::literal(state.template_name) + ")"));
    fsync = session.value("SHOW fsync") != "off";
  });
  state.strategy = state.options.strategy;
  if (state.strategy == CloneStrategy::automatic) {
    // FILE_COPY's cost is two checkpoints: cheap without fsync (our clusters), where it measured
    // faster than WAL_LOG at every size (docs/benchmarks.md); with fsync, WAL_LOG for small
    // templates, as PostgreSQL advises.
    state.strategy = !fsync || state.template_bytes > state.options.file_copy_above_bytes ? CloneStrategy::file_copy
                                                                                          : CloneStrategy::wal_log;
  }
  if (state.options.background) state.worker = std::thread(fill_and_drop, state_);
}

std::unique_ptr<TemplatePool> TemplatePool::from_directory(std::shared_ptr<Server> server,
                                                           const fs::path& migrations_dir, PoolOptions options) {
  // read_directory takes a missing directory for "no migrations yet"; here it is a wrong path.
  if (!fs::is_directory(migrations_dir)) {
    throw migrations::MigrationError(
        fs::absolute(migrations_dir).lexically_normal().string() + ": no such migrations directory (a relative path is "
        "relative to the test's working directory, " + fs::current_path().string() +
        "; CTest runs tests in the build directory unless WORKING_DIRECTORY says otherwise)");
  }
  auto migrations = migrations::read_directory(migrations_dir);
  if (fs::exists(migrations_dir / migrations::kIntegrityFileName)) {
    if (const auto problems = migrations::verify_integrity(migrations_dir, migrations); !problems.empty()) {
      std::string message = migrations_dir.string() + ": " + migrations::kIntegrityFileName + " does not match:";
      for (const auto& problem : problems) message += "\n  " + problem;
      throw migrations::MigrationError(message);
    }
  }
  return std::make_unique<TemplatePool>(std::move(server), std::move(migrations), std::move(options));
}

TemplatePool::~TemplatePool() {
  auto& state = *state_;
  {
    const std::lock_guard lock(state.mutex);
    state.stopping = true;
  }
  state.wake.notify_all();
  if (state.worker.joinable()) {
    // A clone being made is worth finishing (the next process gets it), but not worth waiting
    // for: the server completes it after we hang up.
    {
      const std::lock_guard lock(state.mutex);
      if (state.worker_creating && state.worker_session != nullptr) state.worker_session->abandon();
    }
    state.worker.join();
  }
  std::deque<std::string> pending;
  {
    const std::lock_guard lock(state.mutex);
    pending.swap(state.to_drop);
  }
  for (const auto& name : pending) {
    try {
      state.drop_now(name);
    } catch (...) {
      // Swept by a later process.
    }
  }
  const std::lock_guard lock(state.admin_mutex);
  state.admin.reset();
}

TestDatabase TemplatePool::acquire() {
  const auto start = Clock::now();
  std::string name = take_database(*state_, 't');
  return TestDatabase(state_, std::move(name), ms_since(start));
}

std::string TemplatePool::acquire_detached() { return take_database(*state_, 's'); }

std::string TemplatePool::key_of(const std::vector<migrations::Migration>& migrations,
                                 const std::vector<sql::SourceFile>& seed) {
  std::string identity = migrations::integrity_file_text(migrations);
  for (const auto& file : seed) identity += "seed " + file.path.filename().string() + " " + migrations::sha256_hex(file.text) + "\n";
  return migrations::sha256_hex(identity);
}

const std::string& TemplatePool::key() const { return state_->key; }
const std::string& TemplatePool::template_name() const { return state_->template_name; }
CloneStrategy TemplatePool::strategy() const { return state_->strategy; }
std::int64_t TemplatePool::template_bytes() const { return state_->template_bytes; }
const Server& TemplatePool::server() const { return *state_->server; }

PoolStats TemplatePool::stats() const {
  const std::lock_guard lock(state_->mutex);
  return state_->stats;
}

}  // namespace strata::testdb
