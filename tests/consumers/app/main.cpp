// A consumer of strata: a throwaway PostgreSQL (strata::runtime), the embedded migrations applied
// with strata::runner::migrate, require_current(), then one generated accessor. Prints
// "consumer ok" and exits 0 when everything worked.
#include <iostream>
#include <pqxx/pqxx>

#include "consumer/db/migrations.h"
#include "consumer/db/notes.h"
#include "strata/cluster.h"
#include "strata/runner.h"

int main() {
  try {
    auto cluster = strata::runtime::EphemeralCluster::start();
    cluster->create_database("consumer");
    const auto connection_string = cluster->connection_string("consumer");
    const auto report = strata::runner::migrate(connection_string, consumer::db::migrations());
    if (report.applied.size() != consumer::db::migrations().size()) {
      std::cerr << "expected every migration applied\n";
      return 1;
    }
    consumer::db::require_current(connection_string);

    pqxx::connection connection(connection_string);
    pqxx::work tx(connection);
    consumer::db::notes::Insert values;
    values.title = "hello";
    const auto inserted = consumer::db::notes::insert(tx, values);
    const auto found = consumer::db::notes::find(tx, inserted.id);
    tx.commit();
    if (!found || found->title != "hello" || found->body.has_value()) {
      std::cerr << "the accessor did not read back what it wrote\n";
      return 1;
    }
    std::cout << "consumer ok: note " << found->id << "\n";
    return 0;
  } catch (const std::exception& error) {
    std::cerr << "consumer failed: " << error.what() << "\n";
    return 1;
  }
}
