// The output formats of `strata lint`: text for people, JSON for tools, GitHub workflow commands
// for annotations on a pull request.
#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "strata/lint.h"

namespace strata::lint {
namespace {

struct Counts {
  int errors = 0, warnings = 0, infos = 0, suppressed = 0, approved = 0, approved_errors = 0, failing = 0;
};

Counts count(const Report& report) {
  Counts counts;
  for (const auto& finding : report.findings) {
    if (finding.suppressed) {
      ++counts.suppressed;
      continue;
    }
    if (finding.approved) ++counts.approved;
    if (finding.approved && finding.severity == Severity::Error) ++counts.approved_errors;
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

// An approved finding does not fail anything: it is printed as "approved", not as its severity,
// and when a file has more than kApprovedShown of one rule (an approved table drop yields a
// drop-column per column) the rest are collapsed into one line.
constexpr std::size_t kApprovedShown = 3;

std::string format_text(const Report& report) {
  std::string out;
  std::map<std::pair<std::string, std::string>, std::vector<const Finding*>> approved_by_file_and_rule;
  for (const auto& finding : report.findings) {
    if (!finding.suppressed && finding.approved) {
      approved_by_file_and_rule[{finding.file.string(), finding.rule}].push_back(&finding);
    }
  }
  for (const auto& finding : report.findings) {
    if (finding.suppressed) continue;
    if (finding.approved) {
      const auto& group = approved_by_file_and_rule.at({finding.file.string(), finding.rule});
      const auto index = static_cast<std::size_t>(std::find(group.begin(), group.end(), &finding) - group.begin());
      if (index >= kApprovedShown) continue;
      out += finding_location(finding) + ": approved [" + finding.rule + "] " + finding.message + " (" +
             finding.approval_reason + ")\n";
      if (index + 1 == kApprovedShown && group.size() > kApprovedShown) {
        std::string lines;
        for (auto it = group.begin() + kApprovedShown; it != group.end(); ++it) {
          lines += (lines.empty() ? "" : ", ") + std::to_string((*it)->line);
        }
        out += "  and " + std::to_string(group.size() - kApprovedShown) + " more approved [" + finding.rule +
               "] in this file (lines " + lines + ")\n";
      }
      continue;
    }
    out += finding_location(finding) + ": " + to_string(finding.severity) + " [" + finding.rule + "] " + finding.message;
    out += "\n";
    if (!finding.hint.empty()) out += "  hint: " + finding.hint + "\n";
  }
  const auto counts = count(report);
  out += "strata lint: " + plural(report.files, "file") + ", " + plural(counts.errors - counts.approved_errors, "error") +
         ", " + std::to_string(counts.approved) + " approved, " +
         plural(counts.warnings - (counts.approved - counts.approved_errors), "warning") + ", " +
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
