// The `strata generate` flow: verify, replay || load, diff, refuse, write in memory, prove with the
// runner, write to disk.
#include <algorithm>
#include <fstream>
#include <future>
#include <memory>
#include <optional>

#include "strata/generate.h"
#include "strata/introspect.h"
#include "strata/pg.h"
#include "strata/replay.h"
#include "strata/seed.h"
#include "strata/source.h"
#include "strata/stopwatch.h"

namespace strata::generate {
namespace {

namespace fs = std::filesystem;

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

// `up`: the up migration's options, whose renames the down migration reverts (none for the
// online part: the renames ran in the main one).
DownSql down_sql(const model::Catalog& from, const model::Catalog& to, const diff::Options* up) {
  diff::Options options;
  if (up != nullptr) {
    for (const auto& [new_key, old_key] : up->renames) options.renames[old_key] = new_key;
    for (const auto& [type, labels] : up->label_renames) {
      for (const auto& [old_label, new_label] : labels) options.label_renames[type][new_label] = old_label;
    }
  }
  try {
    return {diff::render_sql(diff::diff(from, to, options)), ""};
  } catch (const diff::DiffError& error) {
    return {"DO $strata$ BEGIN RAISE EXCEPTION " +
                model::quote_literal("strata: this migration cannot be reverted automatically: " + std::string(error.what())) +
                "; END $strata$;\n",
            error.what()};
  }
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

std::string header(const std::vector<std::string>& pragmas, const std::string& comment) {
  std::string text;
  for (const auto& pragma : pragmas) text += "-- strata:" + pragma + "\n";
  text += "-- " + comment + "\n\n";
  return text;
}

migrations::MigrationFile file(const fs::path& path, const std::string& text) {
  return {path, text, migrations::parse_pragmas(text)};
}

// One generated migration: what its files say, kept apart so that a file can be written again
// with `no-transaction` when its transaction cannot hold the locks it needs.
struct Draft {
  std::string version;
  std::string slug;
  std::vector<std::string> up_pragmas;
  std::string up_comment;
  std::string up_sql;
  std::vector<std::string> down_pragmas;
  std::string down_comment;
  std::string down_sql;

  migrations::Migration migration(const fs::path& directory) const {
    const std::string base = version + "_" + slug;
    migrations::Migration made;
    made.version = version;
    made.slug = slug;
    made.up = file(directory / (base + ".sql"), header(up_pragmas, up_comment) + up_sql);
    made.down = file(directory / (base + ".down.sql"), header(down_pragmas, down_comment) + down_sql);
    return made;
  }
};

// The proof: the replayed database migrated and rolled back by the runner with the files as they
// will be written, compared with the declared schema and the migrations' state. It runs on the
// replayed database itself, not on a copy: nothing reads that database once its catalog is
// known, and a copy cost 2.3-2.5 s at 1,000 tables (CREATE DATABASE follows the number of
// relations; docs/benchmarks.md).
class Proof {
 public:
  Proof(const runtime::ScratchDatabase& replayed, const fs::path& directory, std::vector<migrations::Migration> existing,
        const load::LoadedSchema& declared, const model::Scope& scope)
      : database_(replayed),
        scope_(scope),
        directory_(directory),
        existing_(std::move(existing)),
        declared_(declared),
        options_(replay::throwaway_options()) {}

  model::Catalog catalog() const {
    auto catalog = introspect::introspect(database_.connection_string()).catalog;
    model::narrow(catalog, scope_);
    return catalog;
  }

  // Migrates up to and including `draft`. A transaction that needs more locks than the server's
  // lock table holds (SQLSTATE 53200: a migration creating or dropping hundreds of tables) is run
  // statement by statement instead, and the file is written `no-transaction`: said in a warning.
  void migrate(std::vector<Draft>& drafts, std::size_t draft, const std::string& what, std::vector<std::string>& warnings) {
    step(what, [&] {
      const auto out_of_locks = out_of_locks_in([&] { apply(drafts, draft); });
      if (!out_of_locks) return;
      if (!fall_back(drafts[draft].up_pragmas, what, warnings)) throw *out_of_locks;
      apply(drafts, draft);
    });
  }

  // Rolls `draft` (the newest applied) back with its down file; the same fallback.
  void roll_back(std::vector<Draft>& drafts, std::size_t draft, const std::string& what, std::vector<std::string>& warnings) {
    step(what, [&] {
      const auto out_of_locks = out_of_locks_in([&] { revert(drafts); });
      if (!out_of_locks) return;
      if (!fall_back(drafts[draft].down_pragmas, what, warnings)) throw *out_of_locks;
      revert(drafts);
    });
  }

  std::string connection_string() const { return database_.connection_string(); }

  // Broken invariants on the rows: warnings go to `warnings`, the rest fail the proof.
  static void require_data(const std::vector<prove::Violation>& violations, const std::string& what,
                           std::vector<std::string>& warnings) {
    std::vector<std::string> broken;
    for (const auto& violation : violations) {
      if (violation.warning) warnings.push_back("proof on data: " + what + ": " + violation.line().substr(9));
      else broken.push_back(violation.line());
    }
    if (broken.empty()) return;
    throw GenerateError("proof on data failed: " + what + " breaks " + std::to_string(broken.size()) +
                            " invariant(s) on the synthetic rows; nothing was written",
                        ErrorInfo{.details = first_lines(std::move(broken)),
                                  .hint = "change the declared schema (or approve the loss with "
                                          "`-- strata:allow-destructive`), or write the data change by hand "
                                          "(`strata new`); --proof-rows 0 proves on empty tables only"});
  }

  void require(const model::Catalog& expected, const model::Catalog& actual, const std::string& what) const {
    auto lines = model::differences(expected, actual);
    if (lines.empty()) return;
    for (auto& line : lines) {
      const auto start = line.find(": ") + 2;
      const auto key = line.substr(start, line.find(' ', start) - start);
      if (const auto* where = declared_.declared_at(key)) line += " [declared at " + where->to_string() + "]";
    }
    throw GenerateError("proof failed: " + what + "; nothing was written", first_lines(std::move(lines)));
  }

 private:
  static std::vector<std::string> first_lines(std::vector<std::string> lines) {
    if (lines.size() > 50) {
      const auto more = lines.size() - 50;
      lines.resize(50);
      lines.push_back("... and " + std::to_string(more) + " more");
    }
    return lines;
  }

  std::vector<migrations::Migration> all(const std::vector<Draft>& drafts) const {
    auto all = existing_;
    for (const auto& draft : drafts) all.push_back(draft.migration(directory_));
    return all;
  }

  void apply(const std::vector<Draft>& drafts, std::size_t draft) {
    auto options = options_;
    options.to_version = drafts[draft].version;
    runner::migrate(database_.connection_string(), all(drafts), options);
  }

  void revert(const std::vector<Draft>& drafts) {
    runner::rollback(database_.connection_string(), all(drafts), runner::RollbackOptions{options_, std::nullopt, 1});
  }

  // The error of a transaction that needed more locks than the server's lock table holds (it
  // rolled back whole); nullopt when `run` worked. Any other error goes on.
  template <typename Run>
  static std::optional<sql::SqlError> out_of_locks_in(Run run) {
    try {
      run();
      return std::nullopt;
    } catch (const sql::SqlError& error) {
      if (error.sqlstate() != pg::kOutOfSharedMemory) throw;
      return error;
    }
  }

  static bool fall_back(std::vector<std::string>& pragmas, const std::string& what, std::vector<std::string>& warnings) {
    if (std::find(pragmas.begin(), pragmas.end(), "no-transaction") != pragmas.end()) return false;
    pragmas.insert(pragmas.begin(), "no-transaction");
    warnings.push_back(what + " takes more locks than one transaction may hold (max_locks_per_transaction); "
                       "it is written as `-- strata:no-transaction` and is not atomic: review it, or split it");
    return true;
  }

  // Runs a step of the proof; a statement of a generated file that PostgreSQL refuses (or any
  // other failure to run it) is a proof failure, reported with where and why.
  template <typename Step>
  static void step(const std::string& what, Step run) {
    try {
      run();
    } catch (const sql::SqlError& error) {
      std::vector<std::string> details{error.what()};
      if (!error.statement().empty()) details.push_back("statement: " + error.statement());
      details.insert(details.end(), error.details().begin(), error.details().end());
      throw GenerateError("proof failed: " + what + " does not run; nothing was written", details);
    } catch (const GenerateError&) {
      throw;
    } catch (const Error& error) {
      std::vector<std::string> details{error.what()};
      details.insert(details.end(), error.details().begin(), error.details().end());
      throw GenerateError("proof failed: " + what + " does not run; nothing was written", details);
    }
  }

  const runtime::ScratchDatabase& database_;
  model::Scope scope_;
  fs::path directory_;
  std::vector<migrations::Migration> existing_;
  const load::LoadedSchema& declared_;
  runner::RunOptions options_;
};

void write_new_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw GenerateError(path.string() + ": cannot write");
}

diff::Options diff_options_for(const Options& options, const load::LoadedSchema& declared) {
  diff::Options diff_options = source::diff_options(declared);
  diff_options.online_index_builds = options.online;
  diff_options.not_valid_constraints = options.online;
  diff_options.allow_destructive = options.allow_destructive;
  return diff_options;
}

// b. The diff of the current state and the declared schema.
diff::Plan plan_for(const model::Catalog& current, const load::LoadedSchema& declared, const diff::Options& diff_options,
                    Result& result) {
  const auto start = std::chrono::steady_clock::now();
  auto plan = diff::diff(current, declared.catalog, diff_options);
  result.timings.diff_ms = ms_since(start);
  result.plan = plan;
  result.warnings = declared.warnings;
  for (const auto& change : plan.changes) {
    result.changes.push_back({change.summary, change.destructive, change.after_transaction});
  }
  return plan;
}

// Whether the plan settles the run without writing: a check (passed, or thrown as failed), or
// nothing to do.
bool settled(const Options& options, const fs::path& directory, const diff::Plan& plan, Result& result) {
  if (options.check) {
    if (!plan.changes.empty()) {
      std::vector<std::string> summaries;
      for (const auto& change : plan.changes) summaries.push_back(change.summary);
      throw GenerateError("the schema in " + options.schema.string() + " has changes no migration in " +
                              directory.string() + " covers; run `strata generate`",
                          summaries);
    }
    result.status = Result::Status::CheckPassed;
    return true;
  }
  if (plan.changes.empty()) {
    result.status = Result::Status::UpToDate;
    return true;
  }
  return false;
}

fs::path migrations_directory(const Options& options) {
  return options.migrations.empty() ? options.schema / "migrations" : options.migrations;
}

// The key of "these migrations and this schema need no migration, compared with these options".
std::string settled_key(const Options& options, const std::vector<migrations::Migration>& existing,
                        const std::vector<sql::SourceFile>& files) {
  const std::string flags = std::string(options.online ? "online" : "") + (options.allow_destructive ? "|destructive" : "") +
                            (options.scope.owners ? "|owners" : "") + (options.scope.privileges ? "|privileges" : "");
  return source::CatalogCache::key("settled", source::CatalogCache::key(existing) + "|" +
                                                  source::CatalogCache::key(files) + "|" + flags);
}

// What a settled run said besides its status, kept for the next one.
nlohmann::json settled_json(const Result& result) {
  return {{"warnings", result.warnings}, {"plan_warnings", result.plan.warnings}, {"plan_hints", result.plan.hints}};
}

// The schema files are read again for the key (a few hundred kB at 1,000 tables): the loader read
// them itself, and may have taken their catalog from the cache.
void remember_settled(const std::optional<source::CatalogCache>& cache, const Options& options,
                      const std::vector<migrations::Migration>& existing, const Result& result) {
  if (!cache || !cache->enabled()) return;
  cache->write(settled_key(options, existing, load::read_schema_files(options.schema)), settled_json(result));
}

// A run settled without a cluster, from what the cache kept (source::CatalogCache): the same
// migrations and schema settled before (a hash lookup), or both were loaded before and their
// catalogs agree. This is what `db-check` and CI run on every build. nullopt when either must be
// loaded, or when changes have to be written (and proven, which needs the replayed database).
std::optional<Result> settled_from_cache(const Options& options) {
  if (!options.catalog_cache) return std::nullopt;
  const source::CatalogCache cache;
  if (!cache.enabled()) return std::nullopt;
  const auto start = std::chrono::steady_clock::now();
  const fs::path directory = migrations_directory(options);
  const auto existing = replay::read_verified(directory);  // integrity first, as always
  const auto files = load::read_schema_files(options.schema);
  Result result;
  result.timings.from_cache = true;
  const auto key = settled_key(options, existing, files);
  if (const auto settled = cache.read(key)) {
    try {
      result.warnings = settled->at("warnings").get<std::vector<std::string>>();
      result.plan.warnings = settled->at("plan_warnings").get<std::vector<std::string>>();
      result.plan.hints = settled->at("plan_hints").get<std::vector<std::string>>();
      result.status = options.check ? Result::Status::CheckPassed : Result::Status::UpToDate;
      result.timings.sources_wall_ms = ms_since(start);
      return result;
    } catch (const std::exception&) {
      // an entry without these fields (damaged): settled again below, and written anew
    }
  }
  auto current = cache.find(source::CatalogCache::key(existing));
  if (!current) return std::nullopt;
  auto declared = cache.find(source::CatalogCache::key(files));
  if (!declared) return std::nullopt;
  model::narrow(current->catalog, options.scope);
  model::narrow(declared->catalog, options.scope);
  result.timings.sources_wall_ms = ms_since(start);
  const auto plan = plan_for(current->catalog, *declared, diff_options_for(options, *declared), result);
  if (!settled(options, directory, plan, result)) return std::nullopt;
  cache.write(key, settled_json(result));
  return result;
}

}  // namespace

Result generate(const Options& options) {
  if (auto result = settled_from_cache(options)) return *result;
  if (options.on_stage) options.on_stage("starting PostgreSQL");
  source::Loader loader(options.use_cached_cluster ? source::ClusterChoice::Cached : source::ClusterChoice::Private);
  const auto& cluster = loader.cluster();
  auto result = generate(options, cluster);
  result.timings.cluster_ms = loader.timings().cluster_ms;
  result.timings.cluster_warm = loader.timings().cluster_warm;
  return result;
}

Result generate(const Options& options, const runtime::Cluster& cluster) {
  Result result;
  const fs::path directory = migrations_directory(options);

  // a. Integrity first: a tampered history is never built upon.
  const auto existing = replay::read_verified(directory);

  // Current state (replayed migrations) and desired state (declared schema), side by side. The
  // replayed database is needed for the proof; the declared schema may come from the cache.
  const std::optional<source::CatalogCache> cache =
      options.catalog_cache ? std::make_optional<source::CatalogCache>() : std::nullopt;
  const auto sources_start = std::chrono::steady_clock::now();
  if (options.on_stage) {
    options.on_stage("replaying " + std::to_string(existing.size()) + " migration" + (existing.size() == 1 ? "" : "s") +
                     " and loading the declared schema");
  }
  runtime::ScratchDatabase replayed(cluster, "strata_replay");
  auto current_future = std::async(std::launch::async, [&] {
    const auto start = std::chrono::steady_clock::now();
    replay::apply(replayed.connection_string(), existing);
    load::LoadedSchema current;
    current.catalog = introspect::introspect(replayed.connection_string()).catalog;
    if (cache) cache->store(source::CatalogCache::key(existing), current);
    model::narrow(current.catalog, options.scope);
    result.timings.replay_ms = ms_since(start);
    return std::move(current.catalog);
  });
  load::LoadedSchema declared;
  try {
    const auto start = std::chrono::steady_clock::now();
    source::Loader loader(cluster);
    loader.set_scope(options.scope);
    loader.use_catalog_cache(options.catalog_cache);
    declared = loader.load(source::Source::files(options.schema));
    result.timings.load_ms = ms_since(start);
  } catch (...) {
    current_future.wait();  // never drop the replay database under a running replay
    throw;
  }
  const model::Catalog current = current_future.get();
  const model::Catalog& desired = declared.catalog;
  result.timings.sources_wall_ms = ms_since(sources_start);

  if (options.on_stage) options.on_stage("comparing the two schemas");
  const auto diff_options = diff_options_for(options, declared);
  const auto plan = plan_for(current, declared, diff_options, result);
  if (settled(options, directory, plan, result)) {
    remember_settled(cache, options, existing, result);
    return result;
  }

  // c. Destructive changes need approval: the flag, or `-- strata:allow-destructive` on the
  // object (or on the table it belongs to, since a dropped column is no longer declared).
  if (const auto refused = diff::unapproved_destructive(plan); !refused.empty()) {
    throw GenerateError("refusing destructive changes; nothing was written",
                        ErrorInfo{.details = refused,
                         .hint = "pass --allow-destructive, or mark the object with `-- strata:allow-destructive` in "
                                 "the schema"});
  }
  const bool destructive =
      std::any_of(plan.changes.begin(), plan.changes.end(), [](const diff::Change& change) { return change.destructive; });

  // d. The files, in memory: the main migration and, for changes that must run outside a
  // transaction, an online one right after it.
  auto diff_start = std::chrono::steady_clock::now();
  const auto main_plan = only(plan, false);
  const auto after_plan = only(plan, true);
  const auto version = next_version(existing, options.now.value_or(std::chrono::system_clock::now()));
  const auto slug = options.name.empty() ? slug_for(plan, current, desired) : sanitize_slug(options.name);
  const auto base = version + "_" + slug;
  std::vector<Draft> drafts;
  Draft main{version, slug, {}, "", diff::render_sql(main_plan), {}, "Reverts " + base + ".sql.", ""};
  if (destructive) main.up_pragmas.push_back("destructive");
  main.up_comment = "Generated by `strata generate` from " + options.schema.string() +
                    "; proven on a copy of the state the earlier migrations build.";
  drafts.push_back(main);
  model::Catalog intermediate;  // the state between the two parts, when there is an online part
  if (!after_plan.changes.empty()) {
    Draft online{add_seconds(version, 1), sanitize_slug(slug + "_online"), {"no-transaction"},
                 "Runs outside a transaction, after " + base + ".sql.",
                 online_lock_timeout(after_plan) + diff::render_sql(after_plan), {}, "", ""};
    online.down_comment = "Reverts " + online.version + "_" + online.slug + ".sql.";
    drafts.push_back(online);
  }
  result.timings.diff_ms += ms_since(diff_start);

  // e. Proof on the replayed database: up must reach the declared schema, down must come back.
  // With an online part, the state between the two parts is proven as well.
  const auto proof_start = std::chrono::steady_clock::now();
  if (options.on_stage) {
    options.on_stage("proving the migration (up, down" +
                     (options.proof_rows > 0 ? ", " + std::to_string(options.proof_rows) + " rows per table" : std::string()) + ")");
  }
  Proof proof(replayed, directory, existing, declared, options.scope);
  // On rows: synthetic ones in every table, kept before the migration and checked after it.
  const prove::FillOptions fill_options{options.proof_rows, options.proof_seed};
  std::optional<prove::Snapshot> rows_before;
  double data_ms = 0;
  const auto seed_files = options.proof_seed_dir.empty() ? std::vector<sql::SourceFile>{}
                                                         : sql::read_sql_files(options.proof_seed_dir);
  if (options.proof_rows > 0 || !seed_files.empty()) {
    const auto start = std::chrono::steady_clock::now();
    prove::FillReport filled;
    if (options.proof_rows > 0) filled = prove::fill(proof.connection_string(), fill_options);
    for (const auto& file : seed_files) {
      try {
        seed::apply_file(proof.connection_string(), file);
      } catch (const sql::SqlError& error) {
        throw GenerateError("proof on data: seed file " + file.path.string() +
                                " does not apply to the state the earlier migrations build; nothing was written",
                            ErrorInfo{.details = {error.what()},
                                      .hint = "seed files for the proof must fit the schema before the migration"});
      }
    }
    const std::string seeded = seed_files.empty() ? "" : " and " + std::to_string(seed_files.size()) + " seed file(s)";
    if (filled.tables == 0 && seed_files.empty()) {
      result.data_proof = "proven on empty tables (the earlier migrations build no table to fill)";
    } else {
      rows_before = prove::snapshot(proof.connection_string(), current, fill_options);
      result.data_proof = options.proof_rows == 0
                              ? "proven on the rows of " + std::to_string(seed_files.size()) + " seed file(s)"
                              : filled.summary() + seeded;
    }
    for (const auto& note : filled.notes) result.warnings.push_back("proof on data: " + note);
    data_ms += ms_since(start);
  } else {
    result.data_proof = "proven on empty tables only (--proof-rows 0)";
  }
  proof.migrate(drafts, 0, "the up migration", result.warnings);
  DownSql after_down;
  if (drafts.size() > 1) {
    intermediate = proof.catalog();
    // The renames ran in the main part: both states already have the new names.
    after_down = down_sql(desired, intermediate, nullptr);
    drafts[1].down_sql = after_down.sql;
    proof.migrate(drafts, 1, "the online migration", result.warnings);
  }
  proof.require(desired, proof.catalog(), "the up migration does not produce the declared schema");
  if (rows_before) {
    const auto start = std::chrono::steady_clock::now();
    Proof::require_data(prove::check_after_up(proof.connection_string(), *rows_before, current, desired, plan,
                                              diff_options, fill_options),
                        "the up migration", result.warnings);
    data_ms += ms_since(start);
  }
  const auto& before_online = drafts.size() > 1 ? intermediate : desired;
  const auto main_down = down_sql(before_online, current, &diff_options);
  drafts[0].down_sql = main_down.sql;
  if (drafts.size() > 1 && after_down.irreversible.empty()) {
    proof.roll_back(drafts, 1, "the online down migration", result.warnings);
    proof.require(intermediate, proof.catalog(), "the online down migration does not undo the online migration");
  }
  if (main_down.irreversible.empty() && after_down.irreversible.empty()) {
    proof.roll_back(drafts, 0, "the down migration", result.warnings);
    proof.require(current, proof.catalog(), "the down migration does not return to the migrations' state");
    if (rows_before) {
      const auto start = std::chrono::steady_clock::now();
      Proof::require_data(prove::check_after_down(proof.connection_string(), *rows_before, plan), "the down migration",
                          result.warnings);
      data_ms += ms_since(start);
    }
  }
  for (const DownSql* down : {static_cast<const DownSql*>(&after_down), &main_down}) {
    if (!down->irreversible.empty()) {
      result.warnings.push_back("no down migration could be generated (" + down->irreversible +
                                "); the down file refuses to run");
    }
  }
  result.timings.proof_ms = ms_since(proof_start);
  result.timings.data_proof_ms = data_ms;

  // f. Write exactly what was proven.
  const auto write_start = std::chrono::steady_clock::now();
  fs::create_directories(directory);
  std::vector<migrations::MigrationFile> files;
  for (const auto& draft : drafts) {
    const auto migration = draft.migration(directory);
    files.push_back(migration.up);
    files.push_back(*migration.down);
  }
  for (const auto& file : files) {
    if (fs::exists(file.path)) throw GenerateError(file.path.string() + ": already exists; nothing was written");
  }
  for (const auto& file : files) {
    write_new_file(file.path, file.sql);
    result.written.push_back(file.path);
  }
  migrations::write_integrity_file(directory, migrations::read_directory(directory));
  result.timings.write_ms = ms_since(write_start);
  result.status = Result::Status::Written;
  return result;
}

}  // namespace strata::generate
