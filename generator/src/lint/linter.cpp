// The driver: reads each migration file once with PostgreSQL's parser, hands every statement
// to the rule families, applies suppressions and approvals, and keeps the history in step.
#include <pg_query.h>

#include <algorithm>
#include <stdexcept>

#include "context.h"
#include "do_blocks.h"
#include "strata/lint.h"

namespace strata::lint {
namespace {

namespace fs = std::filesystem;

constexpr const char* kIgnorePragma = "strata:lint-ignore";

// `-- strata:lint-ignore rule[,rule] reason` comment lines in text[begin, end).
struct Suppression {
  std::size_t offset = 0;
  std::vector<std::string> rules;
  std::string reason;
  std::set<std::string> used;
};

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  const auto last = text.find_last_not_of(" \t\r");
  return text.substr(first, last - first + 1);
}

std::vector<std::string> split_rules(const std::string& list) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= list.size()) {
    const auto comma = list.find(',', start);
    const auto part = trim(list.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (!part.empty()) out.push_back(part);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

std::vector<Suppression> suppressions_in(const std::string& text, std::size_t begin, std::size_t end) {
  std::vector<Suppression> found;
  std::size_t line_start = begin;
  // The rest of the previous statement's line (after its ';') belongs to that statement.
  if (begin > 0 && text[begin - 1] != '\n') {
    const auto newline = text.find('\n', begin);
    line_start = newline == std::string::npos ? end : newline + 1;
  }
  while (line_start < end) {
    std::size_t line_end = text.find('\n', line_start);
    if (line_end == std::string::npos || line_end > end) line_end = end;
    const std::string line = text.substr(line_start, line_end - line_start);
    const auto dash = line.find_first_not_of(" \t\r;");
    if (dash != std::string::npos && line.compare(dash, 2, "--") == 0) {
      std::string rest = trim(line.substr(dash + 2));
      if (rest.rfind(kIgnorePragma, 0) == 0 &&
          (rest.size() == std::string(kIgnorePragma).size() || rest[std::string(kIgnorePragma).size()] == ' ')) {
        rest = trim(rest.substr(std::string(kIgnorePragma).size()));
        Suppression suppression;
        suppression.offset = line_start + dash;
        // The rule list is the first word (commas, optionally with spaces after them).
        std::size_t cut = 0;
        while (cut < rest.size()) {
          if (rest[cut] == ' ' || rest[cut] == '\t') {
            std::size_t next = rest.find_first_not_of(" \t", cut);
            const bool continues_list = cut > 0 && (rest[cut - 1] == ',' || (next != std::string::npos && rest[next] == ','));
            if (!continues_list) break;
            cut = next;
            continue;
          }
          ++cut;
        }
        suppression.rules = split_rules(rest.substr(0, cut));
        suppression.reason = trim(rest.substr(cut));
        found.push_back(std::move(suppression));
      }
    }
    line_start = line_end + 1;
  }
  return found;
}

// The byte offset of 1-based character position `position` (PostgreSQL counts characters).
std::size_t byte_offset_of_character(const std::string& text, int position) {
  std::size_t offset = 0;
  for (int characters = 1; characters < position && offset < text.size(); ++characters) {
    ++offset;
    while (offset < text.size() && (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80) ++offset;
  }
  return offset;
}

// psql's \restrict / \unrestrict lines (pg_dump >= 15.14) are blanked as the splitter does.
std::string blank_restrict_lines(std::string text) {
  std::size_t line_start = 0;
  while (line_start < text.size()) {
    std::size_t line_end = text.find('\n', line_start);
    if (line_end == std::string::npos) line_end = text.size();
    if (text.compare(line_start, 9, "\\restrict") == 0 || text.compare(line_start, 11, "\\unrestrict") == 0) {
      std::fill(text.begin() + static_cast<std::ptrdiff_t>(line_start), text.begin() + static_cast<std::ptrdiff_t>(line_end), ' ');
    }
    line_start = line_end + 1;
  }
  return text;
}

class FileLinter {
 public:
  FileLinter(const migrations::MigrationFile& file, History& history, const std::set<std::string>& enabled,
             std::vector<Finding>& out, Options::Runner runner)
      : file_(file), history_(history), enabled_(enabled), out_(out) {
    state_.other_runner = runner == Options::Runner::other;
  }

  void run() {
    const auto first = out_.size();
    check_approval();
    std::vector<sql::Statement> statements;
    try {
      statements = sql::split_statements({file_.path, file_.sql});
    } catch (const sql::SqlError& error) {
      add("syntax-error", offset_of(error.location()), error.message(), "strata lint reads plain SQL only", {});
      return;
    }
    const std::string text = blank_restrict_lines(file_.sql);
    const auto tree = parse_statements(text, statements);

    std::size_t next = 0;
    std::size_t previous_end = 0;
    for (const auto& raw : tree.value("stmts", nlohmann::json::array())) {
      const auto begin = raw.value("stmt_location", std::size_t{0});
      while (next < statements.size() && statements[next].offset < begin) ++next;
      if (next >= statements.size()) break;
      const auto& source = statements[next++];
      const auto& node = raw["stmt"];
      if (!node.is_object() || node.empty()) continue;
      lint_statement(Statement{source, node.begin().key(), node.begin().value()}, previous_end);
      previous_end = source.offset + source.sql.size();
    }
    std::stable_sort(out_.begin() + static_cast<std::ptrdiff_t>(first), out_.end(), [](const Finding& a, const Finding& b) {
      return std::tie(a.line, a.column) < std::tie(b.line, b.column);
    });
  }

 private:
  // The file's parse tree. When the file does not parse as a whole, each statement is parsed on
  // its own: the ones that parse are linted, and each that does not is a syntax-error finding
  // saying which grammar judged it (a file written for a newer PostgreSQL still gets the rest of
  // it linted).
  nlohmann::json parse_statements(const std::string& text, const std::vector<sql::Statement>& statements) {
    PgQueryParseResult whole = pg_query_parse(text.c_str());
    if (!whole.error) {
      auto tree = nlohmann::json::parse(whole.parse_tree);
      pg_query_free_parse_result(whole);
      return tree;
    }
    pg_query_free_parse_result(whole);
    nlohmann::json tree = {{"stmts", nlohmann::json::array()}};
    for (const auto& statement : statements) {
      const std::string sql = text.substr(statement.offset, statement.sql.size());
      PgQueryParseResult one = pg_query_parse(sql.c_str());
      if (one.error) {
        const std::string message = one.error->message;
        const int position = one.error->cursorpos;
        pg_query_free_parse_result(one);
        add("syntax-error", statement.offset + (position > 0 ? byte_offset_of_character(sql, position) : 0),
            "syntax error: " + message + " (judged by PostgreSQL " PG_MAJORVERSION "'s grammar, libpg_query " PG_VERSION ")",
            "PostgreSQL " PG_MAJORVERSION " refuses this statement. If it is written for a newer PostgreSQL, this "
            "statement is not linted (the rest of the file is); otherwise fix it",
            {});
        continue;
      }
      auto parsed = nlohmann::json::parse(one.parse_tree);
      pg_query_free_parse_result(one);
      for (auto& raw : parsed.value("stmts", nlohmann::json::array())) {
        raw["stmt_location"] = statement.offset + raw.value("stmt_location", std::size_t{0});
        tree["stmts"].push_back(std::move(raw));
      }
    }
    return tree;
  }

  // Names longer than NAMEDATALEN - 1 (63) bytes: PostgreSQL truncates them with only a NOTICE, so
  // the object gets another name than the one written, and two long names that share their
  // first 63 bytes are one name (the second CREATE fails, or an ALTER reaches the wrong object).
  // Read from the scanner's tokens: the parse tree holds names already truncated.
  static void check_identifier_lengths(const Statement& statement, const Context& context) {
    constexpr std::size_t kMaxIdentifierBytes = 63;
    const sql::Statement& source = statement.source;
    for (const auto& token : sql::scan(source.sql)) {
      if (token.kind != sql::Token::kIdentifier) continue;
      std::string name = source.sql.substr(token.start, token.end - token.start);
      if (name.size() >= 2 && name.front() == '"') {
        std::string unquoted;
        for (std::size_t i = 1; i + 1 < name.size(); ++i) {
          unquoted += name[i];
          if (name[i] == '"') ++i;  // "" is one quote
        }
        name = unquoted;
      }
      if (name.size() <= kMaxIdentifierBytes) continue;
      context.report(statement, "identifier-too-long", source.offset + token.start,
                     "identifier " + name.substr(0, 20) + "... is " + std::to_string(name.size()) +
                         " bytes: PostgreSQL silently truncates it to 63 (" + name.substr(0, kMaxIdentifierBytes) + ")",
                     "shorten it: two names sharing their first 63 bytes are the same name", {});
    }
  }

  std::size_t offset_of(const sql::SourceLocation& location) const {
    std::size_t offset = 0;
    for (int line = 1; line < location.line && offset < file_.sql.size(); ++line) {
      const auto newline = file_.sql.find('\n', offset);
      if (newline == std::string::npos) return file_.sql.size();
      offset = newline + 1;
    }
    return std::min(offset + byte_offset_of_character(file_.sql.substr(offset), location.column), file_.sql.size());
  }

  // `-- strata:approved <reason>` approves every dangerous finding of the file;
  // `-- strata:destructive` approves the data-loss rules.
  void check_approval() {
    if (!file_.pragmas.approved) return;
    if (!file_.pragmas.approved_reason.empty()) return;
    auto at = file_.sql.find("strata:approved");
    at = at == std::string::npos ? 0 : file_.sql.rfind("--", at);
    add("approved-without-reason", at == std::string::npos ? 0 : at, "`-- strata:approved` without a reason: the approval is not applied",
        "say why the dangerous statements are acceptable: `-- strata:approved <reason>`", {});
  }

  void approve(Finding& finding) const {
    // A file PostgreSQL refuses cannot be approved into running.
    if (finding.severity != Severity::Error || finding.rule == "syntax-error") return;
    const auto& pragmas = file_.pragmas;
    if (pragmas.approved && !pragmas.approved_reason.empty()) {
      finding.approved = true;
      finding.approval_reason = pragmas.approved_reason;
    } else if (pragmas.destructive) {
      const Rule* rule = find_rule(finding.rule);
      if (rule && rule->data_loss) {
        finding.approved = true;
        finding.approval_reason = "the migration is marked `-- strata:destructive`";
      }
    }
  }

  void add(const std::string& rule_id, std::size_t offset, std::string message, std::string hint,
           std::optional<Severity> severity, std::vector<Suppression>* suppressions = nullptr) {
    if (!enabled_.count(rule_id)) return;
    const Rule* rule = find_rule(rule_id);
    if (!rule) throw std::logic_error("strata lint: unregistered rule " + rule_id);
    Finding finding;
    const auto where = sql::locate(file_.path, file_.sql, std::min(offset, file_.sql.size()));
    finding.file = file_.path;
    finding.line = where.line;
    finding.column = where.column;
    finding.rule = rule_id;
    finding.severity = severity.value_or(rule->severity);
    finding.message = std::move(message);
    finding.hint = std::move(hint);
    if (suppressions) {
      for (auto& suppression : *suppressions) {
        if (suppression.reason.empty()) continue;
        if (std::find(suppression.rules.begin(), suppression.rules.end(), rule_id) == suppression.rules.end()) continue;
        finding.suppressed = true;
        finding.suppression_reason = suppression.reason;
        suppression.used.insert(rule_id);
        break;
      }
    }
    approve(finding);
    out_.push_back(std::move(finding));
  }

  static void check_statement(const Statement& statement, Context& context) {
    check_transactions(statement, context);
    check_indexes(statement, context);
    check_constraints(statement, context);
    check_columns(statement, context);
    check_destructive(statement, context);
    check_maintenance(statement, context);
    check_style(statement, context);
    apply_effects(statement, context);
  }

  void lint_statement(const Statement& statement, std::size_t previous_end) {
    auto suppressions = suppressions_in(file_.sql, previous_end, statement.source.offset);
    for (const auto& suppression : suppressions) {
      if (suppression.rules.empty()) {
        add("lint-ignore-without-reason", suppression.offset, "`-- strata:lint-ignore` names no rule",
            "write `-- strata:lint-ignore <rule-id>[,<rule-id>] <reason>`", {});
        continue;
      }
      if (suppression.reason.empty()) {
        add("lint-ignore-without-reason", suppression.offset,
            "`-- strata:lint-ignore` without a reason: the suppression is not applied",
            "say why the statement is safe: `-- strata:lint-ignore <rule-id> <reason>`", {});
      }
      for (const auto& rule : suppression.rules) {
        if (!find_rule(rule)) {
          add("lint-ignore-unknown-rule", suppression.offset, "`-- strata:lint-ignore` names unknown rule '" + rule + "'",
              "`strata lint --list-rules` prints the rule ids", {});
        }
      }
    }

    Context context(file_.pragmas, history_, state_,
                    [&](const std::string& rule, std::size_t offset, std::string message, std::string hint,
                        std::optional<Severity> severity) {
                      add(rule, offset, std::move(message), std::move(hint), severity, &suppressions);
                    });
    check_statement(statement, context);
    check_identifier_lengths(statement, context);
    if (statement.type == "DoStmt") {
      // PL/pgSQL: the statements inside are checked where they are, with this statement's suppressions.
      for (const auto& embedded : statements_in_do_block(file_.sql, statement.node)) {
        const sql::Statement source{embedded.sql, sql::locate(file_.path, file_.sql, embedded.offset), embedded.offset,
                                    embedded.tree.begin().key(), {}, "", ""};
        check_statement(Statement{source, embedded.tree.begin().key(), embedded.tree.begin().value()}, context);
      }
    }

    for (const auto& suppression : suppressions) {
      if (suppression.reason.empty()) continue;
      for (const auto& rule : suppression.rules) {
        if (find_rule(rule) && enabled_.count(rule) && !suppression.used.count(rule)) {
          add("lint-ignore-unused", suppression.offset,
              "`-- strata:lint-ignore " + rule + "`: the statement after it has no such finding",
              "remove the comment, or move it right before the statement it is meant for", {});
        }
      }
    }
  }

  const migrations::MigrationFile& file_;
  History& history_;
  FileState state_;
  const std::set<std::string>& enabled_;
  std::vector<Finding>& out_;
};

std::set<std::string> enabled_rules(const Options& options) {
  std::set<std::string> enabled;
  const bool all = options.enable.count("all") > 0;
  for (const auto& id : options.enable) {
    if (id != "all" && !find_rule(id)) throw std::invalid_argument("unknown lint rule '" + id + "'");
  }
  for (const auto& id : options.disable) {
    if (!find_rule(id)) throw std::invalid_argument("unknown lint rule '" + id + "'");
  }
  for (const auto& rule : rules()) {
    if ((rule.enabled_by_default || all || options.enable.count(rule.id)) && !options.disable.count(rule.id)) {
      enabled.insert(rule.id);
    }
  }
  return enabled;
}

fs::path normal(const fs::path& path) {
  std::error_code error;
  auto canonical = fs::weakly_canonical(path, error);
  return error ? path.lexically_normal() : canonical;
}

}  // namespace

Report lint(const std::vector<migrations::Migration>& migrations, const Options& options) {
  const auto enabled = enabled_rules(options);
  std::set<fs::path> only;
  for (const auto& path : options.only) only.insert(normal(path));
  const auto selected = [&](const fs::path& path) { return only.empty() || only.count(normal(path)) > 0; };

  Report report;
  History history;
  std::vector<Finding> discarded;
  for (const auto& migration : migrations) {
    const bool up_selected = selected(migration.up.path);
    FileLinter(migration.up, history, enabled, up_selected ? report.findings : discarded, options.assume_runner).run();
    report.files += up_selected ? 1 : 0;
    discarded.clear();
    if (options.include_down && migration.down && selected(migration.down->path)) {
      History after_up = history;  // a down file runs against the state its up file left
      FileLinter(*migration.down, after_up, enabled, report.findings, options.assume_runner).run();
      ++report.files;
    }
  }
  return report;
}

Report lint_file(const fs::path& path, const std::string& sql, const std::vector<migrations::Migration>& history,
                 const Options& options) {
  std::vector<migrations::Migration> all = history;
  migrations::Migration migration;
  migration.slug = path.stem().string();
  migration.up = {path, sql, migrations::parse_pragmas(sql)};
  all.push_back(std::move(migration));
  Options only_this = options;
  only_this.only = {path};
  return lint(all, only_this);
}

}  // namespace strata::lint
