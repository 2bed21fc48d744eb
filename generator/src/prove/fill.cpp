// Synthetic rows: one INSERT ... SELECT per table, parents first, many tables to a round trip; an
// INSERT PostgreSQL refuses is retried row by row, so one row a CHECK refuses does not cost the
// table the others.
#include <libpq-fe.h>

#include <algorithm>

#include "live_tables.h"
#include "row_batches.h"
#include "strata/prove.h"

namespace strata::prove {
namespace detail {

std::vector<SavepointOutcome> run_each_in_savepoint(const pg::Session& session, const std::vector<std::string>& sqls,
                                                    bool keep, const OnRefused& on_refused) {
  std::vector<SavepointOutcome> outcomes(sqls.size());
  const std::string end = keep ? "RELEASE SAVEPOINT strata_proof_row" : "ROLLBACK TO SAVEPOINT strata_proof_row";
  for (std::size_t next = 0; next < sqls.size();) {
    std::vector<std::string> texts;
    for (std::size_t i = next; i < sqls.size() && i < next + pg::kBatchStatements / 3; ++i) {
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
    if (on_refused) on_refused(next + done, refused.error);
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

namespace {

// Inserting into one table after its first INSERT: what the fallbacks added, and why rows are
// missing.
struct TableFill {
  long inserted = 0;
  std::string error;
  std::string note;  // set when the table cannot be filled at all
};

// A table whose INSERT of every row PostgreSQL refused: rows spread over its partitions, then row
// by row (so one row a CHECK refuses does not cost the table the others).
long fill_after_refusal(const pg::Session& session, const detail::LiveTables& live, const detail::LiveTable& table,
                        const FillOptions& options, std::string& error) {
  const long first = detail::first_row(options);
  std::string why;
  long inserted = -1;
  if (!table.partition_values.empty()) {
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
  if (inserted >= 0) return inserted;
  inserted = 0;
  for (long n = first; n < first + options.rows; ++n) {
    std::string row_error;
    // The row; again with plain defaults given values (a UNIQUE column defaulting to ''), with
    // small domain values (a domain's CHECK), with its nullable columns NULL (a CHECK or a
    // trigger on one of them then costs that value, not the row).
    long one = -1;
    for (const auto columns : {detail::Columns::Every, detail::Columns::OverridingDefaults,
                               detail::Columns::SmallDomainValues, detail::Columns::Required}) {
      const std::string sql = live.insert(table, n, n, columns, why);
      if (!sql.empty() && (one = detail::run_in_savepoint(session, sql, row_error)) > 0) break;
    }
    if (one > 0) inserted += one;
  }
  return inserted;
}

}  // namespace

// The first INSERT of every table goes in batches (detail::run_each_in_savepoint), parents first;
// a refused one is retried before the tables after it are filled, so its children find its rows.
FillReport fill(const std::string& connection, const FillOptions& options) {
  FillReport report;
  pg::Session session(connection, "strata proof");
  const detail::LiveTables live(session);
  const auto& tables = live.tables();
  const long first = detail::first_row(options);
  std::vector<TableFill> fills(tables.size());
  std::vector<std::string> inserts;
  std::vector<std::size_t> table_of;  // per INSERT: its table
  for (std::size_t t = 0; t < tables.size(); ++t) {
    std::string why;
    std::string sql = live.insert(tables[t], first, first + options.rows - 1, detail::Columns::Every, why);
    if (sql.empty()) {
      fills[t].note = tables[t].name + ": no rows (" + why + ")";
      continue;
    }
    inserts.push_back(std::move(sql));
    table_of.push_back(t);
  }
  session.exec("BEGIN", "start filling");
  const auto outcomes = detail::run_each_in_savepoint(session, inserts, true, [&](std::size_t i, const std::string& error) {
    auto& fill = fills[table_of[i]];
    fill.error = error;
    fill.inserted = fill_after_refusal(session, live, tables[table_of[i]], options, fill.error);
  });
  for (std::size_t i = 0; i < inserts.size(); ++i) {
    if (outcomes[i].affected < 0) continue;  // filled after its refusal
    auto& fill = fills[table_of[i]];
    fill.inserted = outcomes[i].affected;
    if (fill.inserted < options.rows) {
      // Rows that repeated a unique key, again with their plain defaults given values.
      std::string why, retry_error;
      const long more = detail::run_in_savepoint(
          session, live.insert(tables[table_of[i]], first, first + options.rows - 1, detail::Columns::OverridingDefaults, why),
          retry_error);
      if (more > 0) fill.inserted += more;
    }
  }
  // Which tables hold rows now (theirs, or rows a trigger put there), a few round trips in all.
  std::vector<std::string> exists;
  for (const auto& table : tables) exists.push_back("SELECT EXISTS (SELECT FROM " + table.name + ")");
  for (const auto& result : pg::query_all(session.get(), exists, "see which tables hold rows")) {
    report.holding_rows += pg::value(result.get(), 0, 0) == "t";
  }
  session.exec("COMMIT", "keep the synthetic rows");
  for (std::size_t t = 0; t < tables.size(); ++t) {
    ++report.tables;
    const auto& fill = fills[t];
    if (!fill.note.empty()) {
      report.notes.push_back(fill.note);
      continue;
    }
    report.rows += fill.inserted;
    // More than asked for: a retry of repeated keys can find more free keys than the first
    // INSERT left out, once the parents it picks from are complete.
    if (fill.inserted >= options.rows) {
      ++report.filled;
    } else {
      report.notes.push_back(tables[t].name + ": " + std::to_string(fill.inserted) + " of " + std::to_string(options.rows) +
                             " rows" + (fill.error.empty() ? " (the others repeat a unique key)" : " (" + fill.error + ")"));
    }
  }
  return report;
}

}  // namespace strata::prove
