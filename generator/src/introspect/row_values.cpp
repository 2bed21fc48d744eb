#include "row_values.h"

namespace strata::introspect {

std::string text(const pqxx::row& row, const char* column) {
  const pqxx::field field = row[column];
  return field.is_null() ? std::string() : std::string(field.c_str(), field.size());
}

nlohmann::json text_or_null(const pqxx::row& row, const char* column) {
  const pqxx::field field = row[column];
  if (field.is_null()) return nullptr;
  return std::string(field.c_str(), field.size());
}

bool boolean(const pqxx::row& row, const char* column) {
  const pqxx::field field = row[column];
  return !field.is_null() && field.as<bool>();
}

Oid oid(const pqxx::row& row, const char* column) {
  const pqxx::field field = row[column];
  return field.is_null() ? 0 : field.as<Oid>();
}

nlohmann::json json(const pqxx::row& row, const char* column, nlohmann::json when_null) {
  const pqxx::field field = row[column];
  if (field.is_null()) return when_null;
  return nlohmann::json::parse(field.c_str(), field.c_str() + field.size());
}

}  // namespace strata::introspect
