// Synthetic rows: one INSERT ... SELECT per table, parents first; a batch PostgreSQL refuses is
// retried row by row, so one row a CHECK refuses does not cost the table the others.
#include <libpq-fe.h>

#include <algorithm>

#include "live_tables.h"
#include "row_batches.h"
#include "strata/prove.h"

namespace strata::prove {
namespace detail {

// Statements per query string: SAVEPOINT, the statement, RELEASE (or ROLLBACK TO) for each.
constexpr std::size_t kStatementsPerBatch = 64;

std::vector<SavepointOutcome> run_each_in_savepoint(const pg::Session& session, const std::vector<std::string>& sqls,
                                                    bool keep) {
  std::vector<SavepointOutcome> outcomes(sqls.size());
  const std::string end = keep ? "RELEASE SAVEPOINT strata_proof_row" : "ROLLBACK TO SAVEPOINT strata_proof_row";
  for (std::size_t next = 0; next < sqls.size();) {
    std::vector<std::string> texts;
    for (std::size_t i = next; i < sqls.size() && i < next + kStatementsPerBatch; ++i) {
      texts.insert(texts.end(), {"SAVEPOINT strata_proof_row", sqls[i], end});
    }
    const auto batch = pg::send_batch(session.get(), texts);
    const std::size_t done = batch.failed ? batch.failed_statement / 3 : texts.size() / 3;
    for (std::size_t k = 0; k < done; ++k) {
      const char* affected = PQcmdTuples(batch.results[3 * k + 1].get());
      outcomes[next + k].affected = affected && *affected ? std::stol(affected) : 0;
    }
    if (!batch.failed) {
      next += done;
      continue;
    }
    if (batch.failed_statement % 3 != 1 || pg::connection_lost(session.get())) {
      throw Error("the proof's savepoint failed: " + pg::describe_error(session.get(), batch.failed.get()));
    }
    auto& refused = outcomes[next + done];
    refused = {-1, pg::one_line(pg::error_field(batch.failed.get(), PG_DIAG_MESSAGE_PRIMARY)),
               pg::sqlstate(batch.failed.get())};
    session.exec("ROLLBACK TO SAVEPOINT strata_proof_row", "roll back a refused row");
    next += done + 1;
  }
  return outcomes;
}

long run_in_savepoint(const pg::Session& session, const std::string& sql, std::string& error, bool keep,
                      std::string* sqlstate) {
  const auto outcome = run_each_in_savepoint(session, {sql}, keep).front();
  if (outcome.affected < 0) {
    error = outcome.error;
    if (sqlstate) *sqlstate = outcome.sqlstate;
  }
  return outcome.affected;
}

}  // namespace detail

std::string FillReport::summary() const {
  return "proven on " + std::to_string(rows) + " synthetic rows (" + std::to_string(filled) + " of " +
         std::to_string(tables) + " tables filled)";
}

FillReport fill(const std::string& connection, const FillOptions& options) {
  FillReport report;
  pg::Session session(connection, "strata proof");
  const detail::LiveTables live(session);
  const long first = detail::first_row(options);
  session.exec("BEGIN", "start filling");
  for (const auto& table : live.tables()) {
    ++report.tables;
    std::string why;
    const std::string batch = live.insert(table, first, first + options.rows - 1, detail::Columns::Every, why);
    if (batch.empty()) {
      report.notes.push_back(table.name + ": no rows (" + why + ")");
      continue;
    }
    std::string error;
    long inserted = detail::run_in_savepoint(session, batch, error);
    if (inserted < 0 && !table.partition_values.empty()) {
      // No partition takes the made-up values: rows spread over the partitions, each row's
      // partition column set to a value its partition admits.
      inserted = 0;
      const long partitions = static_cast<long>(table.partition_values.size());
      const long per = std::max<long>(1, (options.rows + partitions - 1) / partitions);
      long n = first;
      for (const auto& value : table.partition_values) {
        if (n >= first + options.rows) break;
        std::string partition_error;
        const long some = detail::run_in_savepoint(
            session, live.insert(table, n, std::min(n + per, first + options.rows) - 1, detail::Columns::Every, why, value),
            partition_error);
        if (some > 0) inserted += some;
        else error = partition_error;
        n += per;
      }
      if (inserted == 0) inserted = -1;  // then row by row, as any other table
    }
    if (inserted < 0) {
      inserted = 0;
      for (long n = first; n < first + options.rows; ++n) {
        std::string row_error;
        // The row; again with plain defaults given values (a UNIQUE column defaulting to ''),
        // with small domain values (a domain's CHECK), with its nullable columns NULL (a CHECK
        // or a trigger on one of them then costs that value, not the row).
        long one = -1;
        for (const auto columns : {detail::Columns::Every, detail::Columns::OverridingDefaults,
                                   detail::Columns::SmallDomainValues, detail::Columns::Required}) {
          const std::string sql = live.insert(table, n, n, columns, why);
          if (!sql.empty() && (one = detail::run_in_savepoint(session, sql, row_error)) > 0) break;
        }
        if (one > 0) inserted += one;
      }
    } else if (inserted < options.rows) {
      // Rows that repeated a unique key, again with their plain defaults given values.
      std::string retry_error;
      const long more = detail::run_in_savepoint(
          session, live.insert(table, first, first + options.rows - 1, detail::Columns::OverridingDefaults, why), retry_error);
      if (more > 0) inserted += more;
    }
    if (session.value("SELECT EXISTS (SELECT FROM " + table.name + ")", "count the rows of " + table.name) == "t") {
      ++report.holding_rows;
    }
    report.rows += inserted;
    if (inserted == options.rows) {
      ++report.filled;
    } else {
      report.notes.push_back(table.name + ": " + std::to_string(inserted) + " of " + std::to_string(options.rows) +
                             " rows" + (error.empty() ? " (the others repeat a unique key)" : " (" + error + ")"));
    }
  }
  session.exec("COMMIT", "keep the synthetic rows");
  return report;
}

}  // namespace strata::prove
