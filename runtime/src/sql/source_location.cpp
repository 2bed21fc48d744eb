#include <string>

#include "strata/sql_source.h"

namespace strata::sql {

SourceLocation IncrementalLocator::at(std::size_t offset) {
  for (; offset_ < offset && offset_ < text_.size(); ++offset_) {
    const auto byte = static_cast<unsigned char>(text_[offset_]);
    if (byte == '\n') {
      ++here_.line;
      here_.column = 1;
    } else if ((byte & 0xC0) != 0x80) {  // count UTF-8 lead bytes only: columns are characters
      ++here_.column;
    }
  }
  return here_;
}

SourceLocation locate(const std::filesystem::path& file, const std::string& text, std::size_t offset) {
  return IncrementalLocator(file, text).at(offset);
}

SqlError::SqlError(SourceLocation location, const std::string& message, std::string sqlstate, std::string statement,
                   std::vector<std::string> details, std::string hint)
    : Error(message, ErrorInfo{.details = std::move(details),
                               .location = std::move(location),
                               .sqlstate = std::move(sqlstate),
                               .statement = std::move(statement),
                               .hint = std::move(hint)}) {}

SqlError SqlError::with(std::vector<std::string> more_details, std::string more_hint) const {
  auto all = details();
  all.insert(all.end(), more_details.begin(), more_details.end());
  std::string joined = hint();
  if (!more_hint.empty()) joined += (joined.empty() ? "" : "; ") + more_hint;
  return SqlError(location(), message(), sqlstate(), statement(), std::move(all), std::move(joined));
}

}  // namespace strata::sql
