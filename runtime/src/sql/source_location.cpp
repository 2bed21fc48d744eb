#include <string>

#include "strata/sql_source.h"

namespace strata::sql {

std::string SourceLocation::to_string() const {
  return file.string() + ":" + std::to_string(line) + ":" + std::to_string(column);
}

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

std::string describe(const SqlError& error) {
  std::string text = error.what();
  if (!error.statement().empty()) text += "\n  statement: " + error.statement();
  if (!error.detail().empty()) {
    std::string detail = error.detail();
    while (!detail.empty() && detail.back() == '\n') detail.pop_back();
    for (std::size_t at = detail.find('\n'); at != std::string::npos; at = detail.find('\n', at + 3)) {
      detail.replace(at, 1, "\n  ");
    }
    text += "\n  " + detail;
  }
  return text;
}

SqlError::SqlError(SourceLocation location, std::string message, std::string sqlstate,
                         std::string statement, std::string detail)
    : std::runtime_error(location.to_string() + ": " + message +
                         (sqlstate.empty() ? "" : " (SQLSTATE " + sqlstate + ")")),
      location_(std::move(location)),
      message_(std::move(message)),
      sqlstate_(std::move(sqlstate)),
      statement_(std::move(statement)),
      detail_(std::move(detail)) {}

}  // namespace strata::sql
