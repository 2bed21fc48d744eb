#include "roundtrip_support.h"

#include <algorithm>
#include <fstream>
#include <limits>
#include <regex>
#include <sstream>

#include <boost/process.hpp>
#include <pqxx/pqxx>

#include "strata/introspect.h"
#include "test_cluster.h"

namespace strata::roundtrip {

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void create_database_with(const std::string& name, const std::vector<load::SourceFile>& files) {
  const auto& cluster = testing::shared_cluster();
  cluster.drop_database(name);
  cluster.create_database(name);
  load::execute_statements(cluster.connection_string(name), files);
}

model::Catalog introspect_database(const std::string& name) {
  return introspect::introspect(testing::shared_cluster().connection_string(name)).catalog;
}

std::string schema_dump(const std::string& database) {
  const auto& cluster = testing::shared_cluster();
  namespace bp = boost::process;
  bp::ipstream out;
  bp::child dump(cluster.binaries().tool("pg_dump").string(), "--schema-only", "--no-owner", "--no-privileges",
                 "--dbname", cluster.connection_string(database), bp::std_out > out, bp::std_err > bp::null);
  // strata never reorders columns (ALTER TABLE ADD COLUMN appends), so column lines inside a
  // CREATE TABLE are compared as a set: sorted, trailing commas removed.
  std::string text, line;
  std::vector<std::string> columns;
  bool in_table = false;
  static const std::regex varying("^(\\\\(un)?restrict .*|-- Dumped .*)$");
  while (std::getline(out, line)) {
    if (std::regex_match(line, varying)) continue;
    if (in_table && line.rfind(")", 0) == 0) {
      std::sort(columns.begin(), columns.end());
      for (const auto& column : columns) text += column + "\n";
      columns.clear();
      in_table = false;
    }
    if (in_table) {
      columns.push_back(line.back() == ',' ? line.substr(0, line.size() - 1) : line);
      continue;
    }
    text += line + "\n";
    in_table = line.rfind("CREATE TABLE ", 0) == 0 && line.back() == '(';
  }
  dump.wait();
  if (dump.exit_code() != 0) throw std::runtime_error("pg_dump failed for " + database);
  // pg_dump lists the public schema only when its owner is not the default one; owners are
  // not modelled yet (docs/model.md), so that placeholder entry is not a difference.
  static const std::string public_owner_entry =
      "--\n-- Name: public; Type: SCHEMA; Schema: -; Owner: -\n--\n\n-- *not* creating schema, since initdb creates it\n\n\n";
  if (const auto at = text.find(public_owner_entry); at != std::string::npos) text.erase(at, public_owner_entry.size());
  return text;
}

std::string unified_diff(const std::string& expected, const std::string& actual, int max_lines) {
  namespace bp = boost::process;
  const auto base = std::filesystem::temp_directory_path() / ("strata-dump-" + std::to_string(::getpid()));
  std::ofstream(base.string() + ".expected") << expected;
  std::ofstream(base.string() + ".actual") << actual;
  bp::ipstream out;
  bp::child diff(bp::search_path("diff"), "-u", base.string() + ".expected", base.string() + ".actual", bp::std_out > out);
  std::string text, line;
  for (int n = 0; n < max_lines && std::getline(out, line); ++n) text += line + "\n";
  out.ignore(std::numeric_limits<std::streamsize>::max());
  diff.wait();
  std::filesystem::remove(base.string() + ".expected");
  std::filesystem::remove(base.string() + ".actual");
  return text;
}

void apply_sql(const std::string& database, const std::string& sql) {
  load::execute_statements(testing::shared_cluster().connection_string(database), {{"migration.sql", sql}});
}

std::string describe_differences(const model::Catalog& expected, const model::Catalog& actual) {
  std::string text;
  for (const auto& line : model::differences(expected, actual)) text += line + "\n";
  return text;
}

TableFingerprint fingerprint(const std::string& database, const std::string& qualified_table,
                             const std::vector<std::string>& columns) {
  pqxx::connection conn(testing::shared_cluster().connection_string(database));
  pqxx::work tx(conn);
  std::string list;
  for (const auto& column : columns) list += (list.empty() ? "" : ", ") + tx.quote_name(column);
  if (list.empty()) list = "1";
  const auto row = tx.exec1("SELECT count(*), coalesce(md5(string_agg(r::text, ',' ORDER BY r::text)), '') FROM (SELECT " +
                            list + " FROM " + qualified_table + ") AS r");
  return {row[0].as<long long>(), row[1].as<std::string>()};
}

}  // namespace strata::roundtrip
