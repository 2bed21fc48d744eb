// json / jsonb <-> nlohmann::json for the generated accessors. Only headers of tables with a json
// or jsonb column include this (and so nlohmann/json.hpp).
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "strata/accessors/text.h"

namespace strata::accessors {

inline std::string to_text(const nlohmann::json& value) { return value.dump(); }

template <>
inline nlohmann::json from_text<nlohmann::json>(std::string_view text) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& error) {
    throw ConversionError("invalid json: " + std::string(error.what()));
  }
}

}  // namespace strata::accessors
