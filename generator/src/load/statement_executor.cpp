// Executes split statements over strata's libpq layer; a refused statement is a SchemaError at
// the file:line:col PostgreSQL pointed at.
//
// Statements go in batches (pg::send_batch): one query string of up to pg::kBatchStatements
// statements, which PostgreSQL runs as one implicit transaction (one round trip, one commit,
// instead of one each: docs/benchmarks.md). The batch says which statement failed and where, so
// the error is that statement's, at its own position. Statements that cannot share a
// transaction (sql::runs_alone) run alone.
#include <set>

#include "strata/load.h"
#include "strata/pg.h"

namespace strata::load {
namespace {

// pg_dump output names the roles that own objects; roles are cluster-wide and not part of the
// schema model, so the scratch cluster gets any role a statement names before it runs. Another
// process loading into the same cluster may create the same role at the same moment: fine.
void ensure_roles_exist(const pg::Session& session, const std::vector<std::string>& roles, std::set<std::string>& known) {
  for (const auto& role : roles) {
    if (!known.insert(role).second) continue;
    session.exec("DO $strata$ BEGIN IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = " + pg::literal(role) +
                     ") THEN CREATE ROLE " + pg::identifier(role) +
                     " NOLOGIN; END IF; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $strata$",
                 "cannot create role " + role + " on the scratch cluster");
  }
}

class Executor {
 public:
  Executor(const pg::Session& session, const SourceFile& file, std::set<std::string>& known_roles)
      : session_(session), file_(file), known_roles_(known_roles) {}

  void run(const std::vector<Statement>& statements) {
    for (const auto& statement : statements) {
      if (sql::runs_alone(statement)) {
        flush();
        run_one(statement);
        continue;
      }
      ensure_roles_exist(session_, statement.roles, known_roles_);
      batch_.push_back(&statement);
      bytes_ += statement.sql.size();
      if (batch_.size() >= pg::kBatchStatements || bytes_ >= pg::kBatchBytes) flush();
    }
    flush();
  }

 private:
  void flush() {
    if (batch_.size() == 1) run_one(*batch_.front());
    if (batch_.size() > 1) {
      std::vector<std::string> texts;
      texts.reserve(batch_.size());
      for (const auto* statement : batch_) texts.push_back(statement->sql);
      const auto batch = pg::send_batch(session_.get(), texts);
      if (batch.failed) {
        const auto& failed = *batch_[batch.failed_statement];
        throw sql::error_from_result(file_, failed, batch.failed.get(), batch.characters_before);
      }
    }
    batch_.clear();
    bytes_ = 0;
  }

  void run_one(const Statement& statement) {
    ensure_roles_exist(session_, statement.roles, known_roles_);
    const pg::Result result = session_.send(statement.sql);
    const auto status = PQresultStatus(result.get());
    if (pg::succeeded(result.get())) return;
    if (status == PGRES_COPY_IN || status == PGRES_COPY_OUT) {
      throw SchemaError(statement.location, "COPY to or from the client is not supported in a schema file "
                                            "(use INSERT statements, or seed files for data)");
    }
    // A role created by an earlier load on the same cluster is not an error in this one.
    if (!statement.created_role.empty() && pg::sqlstate(result.get()) == pg::kDuplicateObject) return;
    throw sql::error_from_result(file_, statement, result.get());
  }

  const pg::Session& session_;
  const SourceFile& file_;
  std::vector<const Statement*> batch_;
  std::size_t bytes_ = 0;
  std::set<std::string>& known_roles_;
};

}  // namespace

void execute_statements(const std::string& connection_string, const std::vector<SourceFile>& files) {
  std::vector<std::vector<Statement>> split;
  split.reserve(files.size());
  for (const auto& file : files) split.push_back(split_statements(file));  // refuse bad files before touching the database

  const pg::Session session(connection_string, "strata load");
  std::set<std::string> known_roles;
  for (std::size_t i = 0; i < files.size(); ++i) {
    session.exec("RESET ALL", "reset the session");  // every file starts as if run by its own psql
    Executor(session, files[i], known_roles).run(split[i]);
  }
}

}  // namespace strata::load
