#include "strata/accessors/support.h"

#include <atomic>

#include "strata/accessors/statement_mode.h"
#include "strata/stable_hash.h"

namespace strata::accessors {

namespace {
std::atomic<StatementMode> current_statement_mode{StatementMode::prepared};
}  // namespace

void set_statement_mode(StatementMode mode) { current_statement_mode.store(mode, std::memory_order_relaxed); }
StatementMode statement_mode() { return current_statement_mode.load(std::memory_order_relaxed); }

std::string prepared_statement_name(std::string_view sql) { return "strata_" + stable_hash(sql); }

pqxx::result exec(pqxx::transaction_base& tx, const Statement& statement, const Params& params) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& param : params) values.push_back(param ? param->c_str() : nullptr);
  if (statement_mode() == StatementMode::unprepared) {
    return tx.exec_params(statement.sql, pqxx::prepare::make_dynamic_params(values));
  }
  // libpqxx records the definition (a no-op when this name already has it) and sends the Parse
  // on the first execution on this connection, again after a reconnect. Prepared statements are
  // not transactional: one prepared in a transaction that rolls back stays prepared.
  tx.conn().prepare(statement.name, statement.sql);
  return tx.exec_prepared(statement.name, pqxx::prepare::make_dynamic_params(values));
}

Cursor::Cursor(pqxx::transaction_base& tx, const std::string& sql, const Params& params) : tx_(tx) {
  static std::atomic<unsigned long> next{0};
  name_ = "strata_cursor_" + std::to_string(next++);
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& param : params) values.push_back(param ? param->c_str() : nullptr);
  // Never prepared: a cursor is declared once per stream.
  tx_.exec_params("DECLARE " + name_ + " NO SCROLL CURSOR FOR " + sql, pqxx::prepare::make_dynamic_params(values));
}

Cursor::~Cursor() {
  if (!open_) return;
  try {
    tx_.exec("CLOSE " + name_);
  } catch (...) {
    // The transaction failed or ended: the cursor went with it.
  }
}

pqxx::result Cursor::fetch(std::size_t rows) {
  if (!open_) return {};
  auto result = tx_.exec("FETCH FORWARD " + std::to_string(rows) + " FROM " + name_);
  if (result.empty()) {
    tx_.exec("CLOSE " + name_);
    open_ = false;
  }
  return result;
}

std::string insert_statement(const std::string& table, const std::vector<std::string>& columns,
                             const std::string& returning) {
  std::string sql = "INSERT INTO " + table;
  if (columns.empty()) {
    sql += " DEFAULT VALUES";
  } else {
    std::string placeholders;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      sql += (i ? ", " : " (") + columns[i];
      placeholders += (i ? ", $" : "$") + std::to_string(i + 1);
    }
    sql += ") VALUES (" + placeholders + ")";
  }
  if (!returning.empty()) sql += " RETURNING " + returning;
  return sql;
}

const Statement& InsertStatements::get(const std::vector<std::string>& columns) {
  const std::lock_guard lock(mutex_);
  auto it = by_columns_.find(columns);
  if (it == by_columns_.end()) {
    it = by_columns_.emplace(columns, Statement(insert_statement(table_, columns, returning_))).first;
  }
  return it->second;
}

void unexpected_null(const char* relation, const char* column) {
  throw ConversionError(std::string("NULL in ") + relation + "." + column +
                        ", which the generated code maps to a type without NULL");
}

}  // namespace strata::accessors
