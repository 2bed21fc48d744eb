// An application that links only its generated accessors (strata::client: libpqxx, libpq):
// require_current() against the database named by argv[1], then one insert and one find.
// Prints "lean ok" and exits 0 when everything worked.
#include <iostream>
#include <pqxx/pqxx>

#include "consumer/db/migrations.h"
#include "consumer/db/notes.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: consumer_lean_app CONNECTION\n";
    return 2;
  }
  try {
    consumer::db::require_current(argv[1]);
    pqxx::connection connection(argv[1]);
    pqxx::work tx(connection);
    const consumer::db::notes::Insert values{.title = "hello"};
    const auto inserted = consumer::db::notes::insert(tx, values);
    const auto found = consumer::db::notes::find(tx, inserted.id);
    tx.commit();
    if (!found || found->title != "hello" || found->body.has_value()) {
      std::cerr << "the accessor did not read back what it wrote\n";
      return 1;
    }
    std::cout << "lean ok: note " << found->id << "\n";
    return 0;
  } catch (const std::exception& error) {
    std::cerr << "lean app failed: " << error.what() << "\n";
    return 1;
  }
}
