// The dependency structure of one catalog. An object's dependencies are its model depends_on
// plus what the model implies but pg_depend does not always record (the owning table, the
// schema, a default's column, a partition's parent, ...): docs/diff.md lists them. The diff uses
// them forwards (create in dependency order) and backwards (what must go when something goes).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "strata/model.h"

namespace strata::diff {

class CatalogGraph {
 public:
  explicit CatalogGraph(const model::Catalog& catalog);

  const model::Catalog& catalog() const { return *catalog_; }
  const model::Object* find(const std::string& key) const { return catalog_->find(key); }

  // Keys present in the catalog, sorted. Unknown keys have none.
  const std::vector<std::string>& dependencies(const std::string& key) const;
  const std::vector<std::string>& dependents(const std::string& key) const;
  const std::vector<std::string>& children(const std::string& parent_key) const;

  // The child of `parent_key` of that kind and name (a table's column "email"), or null.
  const model::Object* find_child(const std::string& parent_key, model::Kind kind,
                                  const std::string& name) const;
  // The column a Default or a SequenceOwner is about, or null.
  const model::Object* column_of(const model::Object& object) const;
  // The tables a table inherits from: its partition parent and its INHERITS parents.
  std::vector<std::string> parent_tables(const model::Object& table) const;

 private:
  std::vector<std::string> implied_dependencies(const model::Object& object) const;

  const model::Catalog* catalog_;
  std::map<std::string, std::vector<std::string>> dependencies_;
  std::map<std::string, std::vector<std::string>> dependents_;
  std::map<std::string, std::vector<std::string>> children_;
};

}  // namespace strata::diff
