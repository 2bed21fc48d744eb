#include <string>

#include "strata/load.h"

namespace strata::load {

std::string SourceLocation::to_string() const {
  return file.string() + ":" + std::to_string(line) + ":" + std::to_string(column);
}

SourceLocation locate(const std::filesystem::path& file, const std::string& text, std::size_t offset) {
  SourceLocation location{file, 1, 1};
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == '\n') {
      ++location.line;
      location.column = 1;
    } else if ((byte & 0xC0) != 0x80) {  // count UTF-8 lead bytes only: columns are characters
      ++location.column;
    }
  }
  return location;
}

SchemaError::SchemaError(SourceLocation location, std::string message, std::string sqlstate,
                         std::string statement, std::string detail)
    : std::runtime_error(location.to_string() + ": " + message +
                         (sqlstate.empty() ? "" : " (SQLSTATE " + sqlstate + ")")),
      location_(std::move(location)),
      message_(std::move(message)),
      sqlstate_(std::move(sqlstate)),
      statement_(std::move(statement)),
      detail_(std::move(detail)) {}

}  // namespace strata::load
