// The catalog cache (strata/source.h): what a source loads to is a function of its bytes, the
// program that loads it and the PostgreSQL it loads into, so a hash of the three names it.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "strata/migration_integrity.h"
#include "strata/source.h"

namespace strata::source {
namespace {

namespace fs = std::filesystem;

// A file by its path, size and mtime; "" when it cannot be read.
std::string file_identity(const fs::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return "";
  return path.string() + "|" + std::to_string(info.st_size) + "|" + std::to_string(info.st_mtim.tv_sec) + "." +
         std::to_string(info.st_mtim.tv_nsec);
}

// The running program: a rebuilt strata (or test) may introspect differently, and must not read
// what an older build kept.
const std::string& program_identity() {
  static const std::string identity = [] {
    std::error_code error;
    const auto executable = fs::read_symlink("/proc/self/exe", error);
    return error ? std::string() : file_identity(executable);
  }();
  return identity;
}

// The PostgreSQL the catalogs are loaded into: its major version and its server binary (a minor
// upgrade replaces it, and may bring new extension scripts).
const std::string& server_identity() {
  static const std::string identity = [] {
    try {
      const auto binaries = runtime::PgBinaries::find();
      const auto server = file_identity(binaries.tool("postgres"));
      return server.empty() ? server : server + "|" + std::to_string(binaries.major_version);
    } catch (const std::exception&) {
      return std::string();
    }
  }();
  return identity;
}

nlohmann::json location_json(const SourceLocation& location) {
  return {location.file.string(), location.line, location.column};
}
SourceLocation location_from(const nlohmann::json& json) {
  return {json.at(0).get<std::string>(), json.at(1).get<int>(), json.at(2).get<int>()};
}

// A piece of a key that cannot run into the next one: its length, then its bytes.
void add_part(std::string& content, const std::string& part) {
  content += std::to_string(part.size());
  content += ':';
  content += part;
}

}  // namespace

CatalogCache::CatalogCache() {
  if (const char* setting = std::getenv("STRATA_CATALOG_CACHE"); setting != nullptr && std::string(setting) == "off") return;
  if (program_identity().empty() || server_identity().empty()) return;
  try {
    const auto directory = runtime::cache_root() / "catalogs";
    fs::create_directories(directory);
    directory_ = directory;
  } catch (const std::exception&) {
    // no cache directory: every source is loaded
  }
}

std::string CatalogCache::key(const std::string& kind, const std::string& content) {
  return migrations::sha256_hex(kind + '\0' + program_identity() + '\0' + server_identity() + '\0' + content);
}

std::string CatalogCache::key(const std::vector<sql::SourceFile>& files) {
  std::string content;
  for (const auto& file : files) {
    add_part(content, file.path.string());  // the declarations kept name it
    add_part(content, file.text);
  }
  return key("files", content);
}

std::string CatalogCache::key(const std::vector<migrations::Migration>& list) {
  std::string content;
  for (const auto& migration : list) {
    add_part(content, migration.version);
    add_part(content, migration.up.sql);
  }
  return key("migrations", content);
}

std::optional<nlohmann::json> CatalogCache::read(const std::string& key) const {
  if (!enabled()) return std::nullopt;
  const auto path = directory_ / (key + ".cbor");
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  try {
    auto value = nlohmann::json::from_cbor(in);
    std::error_code ignored;
    fs::last_write_time(path, fs::file_time_type::clock::now(), ignored);  // recently used: pruned last
    return value;
  } catch (const std::exception&) {
    std::error_code ignored;
    fs::remove(path, ignored);  // unreadable (cut short, another version's): loaded again
    return std::nullopt;
  }
}

void CatalogCache::write(const std::string& key, const nlohmann::json& value) const {
  if (!enabled()) return;
  const auto temporary = directory_ / (key + ".tmp." + std::to_string(::getpid()));
  try {
    const auto bytes = nlohmann::json::to_cbor(value);
    {
      std::ofstream out(temporary, std::ios::binary);
      out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
      if (!out) throw std::runtime_error("cannot write");
    }
    fs::rename(temporary, directory_ / (key + ".cbor"));  // written aside and renamed: never read half-written

    std::vector<std::pair<fs::file_time_type, fs::path>> kept;
    for (const auto& entry : fs::directory_iterator(directory_)) {
      if (entry.path().extension() == ".cbor") kept.emplace_back(entry.last_write_time(), entry.path());
    }
    if (kept.size() <= static_cast<std::size_t>(kKept)) return;
    std::sort(kept.begin(), kept.end());
    for (std::size_t i = 0; i + kKept < kept.size(); ++i) fs::remove(kept[i].second);
  } catch (const std::exception&) {
    std::error_code ignored;
    fs::remove(temporary, ignored);  // a cache that cannot be written is only slower
  }
}

std::optional<load::LoadedSchema> CatalogCache::find(const std::string& key) const {
  auto stored = read(key);
  if (!stored) return std::nullopt;
  try {
    load::LoadedSchema loaded;
    loaded.catalog = model::Catalog::from_json(std::move(stored->at("catalog")));
    loaded.warnings = stored->at("warnings").get<std::vector<std::string>>();
    for (const auto& pragma : stored->at("pragmas")) {
      loaded.pragmas.push_back({pragma.at(0).get<std::string>(), pragma.at(1).get<std::string>(),
                                pragma.at(2).get<std::string>(), location_from(pragma.at(3))});
    }
    for (const auto& [key, location] : stored->at("declarations").items()) loaded.declarations[key] = location_from(location);
    return loaded;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

void CatalogCache::store(const std::string& key, const load::LoadedSchema& loaded) const {
  if (!enabled()) return;
  nlohmann::json pragmas = nlohmann::json::array(), declarations = nlohmann::json::object();
  for (const auto& pragma : loaded.pragmas) {
    pragmas.push_back({pragma.object_key, pragma.name, pragma.value, location_json(pragma.location)});
  }
  for (const auto& [key, location] : loaded.declarations) declarations[key] = location_json(location);
  write(key, {{"catalog", loaded.catalog.to_json()},
              {"warnings", loaded.warnings},
              {"pragmas", pragmas},
              {"declarations", declarations}});
}

}  // namespace strata::source
