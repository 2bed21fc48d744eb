// The `strata generate` flow: verify, replay || load, diff, refuse, prove, write.
#include <chrono>
#include <fstream>
#include <future>
#include <memory>
#include <set>

#include "strata/generate.h"

namespace strata::generate {
namespace {

namespace fs = std::filesystem;

double milliseconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

diff::Plan only(const diff::Plan& plan, bool after_transaction) {
  diff::Plan part;
  for (const auto& change : plan.changes) {
    if (change.after_transaction == after_transaction) part.changes.push_back(change);
  }
  return part;
}

// The down direction of a plan cannot always be expressed (e.g. removing an enum label):
// such a down migration refuses to run instead of silently doing nothing.
struct DownSql {
  std::string sql;
  std::string irreversible;  // why, when the down migration cannot be generated
};

DownSql down_sql(const model::Catalog& from, const model::Catalog& to, const std::map<std::string, std::string>& up_renames) {
  diff::Options options;
  for (const auto& [new_key, old_key] : up_renames) options.renames[old_key] = new_key;
  try {
    return {diff::render_sql(diff::diff(from, to, options)), ""};
  } catch (const diff::DiffError& error) {
    return {"DO $strata$ BEGIN RAISE EXCEPTION " +
                model::quote_literal("strata: this migration cannot be reverted automatically: " + std::string(error.what())) +
                "; END $strata$;\n",
            error.what()};
  }
}

void apply(const runtime::Cluster& cluster, const std::string& dbname, const std::string& label, const std::string& sql,
           bool transaction) {
  std::vector<load::SourceFile> files;
  if (transaction) files.push_back({"(begin)", "BEGIN"});
  files.push_back({label, sql});
  if (transaction) files.push_back({"(commit)", "COMMIT"});
  load::execute_statements(cluster.connection_string(dbname), files);
}

void require_equal(const model::Catalog& expected, const model::Catalog& actual, const std::string& what) {
  auto differences = catalog_differences(expected, actual);
  if (differences.empty()) return;
  if (differences.size() > 50) {
    const auto more = differences.size() - 50;
    differences.resize(50);
    differences.push_back("... and " + std::to_string(more) + " more");
  }
  throw GenerateError("proof failed: " + what + "; nothing was written", differences);
}

// The online file runs outside a transaction, statement by statement. Where a statement of it
// takes a lock that stops reads or writes (ADD CONSTRAINT ... USING INDEX, SET NOT NULL, DROP
// CONSTRAINT; not CREATE INDEX CONCURRENTLY or VALIDATE CONSTRAINT), waiting for that lock must
// not queue the application behind it under any runner: the file sets its own lock_timeout
// (strata's runner retries a lock timeout; psql and other tools fail, and can be rerun).
std::string online_lock_timeout(const diff::Plan& online) {
  for (const auto& change : online.changes) {
    for (const auto& statement : change.statements) {
      if (statement.rfind("ALTER TABLE ", 0) == 0 && statement.find(" VALIDATE CONSTRAINT ") == std::string::npos) {
        return "SET lock_timeout = '5s';\n";
      }
    }
  }
  return "";
}

// Applies `sql` in one transaction; when that transaction needs more locks than the server's
// lock table holds (SQLSTATE 53200: a migration creating or dropping hundreds of tables), applies
// it statement by statement instead and says so: the file is then written `no-transaction`.
void apply_in_transaction_if_possible(const runtime::Cluster& cluster, const std::string& dbname, const std::string& label,
                                      const std::string& sql, bool& no_transaction, std::vector<std::string>& warnings) {
  try {
    apply(cluster, dbname, label, sql, true);
  } catch (const load::SchemaError& error) {
    if (error.sqlstate() != "53200") throw;
    apply(cluster, dbname, label, sql, false);  // the failed transaction left nothing behind
    no_transaction = true;
    warnings.push_back(label + " takes more locks than one transaction may hold (max_locks_per_transaction); "
                       "it is written as `-- strata:no-transaction` and is not atomic: review it, or split it");
  }
}

// Runs `step`, turning a PostgreSQL error in generated SQL into a proof failure.
template <typename Step>
void proof_step(const std::string& what, Step step) {
  try {
    step();
  } catch (const load::SchemaError& error) {
    std::vector<std::string> details{error.location().to_string() + ": " + error.message() +
                                     (error.sqlstate().empty() ? "" : " (SQLSTATE " + error.sqlstate() + ")")};
    if (!error.statement().empty()) details.push_back("statement: " + error.statement());
    throw GenerateError("proof failed: " + what + " does not run; nothing was written", details);
  }
}

std::string header(const std::vector<std::string>& pragmas, const std::string& comment) {
  std::string text;
  for (const auto& pragma : pragmas) text += "-- strata:" + pragma + "\n";
  text += "-- " + comment + "\n\n";
  return text;
}

void write_new_file(const fs::path& path, const std::string& text) {
  if (fs::exists(path)) throw GenerateError(path.string() + ": already exists");
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw GenerateError(path.string() + ": cannot write");
}

}  // namespace

Result generate(const Options& options) {
  Timings cluster_timing;
  const auto start = std::chrono::steady_clock::now();
  std::unique_ptr<runtime::Cluster> cluster;
  if (options.use_cached_cluster) {
    auto cached = runtime::CachedCluster::acquire();
    cluster_timing.cluster_warm = cached->was_warm();
    cluster = std::move(cached);
  } else {
    cluster = runtime::EphemeralCluster::start();
  }
  cluster_timing.cluster_ms = milliseconds_since(start);
  auto result = generate(options, *cluster);
  result.timings.cluster_ms = cluster_timing.cluster_ms;
  result.timings.cluster_warm = cluster_timing.cluster_warm;
  return result;
}

Result generate(const Options& options, const runtime::Cluster& cluster) {
  Result result;
  const fs::path directory = options.migrations.empty() ? options.schema / "migrations" : options.migrations;

  // a. Integrity first: a tampered history is never built upon.
  const auto existing = migrations::read_directory(directory);
  if (const auto problems = migrations::verify_integrity(directory, existing); !problems.empty()) {
    throw GenerateError((directory / migrations::kIntegrityFileName).string() +
                            " does not match the migrations directory",
                        problems);
  }

  // Current state (replayed migrations) and desired state (declared schema), side by side.
  const auto sources_start = std::chrono::steady_clock::now();
  runtime::ScratchDatabase replayed(cluster, "strata_replay");
  auto current_future = std::async(std::launch::async, [&] {
    const auto start = std::chrono::steady_clock::now();
    replay(cluster, replayed.name(), existing);
    auto catalog = introspect_database(cluster, replayed.name());
    result.timings.replay_ms = milliseconds_since(start);
    return catalog;
  });
  load::LoadedSchema desired_schema;
  try {
    const auto start = std::chrono::steady_clock::now();
    desired_schema = load::load_schema(cluster, load::read_schema_files(options.schema));
    result.timings.load_ms = milliseconds_since(start);
  } catch (...) {
    current_future.wait();  // never drop the replay database under a running replay
    throw;
  }
  const model::Catalog current = current_future.get();
  const model::Catalog& desired = desired_schema.catalog;
  result.timings.sources_wall_ms = milliseconds_since(sources_start);
  result.warnings = desired_schema.warnings;

  // b. Diff.
  auto diff_start = std::chrono::steady_clock::now();
  diff::Options diff_options;
  diff_options.renames = load::renames_from_pragmas(desired_schema.pragmas);
  diff_options.online_index_builds = options.online;
  diff_options.not_valid_constraints = options.online;
  const auto plan = diff::diff(current, desired, diff_options);
  result.timings.diff_ms = milliseconds_since(diff_start);
  result.warnings.insert(result.warnings.end(), plan.warnings.begin(), plan.warnings.end());
  result.hints = plan.hints;
  for (const auto& change : plan.changes) {
    result.changes.push_back({change.summary, change.destructive, change.after_transaction});
  }

  if (options.check) {
    if (!plan.changes.empty()) {
      std::vector<std::string> summaries;
      for (const auto& change : plan.changes) summaries.push_back(change.summary);
      throw GenerateError("the schema in " + options.schema.string() + " has changes no migration in " +
                              directory.string() + " covers; run `strata generate`",
                          summaries);
    }
    result.status = Result::Status::CheckPassed;
    return result;
  }
  if (plan.changes.empty()) {
    result.status = Result::Status::UpToDate;
    return result;
  }

  // c. Destructive changes need approval: the flag, or `-- strata:allow-destructive` on the
  // object (or on the table it belongs to, since a dropped column is no longer declared).
  std::set<std::string> approved_keys;
  for (const auto& pragma : desired_schema.pragmas) {
    if (pragma.name == "allow-destructive") approved_keys.insert(pragma.object_key);
  }
  bool destructive = false;
  std::vector<std::string> refused;
  for (const auto& change : plan.changes) {
    if (!change.destructive) continue;
    destructive = true;
    const auto* object = current.find(change.key);
    const bool approved = options.allow_destructive || approved_keys.count(change.key) ||
                          (object && !object->parent.empty() && approved_keys.count(object->parent));
    if (!approved) {
      refused.push_back(change.summary + ": " +
                        (change.destructive_reason.empty() ? "loses data" : change.destructive_reason));
    }
  }
  if (!refused.empty()) {
    throw GenerateError("refusing destructive changes (pass --allow-destructive, or mark the object with "
                        "`-- strata:allow-destructive` in the schema); nothing was written",
                        refused);
  }

  diff_start = std::chrono::steady_clock::now();
  const auto main_plan = only(plan, false);
  const auto after_plan = only(plan, true);
  const auto main_sql = diff::render_sql(main_plan);
  const auto after_sql = after_plan.changes.empty() ? std::string() : online_lock_timeout(after_plan) + diff::render_sql(after_plan);
  result.timings.diff_ms += milliseconds_since(diff_start);

  // d. Proof on a copy of the replayed database: up must reach the declared schema, down must
  // come back. With an online part, the state between the two parts is proven as well.
  const auto proof_start = std::chrono::steady_clock::now();
  runtime::ScratchDatabase proof(cluster, "strata_proof", replayed.name());
  bool up_no_transaction = false, down_no_transaction = false;
  proof_step("the up migration", [&] {
    apply_in_transaction_if_possible(cluster, proof.name(), "the up migration", main_sql, up_no_transaction, result.warnings);
  });
  model::Catalog intermediate;
  DownSql after_down;
  if (!after_sql.empty()) {
    intermediate = introspect_database(cluster, proof.name());
    proof_step("the online migration", [&] { apply(cluster, proof.name(), "(online migration)", after_sql, false); });
  }
  require_equal(desired, introspect_database(cluster, proof.name()),
                "the up migration does not produce the declared schema");
  const auto& before_online = after_sql.empty() ? desired : intermediate;
  if (!after_sql.empty()) {
    after_down = down_sql(desired, intermediate, diff_options.renames);
    if (after_down.irreversible.empty()) {
      proof_step("the online down migration",
                 [&] { apply(cluster, proof.name(), "(online down migration)", after_down.sql, true); });
      require_equal(intermediate, introspect_database(cluster, proof.name()),
                    "the online down migration does not undo the online migration");
    }
  }
  const auto main_down = down_sql(before_online, current, diff_options.renames);
  if (main_down.irreversible.empty() && after_down.irreversible.empty()) {
    proof_step("the down migration", [&] {
      apply_in_transaction_if_possible(cluster, proof.name(), "the down migration", main_down.sql, down_no_transaction,
                                       result.warnings);
    });
    require_equal(current, introspect_database(cluster, proof.name()),
                  "the down migration does not return to the migrations' state");
  }
  for (const DownSql* down : {static_cast<const DownSql*>(&after_down), &main_down}) {
    if (!down->irreversible.empty()) {
      result.warnings.push_back("no down migration could be generated (" + down->irreversible +
                                "); the down file refuses to run");
    }
  }
  result.timings.proof_ms = milliseconds_since(proof_start);

  // e. Write.
  const auto write_start = std::chrono::steady_clock::now();
  const auto version = next_version(existing, options.now.value_or(std::chrono::system_clock::now()));
  const auto slug = options.name.empty() ? slug_for(plan, current, desired) : sanitize_slug(options.name);
  fs::create_directories(directory);
  const auto base = version + "_" + slug;
  std::vector<std::string> up_pragmas;
  if (up_no_transaction) up_pragmas.push_back("no-transaction");
  if (destructive) up_pragmas.push_back("destructive");
  std::vector<std::string> down_pragmas;
  if (down_no_transaction) down_pragmas.push_back("no-transaction");
  const std::string generated = "Generated by `strata generate` from " + options.schema.string() + "; proven on a copy "
                                "of the state the earlier migrations build.";
  std::vector<std::pair<fs::path, std::string>> files{
      {directory / (base + ".sql"), header(up_pragmas, generated) + main_sql},
      {directory / (base + ".down.sql"), header(down_pragmas, "Reverts " + base + ".sql.") + main_down.sql},
  };
  if (!after_sql.empty()) {
    const auto online_base = add_seconds(version, 1) + "_" + sanitize_slug(slug + "_online");
    files.push_back({directory / (online_base + ".sql"),
                     header({"no-transaction"}, "Runs outside a transaction, after " + base + ".sql.") + after_sql});
    files.push_back({directory / (online_base + ".down.sql"),
                     header({}, "Reverts " + online_base + ".sql.") + after_down.sql});
  }
  for (const auto& [path, text] : files) {
    if (fs::exists(path)) throw GenerateError(path.string() + ": already exists; nothing was written");
  }
  for (const auto& [path, text] : files) {
    write_new_file(path, text);
    result.written.push_back(path);
  }
  migrations::write_integrity_file(directory, migrations::read_directory(directory));
  result.timings.write_ms = milliseconds_since(write_start);
  result.status = Result::Status::Written;
  return result;
}

}  // namespace strata::generate
