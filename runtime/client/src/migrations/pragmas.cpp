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
    else if (word == "strata:approved") {
      pragmas.approved = true;
      std::string reason;
      std::getline(words, reason);
      const auto first = reason.find_first_not_of(" \t\r");
      const auto last = reason.find_last_not_of(" \t\r");
      pragmas.approved_reason = first == std::string::npos ? "" : reason.substr(first, last - first + 1);
    }
  }
  return pragmas;
}

}  // namespace strata::migrations
