// Building blocks of `strata generate`: slugs, versions, new migration files.
#include <algorithm>
#include <ctime>
#include <fstream>
#include <set>

#include "strata/generate.h"
#include "strata/migration_integrity.h"

namespace strata::generate {

namespace fs = std::filesystem;

nlohmann::json Timings::to_json() const {
  return {{"cluster_ms", cluster_ms}, {"cluster_warm", cluster_warm}, {"replay_ms", replay_ms},
          {"load_ms", load_ms},       {"sources_wall_ms", sources_wall_ms}, {"diff_ms", diff_ms},
          {"proof_ms", proof_ms},     {"data_proof_ms", data_proof_ms},     {"write_ms", write_ms},
          {"from_cache", from_cache}};
}

std::string sanitize_slug(const std::string& text) {
  std::string slug;
  for (const unsigned char c : text) {
    const char lower = static_cast<char>(std::tolower(c));
    if ((lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9')) {
      slug += lower;
    } else if (!slug.empty() && slug.back() != '_') {
      slug += '_';
    }
  }
  while (!slug.empty() && slug.back() == '_') slug.pop_back();
  if (slug.size() > 48) {
    slug.resize(48);
    while (!slug.empty() && slug.back() == '_') slug.pop_back();
  }
  return slug.empty() ? "changes" : slug;
}

std::string slug_for(const diff::Plan& plan, const model::Catalog& current, const model::Catalog& desired) {
  const auto find = [&](const std::string& key) -> const model::Object* {
    if (const auto* object = desired.find(key)) return object;
    return current.find(key);
  };
  const auto is_auxiliary = [](model::Kind kind) {
    return kind == model::Kind::Sequence || kind == model::Kind::SequenceOwner;
  };

  // The "subject" of a change: the table (view ...) a column, default, constraint, index ...
  // belongs to, or the object itself.
  std::vector<std::string> subjects;
  std::set<std::string> seen;
  const auto add_subject = [&](const std::string& key) {
    if (seen.insert(key).second) subjects.push_back(key);
  };
  for (const auto& change : plan.changes) {
    if (is_auxiliary(change.kind)) continue;
    const auto* object = find(change.key);
    add_subject(object && !object->parent.empty() ? object->parent : change.key);
  }
  if (subjects.empty()) {
    for (const auto& change : plan.changes) add_subject(change.key);
  }
  const auto name_of = [&](const std::string& key) {
    const auto* object = find(key);
    return object ? object->name : key.substr(key.rfind('.') + 1);
  };
  const auto action_on = [&](const std::string& key, diff::Change::Action action) {
    return std::any_of(plan.changes.begin(), plan.changes.end(),
                       [&](const auto& change) { return change.key == key && change.action == action; });
  };

  if (subjects.size() == 1) {
    const auto& subject = subjects[0];
    const auto name = name_of(subject);
    const bool created = action_on(subject, diff::Change::Action::Create);
    const bool dropped = action_on(subject, diff::Change::Action::Drop);
    if (created && !dropped) return sanitize_slug("create_" + name);
    if (dropped && !created) return sanitize_slug("drop_" + name);
    std::vector<std::string> added, removed;
    bool other = false;
    for (const auto& change : plan.changes) {
      if (change.kind == model::Kind::Column && change.action == diff::Change::Action::Create) {
        added.push_back(name_of(change.key));
      } else if (change.kind == model::Kind::Column && change.action == diff::Change::Action::Drop) {
        removed.push_back(name_of(change.key));
      } else if (change.kind != model::Kind::Default && change.action != diff::Change::Action::Comment) {
        other = true;
      }
    }
    if (!other && removed.empty() && added.size() == 1) return sanitize_slug("add_" + name + "_" + added[0]);
    if (!other && removed.empty() && added.size() > 1) return sanitize_slug("add_" + name + "_columns");
    if (!other && added.empty() && removed.size() == 1) return sanitize_slug("drop_" + name + "_" + removed[0]);
    return sanitize_slug("alter_" + name);
  }

  const bool all_created = std::all_of(subjects.begin(), subjects.end(), [&](const auto& subject) {
    return action_on(subject, diff::Change::Action::Create) && !action_on(subject, diff::Change::Action::Drop);
  });
  if (all_created && subjects.size() == 2) {
    return sanitize_slug("create_" + name_of(subjects[0]) + "_" + name_of(subjects[1]));
  }
  if (all_created) {
    const auto empty = load::empty_database_catalog();
    bool fresh = true;
    for (const auto& [key, object] : current.objects) {
      if (!empty.find(key)) fresh = false;
    }
    if (fresh) return "initial_schema";
  }
  return "changes";
}

namespace {

std::string format_version(std::time_t seconds) {
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y%m%d%H%M%S", &utc);
  return text;
}

std::time_t parse_version(const std::string& version) {
  std::tm utc{};
  utc.tm_year = std::stoi(version.substr(0, 4)) - 1900;
  utc.tm_mon = std::stoi(version.substr(4, 2)) - 1;
  utc.tm_mday = std::stoi(version.substr(6, 2));
  utc.tm_hour = std::stoi(version.substr(8, 2));
  utc.tm_min = std::stoi(version.substr(10, 2));
  utc.tm_sec = std::stoi(version.substr(12, 2));
  return timegm(&utc);
}

void write_text(const fs::path& path, const std::string& text) {
  if (fs::exists(path)) throw GenerateError(path.string() + ": already exists");
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw GenerateError(path.string() + ": cannot write");
}

}  // namespace

std::string add_seconds(const std::string& version, int seconds) {
  return format_version(parse_version(version) + seconds);
}

std::string next_version(const std::vector<migrations::Migration>& existing, std::chrono::system_clock::time_point now) {
  auto version = format_version(std::chrono::system_clock::to_time_t(now));
  if (!existing.empty() && existing.back().version >= version) version = add_seconds(existing.back().version, 1);
  return version;
}

std::vector<fs::path> new_migration(const fs::path& directory, const std::string& name,
                                    std::chrono::system_clock::time_point now) {
  auto existing = migrations::read_directory(directory);
  const auto base = next_version(existing, now) + "_" + sanitize_slug(name);
  fs::create_directories(directory);
  const auto up = directory / (base + ".sql");
  const auto down = directory / (base + ".down.sql");
  write_text(up,
             "-- Hand-written migration (strata new). Its statements run in one transaction; make\n"
             "-- `-- strata:no-transaction` its first line to run them one by one instead.\n\n");
  write_text(down, "-- Reverts " + up.filename().string() + ".\n\n");
  migrations::write_integrity_file(directory, migrations::read_directory(directory));
  return {up, down};
}

}  // namespace strata::generate
