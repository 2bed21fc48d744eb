// A declared schema refuses, at the statement's file:line:col, what the model does not hold
// (the catalog walk in tests/introspect/kinds_coverage_test.cpp covers the databases).
#include <gtest/gtest.h>

#include "strata/load.h"

namespace strata::load {
namespace {

// The message of the SchemaError annotating `sql` throws, with its location ("" when none).
std::string refusal_of(const std::string& sql) {
  try {
    annotate(sql::SourceFile{"schema.sql", sql});
  } catch (const SchemaError& error) {
    return std::string(error.what());  // starts with file:line:col
  }
  return "";
}

TEST(RefusedStatements, KindsTheModelDoesNotHoldAreRefusedWhereTheyAreDeclared) {
  const std::vector<std::pair<std::string, std::string>> refused = {
      {"CREATE USER MAPPING FOR CURRENT_USER SERVER srv", "credentials"},
      {"IMPORT FOREIGN SCHEMA remote FROM SERVER srv INTO public", "declare the foreign tables"},
      {"CREATE TYPE not_yet", "shell types"},
      {"CREATE SUBSCRIPTION sub CONNECTION 'host=x' PUBLICATION p", "connects to another server"},
      {"CREATE ACCESS METHOD columnar TYPE TABLE HANDLER heap_tableam_handler", "access methods"},
      {"CREATE TABLESPACE fast LOCATION '/ssd'", "directory of the server"},
  };
  for (const auto& [statement, reason] : refused) {
    const std::string message = refusal_of("CREATE TABLE kept (id int);\n\n  " + statement + ";\n");
    EXPECT_NE(message.find("schema.sql:3:3: cannot declare this: "), std::string::npos) << statement << "\n" << message;
    EXPECT_NE(message.find(reason), std::string::npos) << statement << "\n" << message;
  }
}

TEST(RefusedStatements, ModelledKindsAreNotRefused) {
  EXPECT_EQ(refusal_of("CREATE TABLE plain (id int);\n"
                       "CREATE AGGREGATE agg (int) (SFUNC = int4pl, STYPE = int);\n"
                       "CREATE TYPE mood AS ENUM ('ok');\nCREATE DOMAIN d AS int;\nCREATE TYPE r AS RANGE (SUBTYPE = int8);\n"
                       "CREATE TEXT SEARCH DICTIONARY tsd (TEMPLATE = simple);\nCREATE TEXT SEARCH CONFIGURATION tsc (COPY = english);\n"
                       "ALTER TEXT SEARCH CONFIGURATION tsc ALTER MAPPING FOR word WITH tsd;\n"
                       "CREATE TABLE typed OF mood;\nCREATE CAST (int AS text) WITH INOUT;\nCREATE FOREIGN DATA WRAPPER fdw;\n"
                       "CREATE SERVER srv FOREIGN DATA WRAPPER fdw;\nCREATE FOREIGN TABLE ft (id int) SERVER srv;\n"
                       "CREATE OPERATOR === (LEFTARG = int, RIGHTARG = int, FUNCTION = eq3);\n"
                       "GRANT SELECT ON plain TO reader;\nALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO reader;\n"),
            "");
}

}  // namespace
}  // namespace strata::load
