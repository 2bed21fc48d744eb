#include "strata/error.h"

namespace strata {

std::string SourceLocation::to_string() const {
  return file.string() + ":" + std::to_string(line) + ":" + std::to_string(column);
}

std::string headline(const std::string& message, const ErrorInfo& info) {
  std::string text = info.location ? info.location->to_string() + ": " + message : message;
  if (!info.sqlstate.empty()) text += " (SQLSTATE " + info.sqlstate + ")";
  return text;
}

Error::Error(const std::string& message, ErrorInfo info)
    : std::runtime_error(headline(message, info)), message_(message), info_(std::move(info)) {}

Error::Error(const std::string& message, std::vector<std::string> details)
    : Error(message, ErrorInfo{.details = std::move(details)}) {}

const SourceLocation& Error::location() const {
  static const SourceLocation none{{}, 0, 0};
  return info_.location ? *info_.location : none;
}

std::string describe(const std::exception& error) {
  std::string text = error.what();
  const auto* ours = dynamic_cast<const Error*>(&error);
  if (ours == nullptr) return text;
  if (!ours->statement().empty()) text += "\n  statement: " + ours->statement();
  for (const auto& detail : ours->details()) {
    // A detail of several lines (PostgreSQL's CONTEXT) stays indented on every line.
    std::string line = detail;
    while (!line.empty() && line.back() == '\n') line.pop_back();
    for (std::size_t at = line.find('\n'); at != std::string::npos; at = line.find('\n', at + 3)) line.replace(at, 1, "\n  ");
    text += "\n  " + line;
  }
  if (!ours->hint().empty()) text += "\n  hint: " + ours->hint();
  return text;
}

}  // namespace strata
