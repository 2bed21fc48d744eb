#include <sstream>

#include "strata/migrations.h"

namespace strata::migrations {

Pragmas parse_pragmas(const std::string& sql) {
  Pragmas pragmas;
  std::istringstream lines(sql);
  std::string line;
  while (std::getline(lines, line)) {
    const auto start = line.find_first_not_of(" \t\r");
    if (start == std::string::npos) continue;   // blank lines may separate the header
    if (line.compare(start, 2, "--") != 0) break;  // the header ends at the first statement
    std::istringstream words(line.substr(start + 2));
    std::string word;
    words >> word;
    if (word == "strata:no-transaction") pragmas.no_transaction = true;
    else if (word == "strata:destructive") pragmas.destructive = true;
  }
  return pragmas;
}

}  // namespace strata::migrations
