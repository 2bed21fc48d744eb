// Query results, read by column name.
//
// libpq's lookup of a column by name (PQfnumber, behind pqxx's row["name"]) copies and
// case-folds the name on every call, which made it the largest cost of reading a big catalog;
// here the names are looked up in a table built once per result.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <pqxx/result>

#include "object_registry.h"

namespace strata::introspect {

// The catalogs' one-letter codes (relpersistence, tgenabled, polcmd...) mapped to the model's
// names for them.
using CodeNames = std::map<std::string, std::string>;

class Row {
 public:
  Row(const pqxx::row& row, const std::vector<std::string>& column_names)
      : row_(row), column_names_(column_names) {}

  bool is_null(const char* column) const;
  std::string text(const char* column) const;             // "" when NULL
  nlohmann::json text_or_null(const char* column) const;
  bool boolean(const char* column) const;                 // false when NULL
  Oid oid(const char* column) const;                      // 0 when NULL
  std::int32_t integer(const char* column) const;         // 0 when NULL
  // A json column (the queries build arrays and records with json_agg / json_build_object);
  // `when_null` when it is NULL, e.g. json_agg over no rows.
  nlohmann::json json(const char* column,
                      nlohmann::json when_null = nlohmann::json::array()) const;
  // The model's name for the code in `column`; throws std::runtime_error for a code the model
  // does not know (a newer PostgreSQL) rather than guess.
  std::string code_name(const char* column, const CodeNames& names) const;
  // As code_name, but null when the column is "" or NULL (no value).
  nlohmann::json code_name_or_null(const char* column, const CodeNames& names) const;

 private:
  pqxx::field field(const char* column) const;

  pqxx::row row_;
  const std::vector<std::string>& column_names_;
};

class QueryResult {
 public:
  explicit QueryResult(pqxx::result result);

  class Iterator {
   public:
    Iterator(const QueryResult& result, pqxx::result::size_type index) : result_(result), index_(index) {}
    Row operator*() const { return Row(result_.result_[index_], result_.column_names_); }
    Iterator& operator++() {
      ++index_;
      return *this;
    }
    bool operator!=(const Iterator& other) const { return index_ != other.index_; }

   private:
    const QueryResult& result_;
    pqxx::result::size_type index_;
  };

  Iterator begin() const { return Iterator(*this, 0); }
  Iterator end() const { return Iterator(*this, result_.size()); }
  std::size_t size() const { return result_.size(); }

 private:
  pqxx::result result_;
  std::vector<std::string> column_names_;  // by column number
};

}  // namespace strata::introspect
