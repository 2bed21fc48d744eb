// The output formats of `strata lint`: text for people, JSON for tools, GitHub workflow commands
// for annotations on a pull request.
#include <nlohmann/json.hpp>

#include "strata/lint.h"

namespace strata::lint {
namespace {

struct Counts {
  int errors = 0, warnings = 0, infos = 0, suppressed = 0, approved = 0, failing = 0;
};

Counts count(const Report& report) {
  Counts counts;
  for (const auto& finding : report.findings) {
    if (finding.suppressed) {
      ++counts.suppressed;
      continue;
    }
    if (finding.approved) ++counts.approved;
    if (finding.fails()) ++counts.failing;
    switch (finding.severity) {
      case Severity::Error: ++counts.errors; break;
      case Severity::Warning: ++counts.warnings; break;
      case Severity::Info: ++counts.infos; break;
    }
  }
  return counts;
}

std::string plural(int n, const std::string& word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); }

std::string finding_location(const Finding& finding) {
  return finding.file.string() + ":" + std::to_string(finding.line) + ":" + std::to_string(finding.column);
}

}  // namespace

std::string format_text(const Report& report) {
  std::string out;
  for (const auto& finding : report.findings) {
    if (finding.suppressed) continue;
    out += finding_location(finding) + ": " + to_string(finding.severity) + " [" + finding.rule + "] " + finding.message;
    if (finding.approved) out += " (approved: " + finding.approval_reason + ")";
    out += "\n";
    if (!finding.hint.empty()) out += "  hint: " + finding.hint + "\n";
  }
  const auto counts = count(report);
  out += "strata lint: " + plural(report.files, "file") + ", " + plural(counts.errors, "error") + " (" +
         std::to_string(counts.approved) + " approved), " + plural(counts.warnings, "warning") + ", " +
         std::to_string(counts.infos) + " info, " + std::to_string(counts.suppressed) + " suppressed\n";
  return out;
}

std::string format_json(const Report& report) {
  nlohmann::ordered_json findings = nlohmann::ordered_json::array();
  for (const auto& finding : report.findings) {
    nlohmann::ordered_json item;
    item["file"] = finding.file.string();
    item["line"] = finding.line;
    item["column"] = finding.column;
    item["rule"] = finding.rule;
    item["severity"] = to_string(finding.severity);
    item["message"] = finding.message;
    item["hint"] = finding.hint;
    item["suppressed"] = finding.suppressed;
    if (finding.suppressed) item["suppression_reason"] = finding.suppression_reason;
    item["approved"] = finding.approved;
    if (finding.approved) item["approval_reason"] = finding.approval_reason;
    item["fails"] = finding.fails();
    findings.push_back(std::move(item));
  }
  const auto counts = count(report);
  nlohmann::ordered_json out;
  out["findings"] = std::move(findings);
  out["summary"] = {{"files", report.files},       {"errors", counts.errors},         {"warnings", counts.warnings},
                    {"info", counts.infos},        {"suppressed", counts.suppressed}, {"approved", counts.approved},
                    {"failing", counts.failing},   {"failed", report.failed()}};
  return out.dump(2) + "\n";
}

std::string github_escape_data(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else out += c;
  }
  return out;
}

std::string github_escape_property(const std::string& text) {
  std::string out;
  for (const char c : github_escape_data(text)) {
    if (c == ':') out += "%3A";
    else if (c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

std::string format_github(const Report& report) {
  std::string out;
  for (const auto& finding : report.findings) {
    if (finding.suppressed) continue;
    // An approved error does not fail the build: it is shown as a warning.
    std::string command = finding.severity == Severity::Error ? (finding.approved ? "warning" : "error")
                          : finding.severity == Severity::Warning ? "warning"
                                                                  : "notice";
    std::string message = finding.message;
    if (finding.approved) message += " (approved: " + finding.approval_reason + ")";
    if (!finding.hint.empty()) message += ". " + finding.hint;
    out += "::" + command + " file=" + github_escape_property(finding.file.string()) +
           ",line=" + std::to_string(finding.line) + ",col=" + std::to_string(finding.column) +
           ",title=" + github_escape_property("strata lint: " + finding.rule) + "::" + github_escape_data(message) + "\n";
  }
  return out;
}

}  // namespace strata::lint
