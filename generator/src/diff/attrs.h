// Tolerant readers for Object::attrs. The diff treats a missing attribute like null, so a model
// written by an older introspection (or a hand-built test catalog) reads the same as one that
// spells every default out.
#pragma once

#include <initializer_list>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace strata::diff::attrs {

inline const nlohmann::json* field(const nlohmann::json& attrs, const char* name) {
  if (!attrs.is_object()) return nullptr;
  auto it = attrs.find(name);
  if (it == attrs.end() || it->is_null()) return nullptr;
  return &*it;
}

inline std::optional<std::string> optional_text(const nlohmann::json& attrs, const char* name) {
  const nlohmann::json* value = field(attrs, name);
  if (!value) return std::nullopt;
  return value->is_string() ? value->get<std::string>() : value->dump();
}

inline std::string text(const nlohmann::json& attrs, const char* name) {
  return optional_text(attrs, name).value_or("");
}

inline bool flag(const nlohmann::json& attrs, const char* name) {
  const nlohmann::json* value = field(attrs, name);
  return value && value->is_boolean() && value->get<bool>();
}

inline std::vector<std::string> texts(const nlohmann::json& attrs, const char* name) {
  std::vector<std::string> out;
  const nlohmann::json* value = field(attrs, name);
  if (!value || !value->is_array()) return out;
  for (const auto& item : *value) out.push_back(item.is_string() ? item.get<std::string>() : item.dump());
  return out;
}

inline const nlohmann::json& list(const nlohmann::json& attrs, const char* name) {
  static const nlohmann::json empty = nlohmann::json::array();
  const nlohmann::json* value = field(attrs, name);
  return value && value->is_array() ? *value : empty;
}

// The JSON object `name` holds ({"col": expr}, {"host": "db1"}...), or an empty one when it is
// missing, null or not an object; `attrs` may be null (an object that does not exist).
inline const nlohmann::json& object_or_empty(const nlohmann::json* attrs, const char* name) {
  static const nlohmann::json empty = nlohmann::json::object();
  const nlohmann::json* value = attrs ? field(*attrs, name) : nullptr;
  return value && value->is_object() ? *value : empty;
}

// How one keyed set of settings becomes another: the keys `before` has and `after` lacks, and the
// keys of `after` that are new or hold another value. Each caller writes its own DROP / SET.
struct KeyedChanges {
  std::vector<std::string> removed;
  std::vector<std::string> set;
};

inline KeyedChanges keyed_changes(const nlohmann::json& before, const nlohmann::json& after) {
  KeyedChanges changes;
  for (const auto& [key, value] : before.items()) {
    if (!after.contains(key)) changes.removed.push_back(key);
  }
  for (const auto& [key, value] : after.items()) {
    if (!before.contains(key) || before[key] != value) changes.set.push_back(key);
  }
  return changes;
}

// attrs equality with some members left out (those that describe bookkeeping the handler treats
// separately, e.g. a column's position or a constraint's inherited flag).
inline bool equal_except(const nlohmann::json& a, const nlohmann::json& b,
                         std::initializer_list<const char*> ignored) {
  nlohmann::json left = a.is_object() ? a : nlohmann::json::object();
  nlohmann::json right = b.is_object() ? b : nlohmann::json::object();
  for (const char* name : ignored) {
    left.erase(name);
    right.erase(name);
  }
  // A member set to null and a missing member mean the same thing.
  auto drop_nulls = [](nlohmann::json& object) {
    for (auto it = object.begin(); it != object.end();) {
      it = it->is_null() ? object.erase(it) : std::next(it);
    }
  };
  drop_nulls(left);
  drop_nulls(right);
  return left == right;
}

}  // namespace strata::diff::attrs
