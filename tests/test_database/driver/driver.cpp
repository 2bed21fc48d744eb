// A test process for the test_database suite, run as a child so that several processes (more
// than there are cores) use one server at once, and so that one can be killed mid-run.
//
//   driver isolate <migrations> <marker>  acquire, write <marker>, wait, check only it is there
//   driver stats <migrations>             print what the pool did (did this process build?)
//   driver hold <migrations> <n>          acquire n databases, print their names, wait to be killed
//
// The server comes from the environment (STRATA_TEST_BACKEND...). Output: "key value" lines.
#include <unistd.h>

#include <chrono>
#include <iostream>
#include <pqxx/pqxx>
#include <thread>

#include "strata/test_database.h"

namespace {

using namespace std::chrono_literals;

int isolate(strata::testdb::TemplatePool& pool, const std::string& marker) {
  auto database = pool.acquire();
  std::cout << "database " << database.name() << "\nacquire_ms " << database.acquire_ms() << std::endl;
  pqxx::connection connection(database.connection_string());
  {
    pqxx::work work(connection);
    work.exec0("INSERT INTO notes (marker) VALUES (" + work.quote(marker) + ")");
    work.commit();
  }
  std::this_thread::sleep_for(300ms);  // the other processes write meanwhile
  pqxx::nontransaction read(connection);
  const std::string markers = read.exec1("SELECT string_agg(marker, ',' ORDER BY id) FROM notes")[0].c_str();
  const auto history = read.exec1("SELECT count(*) FROM strata.migrations")[0].as<int>();
  std::cout << "markers " << markers << "\nhistory " << history << std::endl;
  return markers == marker ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: driver isolate|stats|hold <migrations> [arg]\n";
    return 2;
  }
  try {
    const std::string command = argv[1];
    auto options = strata::testdb::PoolOptions().with_environment();
    if (command == "stats") options.background = false;
    auto pool = strata::testdb::TemplatePool::from_directory(strata::testdb::open_server(), argv[2], options);
    std::cout << "pid " << ::getpid() << "\ntemplate " << pool->template_name() << "\nbuilt_template "
              << pool->stats().built_template << std::endl;
    if (command == "isolate" && argc > 3) return isolate(*pool, argv[3]);
    if (command == "stats") return 0;
    if (command == "hold" && argc > 3) {
      std::vector<strata::testdb::TestDatabase> held;
      for (int i = 0; i < std::stoi(argv[3]); ++i) {
        held.push_back(pool->acquire());
        std::cout << "database " << held.back().name() << std::endl;
      }
      std::cout << "holding" << std::endl;
      for (;;) ::pause();
    }
    std::cerr << "unknown command " << command << "\n";
    return 2;
  } catch (const std::exception& error) {
    std::cerr << "driver: " << error.what() << "\n";
    return 1;
  }
}
