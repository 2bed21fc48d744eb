// The round-trip property on real-world schemas (../shared/corpus): applying strata's diff to a
// database holding the source schema yields exactly the target schema, judged both by strata's
// catalog model and by pg_dump, and the data in untouched columns survives.
#include <gtest/gtest.h>

#include "random_changes.h"
#include "roundtrip_support.h"
#include "strata/diff.h"
#include "test_cluster.h"

namespace strata::roundtrip {
namespace {

std::vector<load::SourceFile> corpus_file(const std::string& name) {
  return load::read_schema_files(std::filesystem::path(STRATA_CORPUS_DIR) / name);
}

std::string db_name(const std::string& file, const std::string& role) {
  return "rt_" + file.substr(0, file.find('.')) + "_" + role;
}

// Applies a diff, failing the test with the migration and the error when PostgreSQL refuses it.
bool apply_or_fail(const std::string& database, const std::string& sql, const std::string& context) {
  try {
    apply_sql(database, sql);
    return true;
  } catch (const std::exception& error) {
    ADD_FAILURE() << context << "\nerror: " << error.what() << "\nmigration:\n" << sql;
    return false;
  }
}

void expect_same_schema(const std::string& expected_db, const std::string& actual_db, const std::string& context) {
  const auto expected = introspect_database(expected_db);
  const auto actual = introspect_database(actual_db);
  EXPECT_EQ(comparable(expected), comparable(actual)) << context << "\n" << describe_differences(expected, actual);
  const auto expected_dump = schema_dump(expected_db);
  const auto actual_dump = schema_dump(actual_db);
  EXPECT_TRUE(expected_dump == actual_dump) << context << ": pg_dump output differs\n" << unified_diff(expected_dump, actual_dump);
  // And nothing is left to do: the diff of equal schemas is empty.
  EXPECT_EQ(diff::render_sql(diff::diff(actual, expected)), "") << context;
}

class CorpusRoundTrip : public ::testing::TestWithParam<std::string> {};

TEST_P(CorpusRoundTrip, DiffFromEmptyReproducesTheSchema) {
  const auto file = GetParam();
  const auto target_db = db_name(file, "target");
  const auto migrated_db = db_name(file, "from_empty");
  create_database_with(target_db, corpus_file(file));
  create_database_with(migrated_db, {});

  const auto sql = diff::render_sql(diff::diff(load::empty_database_catalog(), introspect_database(target_db)));
  ASSERT_TRUE(apply_or_fail(migrated_db, sql, file + ": empty -> S"));
  expect_same_schema(target_db, migrated_db, file + ": empty -> S");
}

TEST_P(CorpusRoundTrip, RandomChangesApplyBothWaysAndKeepData) {
  const auto file = GetParam();
  const auto& cluster = testing::shared_cluster();
  const auto source_db = db_name(file, "s");
  create_database_with(source_db, corpus_file(file));
  const auto source = introspect_database(source_db);

  for (unsigned seed = 1; seed <= 3; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const auto changed_db = db_name(file, "s_prime");
    cluster.drop_database(changed_db);
    cluster.create_database(changed_db, source_db);
    const auto changes = apply_changes(changed_db, random_changes(source, seed, 12));
    ASSERT_GE(changes.size(), 4u) << "too few random changes applied to be a meaningful test";
    std::string described;
    diff::Options forward, backward;  // the declared renames, and the down migration's reversal
    for (const auto& change : changes) {
      described += "  " + change.sql + ";\n";
      for (const auto& [new_key, old_key] : change.renames) {
        forward.renames[new_key] = old_key;
        backward.renames[old_key] = new_key;
      }
    }
    const auto changed = introspect_database(changed_db);

    // S -> S': on a copy of S with its data.
    const auto forward_db = db_name(file, "forward");
    cluster.drop_database(forward_db);
    cluster.create_database(forward_db, source_db);
    const auto forward_sql = diff::render_sql(diff::diff(source, changed, forward));
    ASSERT_TRUE(apply_or_fail(forward_db, forward_sql, "S -> S' after changes:\n" + described));
    expect_same_schema(changed_db, forward_db, file + ": S -> S' after\n" + described);

    // Rows in untouched columns survive (in a moved table too).
    for (const auto& [key, table] : source.objects) {
      const auto moved = backward.renames.find(key);
      const model::Object* changed_table = changed.find(moved == backward.renames.end() ? key : moved->second);
      if (table.kind != model::Kind::Table || !changed_table) continue;
      std::vector<std::string> untouched;
      for (const auto& [column_key, column] : source.objects) {
        if (column.kind != model::Kind::Column || column.parent != key) continue;
        const auto* changed_column = changed.find("column:" + changed_table->schema + "." + changed_table->name + "." + column.name);
        if (changed_column && changed_column->attrs == column.attrs) untouched.push_back(column.name);
      }
      const auto before = fingerprint(source_db, model::qualified_name(table.schema, table.name), untouched);
      const auto table_name = model::qualified_name(changed_table->schema, changed_table->name);
      const auto after = fingerprint(forward_db, table_name, untouched);
      EXPECT_EQ(before.rows, after.rows) << table_name;
      EXPECT_EQ(before.digest, after.digest) << table_name;
    }

    // S' -> S: on the changed database.
    const auto backward_db = db_name(file, "backward");
    cluster.drop_database(backward_db);
    cluster.create_database(backward_db, changed_db);
    std::string backward_sql;
    try {
      backward_sql = diff::render_sql(diff::diff(changed, source, backward));
    } catch (const diff::DiffError& error) {
      // PostgreSQL cannot remove an enum value; the diff must say so, naming the type, and only
      // when S' added one.
      EXPECT_NE(described.find("ADD VALUE"), std::string::npos) << error.what();
      EXPECT_EQ(error.object_key.rfind("type:", 0), 0u) << error.what();
      for (const auto& db : {changed_db, forward_db, backward_db}) cluster.drop_database(db);
      continue;
    }
    ASSERT_TRUE(apply_or_fail(backward_db, backward_sql, "S' -> S after changes:\n" + described));
    expect_same_schema(source_db, backward_db, file + ": S' -> S after\n" + described);

    for (const auto& db : {changed_db, forward_db, backward_db}) cluster.drop_database(db);
  }
  cluster.drop_database(source_db);
}

INSTANTIATE_TEST_SUITE_P(Corpus, CorpusRoundTrip,
                         ::testing::Values("pagila.sql", "northwind.sql", "openstreetmap.sql"),
                         [](const auto& info) { return info.param.substr(0, info.param.find('.')); });

}  // namespace
}  // namespace strata::roundtrip
