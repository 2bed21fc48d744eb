#include "strata/accessors/support.h"


namespace strata::accessors {

pqxx::result exec(pqxx::transaction_base& tx, const std::string& sql, const Params& params) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& param : params) values.push_back(param ? param->c_str() : nullptr);
  return tx.exec_params(sql, pqxx::prepare::make_dynamic_params(values));
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

void unexpected_null(const char* relation, const char* column) {
  throw ConversionError(std::string("NULL in ") + relation + "." + column +
                        ", which the generated code maps to a type without NULL");
}

}  // namespace strata::accessors
