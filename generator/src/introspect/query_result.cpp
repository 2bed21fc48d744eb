#include "query_result.h"

#include <cstring>
#include <stdexcept>

namespace strata::introspect {

QueryResult::QueryResult(pqxx::result result) : result_(std::move(result)) {
  for (pqxx::row::size_type column = 0; column < result_.columns(); ++column) {
    column_names_.emplace_back(result_.column_name(column));
  }
}

pqxx::field Row::field(const char* column) const {
  // A linear scan: results have a few dozen columns at most.
  for (std::size_t number = 0; number < column_names_.size(); ++number) {
    if (column_names_[number] == column) return row_[static_cast<pqxx::row::size_type>(number)];
  }
  throw std::logic_error(std::string("query result has no column '") + column + "'");
}

bool Row::is_null(const char* column) const { return field(column).is_null(); }

std::string Row::text(const char* column) const {
  const pqxx::field value = field(column);
  return value.is_null() ? std::string() : std::string(value.c_str(), value.size());
}

nlohmann::json Row::text_or_null(const char* column) const {
  const pqxx::field value = field(column);
  if (value.is_null()) return nullptr;
  return std::string(value.c_str(), value.size());
}

bool Row::boolean(const char* column) const {
  const pqxx::field value = field(column);
  return !value.is_null() && value.as<bool>();
}

Oid Row::oid(const char* column) const {
  const pqxx::field value = field(column);
  return value.is_null() ? 0 : value.as<Oid>();
}

std::int32_t Row::integer(const char* column) const {
  const pqxx::field value = field(column);
  return value.is_null() ? 0 : value.as<std::int32_t>();
}

nlohmann::json Row::json(const char* column, nlohmann::json when_null) const {
  const pqxx::field value = field(column);
  if (value.is_null()) return when_null;
  return nlohmann::json::parse(value.c_str(), value.c_str() + value.size());
}

std::string Row::code_name(const char* column, const CodeNames& names) const {
  const std::string code = text(column);
  auto it = names.find(code);
  if (it == names.end()) {
    throw std::runtime_error("unexpected catalog code '" + code + "' in " + column);
  }
  return it->second;
}

nlohmann::json Row::code_name_or_null(const char* column, const CodeNames& names) const {
  if (text(column).empty()) return nullptr;
  return code_name(column, names);
}

}  // namespace strata::introspect
