// SQL types (as format_type prints them) -> C++ types and the code that converts them.
#pragma once

#include <map>
#include <set>
#include <string>

#include "strata/codegen.h"
#include "strata/model.h"

namespace strata::codegen::detail {

// Templates below use kValue where the value (or the column reference, in SQL) goes.
inline constexpr char kValue = '\x01';
std::string substitute(const std::string& text_template, const std::string& value);

struct CppType {
  std::string type;                // of a non-NULL value, fully qualified
  std::set<std::string> includes;  // what a header declaring a value of it includes: <cstdint>, "x.h"
  bool json = false;               // the implementation needs strata/accessors/json.h
  std::string to_text;             // C++ expression: the value (kValue) -> std::string
  std::string from_text;           // C++ expression: a std::string_view (kValue) -> the value
  std::string select;              // SQL expression: how to select a column (kValue) so from_text reads it
  bool not_null = false;           // a domain on the way said NOT NULL
  bool has_default = false;        // a domain on the way has a default
};

// A generated enum type.
struct EnumType {
  std::string cpp;          // ::app::db::mood
  std::string to_string;    // ::app::db::to_string
  std::string from_string;  // ::app::db::mood_from_string
  std::string header;       // "app/db/mood.h"
};

class TypeMapper {
 public:
  TypeMapper(const model::Catalog& catalog, const TypeOverrides& overrides, std::map<std::string, EnumType> enums);

  // `sql_type` of `column` ("column public.users.email", for errors). Throws CodegenError.
  CppType map(const std::string& sql_type, const std::string& column) const;

 private:
  CppType map_element(const std::string& sql_type, const std::string& column, int depth) const;

  const model::Catalog& catalog_;
  const TypeOverrides& overrides_;
  std::map<std::string, EnumType> enums_;  // by type key
};

// "public.\"My Type\"" -> {"public", "My Type"}; nullopt when it is not a qualified name.
bool split_qualified_name(const std::string& text, std::string* schema, std::string* name);
// The type without its modifiers: "character varying(20)" -> "character varying",
// "timestamp(3) with time zone" -> "timestamp with time zone".
std::string without_modifiers(const std::string& sql_type);

}  // namespace strata::codegen::detail
