// Readable constructors for hand-built catalogs. Each builder fills the attrs docs/model.md
// lists with their "nothing special" values; `extra` overrides or adds attrs.
#pragma once

#include <string>
#include <vector>

#include "strata/diff.h"
#include "strata/model.h"

namespace strata::diff::testing {

using nlohmann::json;
using model::Catalog;
using model::Object;

Object schema(const std::string& name);

Object table(const std::string& schema, const std::string& name, const json& extra = json::object());
Object column(const Object& table, const std::string& name, const std::string& type, int position,
              const json& extra = json::object());
Object default_value(const Object& table, const std::string& column, const std::string& expr,
                     const std::vector<std::string>& depends_on = {});
Object constraint(const Object& table, const std::string& name, const std::string& type,
                  const std::string& definition, const json& extra = json::object());
Object index(const Object& table, const std::string& name, const std::string& definition,
             const json& extra = json::object());

Object enum_type(const std::string& schema, const std::string& name, const std::vector<std::string>& labels);

Object sequence(const std::string& schema, const std::string& name, const json& extra = json::object());
Object sequence_owner(const Object& sequence, const Object& table, const std::string& column);

Object view(const std::string& schema, const std::string& name, const std::string& definition,
            const json& columns, const json& extra = json::object());
Object function(const std::string& schema, const std::string& name, const std::string& identity_arguments,
                const json& attrs);

Object trigger(const Object& table, const std::string& name, const std::string& definition,
               const json& extra = json::object());

// Modifiers, each returning a changed copy.
Object depends(Object object, const std::vector<std::string>& keys);
Object with(Object object, const json& attrs);
Object commented(Object object, const std::string& comment);

// A catalog holding the objects plus schema "public" (as every database has).
Catalog db(const std::vector<Object>& objects);
// render_sql(diff(from, to))
std::string sql_for(const Catalog& from, const Catalog& to);

}  // namespace strata::diff::testing
