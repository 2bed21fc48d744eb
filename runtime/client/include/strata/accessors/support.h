// What the generated accessor implementations (.cpp files only) use to talk to PostgreSQL through
// libpqxx: text parameters, reading fields, COPY. Not meant for application code.
#pragma once

#include <array>
#include <map>
#include <mutex>
#include <cstddef>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <pqxx/pqxx>  // libpqxx 6.4's headers do not stand alone (pqxx/stream_to needs strconv first)

#include "strata/accessors/text.h"

namespace strata::accessors {

// Statement parameters in text format; std::nullopt is NULL.
using Params = std::vector<std::optional<std::string>>;

// The name a statement is prepared under: "strata_" + stable_hash(sql), the same in every process.
std::string prepared_statement_name(std::string_view sql);

// A statement's text and its prepared-statement name, computed once (the generated functions
// keep theirs in a function-local static).
struct Statement {
  explicit Statement(std::string text) : sql(std::move(text)), name(prepared_statement_name(sql)) {}
  std::string sql;
  std::string name;
};

// Runs the statement with `params` as $1, $2, ... (text format, types inferred by PostgreSQL), as
// a prepared statement of the transaction's connection unless statement_mode() says otherwise
// (strata/accessors/statement_mode.h).
pqxx::result exec(pqxx::transaction_base& tx, const Statement& statement, const Params& params);
inline pqxx::result exec(pqxx::transaction_base& tx, std::string sql, const Params& params) {
  return exec(tx, Statement(std::move(sql)), params);
}

// A server-side cursor over a query's rows (DECLARE ... NO SCROLL CURSOR, with the parameters
// bound), read `page` rows at a time: what a generated `<query>_stream` reads from. Closed when
// destroyed (the transaction's end closes it anyway).
class Cursor {
 public:
  Cursor(pqxx::transaction_base& tx, const std::string& sql, const Params& params);
  ~Cursor();
  Cursor(const Cursor&) = delete;
  Cursor& operator=(const Cursor&) = delete;
  pqxx::result fetch(std::size_t rows);

 private:
  pqxx::transaction_base& tx_;
  std::string name_;
  bool open_ = true;
};

// A NOT NULL column (or a key) that came back NULL: the database does not match the code.
[[noreturn]] void unexpected_null(const char* relation, const char* column);

// The field converted by `parse` (a function of std::string_view); NULL is an error.
template <class Parse>
auto read_required(const pqxx::field& field, const char* relation, const char* column, Parse parse)
    -> decltype(parse(std::string_view())) {
  if (field.is_null()) unexpected_null(relation, column);
  return parse(std::string_view(field.c_str(), field.size()));
}

// The field converted by `parse`, or std::nullopt for NULL.
template <class Parse>
auto read_optional(const pqxx::field& field, Parse parse) -> std::optional<decltype(parse(std::string_view()))> {
  if (field.is_null()) return std::nullopt;
  return parse(std::string_view(field.c_str(), field.size()));
}

// One field of a COPY row (pqxx::stream_to writes it with its COPY escaping; NULL as \N).
struct CopyField {
  std::optional<std::string> text;
};

}  // namespace strata::accessors

namespace pqxx {
template <>
struct string_traits<strata::accessors::CopyField> {
  static constexpr const char* name() noexcept { return "strata::accessors::CopyField"; }
  static constexpr bool has_null() noexcept { return true; }
  static bool is_null(const strata::accessors::CopyField& field) { return !field.text; }
  static strata::accessors::CopyField null() { return {}; }
  static void from_string(const char text[], strata::accessors::CopyField& field) { field.text = text; }
  static std::string to_string(const strata::accessors::CopyField& field) { return field.text.value_or(""); }
};
}  // namespace pqxx

namespace strata::accessors {
namespace detail {

// pqxx::stream_to (libpqxx 6.4) writes rows given as tuple-like values of a fixed size.
template <std::size_t N>
void write_copy_row(pqxx::stream_to& stream, const Params& row) {
  std::array<CopyField, N> fields;
  for (std::size_t i = 0; i < N; ++i) fields[i].text = row[i];
  stream << fields;
}

template <std::size_t... I>
void write_copy_row_of_size(pqxx::stream_to& stream, const Params& row, std::index_sequence<I...>) {
  const bool written = ((row.size() == I + 1 ? (write_copy_row<I + 1>(stream, row), true) : false) || ...);
  if (!written) throw std::logic_error("strata::accessors::BulkInsert: a row has a field count out of range");
}

}  // namespace detail

// INSERT INTO table (columns) VALUES ($1, ...) RETURNING returning; DEFAULT VALUES without columns.
std::string insert_statement(const std::string& table, const std::vector<std::string>& columns,
                             const std::string& returning);

// The INSERT statements of one table, one per set of given columns (the columns with defaults
// an Insert leaves out vary), each made once: a generated insert() neither builds nor hashes its
// text on every call. Thread-safe.
class InsertStatements {
 public:
  InsertStatements(std::string table, std::string returning)
      : table_(std::move(table)), returning_(std::move(returning)) {}
  const Statement& get(const std::vector<std::string>& columns);

 private:
  std::string table_, returning_;
  std::mutex mutex_;
  std::map<std::vector<std::string>, Statement> by_columns_;  // node-based: references stay valid
};

// Bulk insert with COPY ... FROM STDIN (pqxx::stream_to): rows that give the same columns go
// through one COPY; a row with a different column set (other defaults left out) starts the next.
// A row that gives no column at all is an INSERT ... DEFAULT VALUES. `table` and the column
// names are quoted SQL names; a row has at most MaxColumns columns.
template <std::size_t MaxColumns>
class BulkInsert {
 public:
  BulkInsert(pqxx::transaction_base& tx, std::string table) : tx_(tx), table_(std::move(table)) {}
  BulkInsert(const BulkInsert&) = delete;
  BulkInsert& operator=(const BulkInsert&) = delete;

  void add(std::vector<std::string> columns, const Params& values) {
    if (columns.size() != values.size() || columns.size() > MaxColumns) {
      throw std::logic_error("strata::accessors::BulkInsert: bad row for " + table_);
    }
    if (columns.empty()) {
      close();
      exec(tx_, insert_statement(table_, {}, ""), {});
      return;
    }
    if (!stream_ || columns != columns_) {
      close();
      columns_ = std::move(columns);
      stream_ = std::make_unique<pqxx::stream_to>(tx_, table_, columns_);
    }
    detail::write_copy_row_of_size(*stream_, values, std::make_index_sequence<MaxColumns>());
  }
  // Completes the last COPY (errors in the data surface here at the latest).
  void finish() { close(); }

 private:
  void close() {
    if (!stream_) return;
    auto stream = std::move(stream_);
    stream->complete();
  }

  pqxx::transaction_base& tx_;
  std::string table_;
  std::vector<std::string> columns_;
  std::unique_ptr<pqxx::stream_to> stream_;
};

}  // namespace strata::accessors
