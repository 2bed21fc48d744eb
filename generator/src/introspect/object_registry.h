// Which model object each catalog row stands for.
//
// pg_depend and pg_description name objects by catalog address (classid, objid, objsubid).
// Readers record here the address of every object they add, plus "aliases": other catalog rows
// that are part of that object (a type's array type, a table's row type, the `_RETURN` rule of
// a view, the index behind a constraint...), and which extension each extension member belongs
// to. Dependencies and comments are then mapped to model objects through this registry.
#pragma once

#include <cstdint>
#include <unordered_map>

#include "strata/model.h"

namespace strata::introspect {

using Oid = std::uint32_t;

// OIDs of the system catalogs that hold modelled objects. They are fixed in PostgreSQL's catalog
// headers (pg_class.h declares `CATALOG(pg_class,1259,...)`), so they are the same in every
// database and every version; pg_depend.classid and pg_description.classoid hold these values.
enum class SystemCatalog : Oid {
  Type = 1247,
  Proc = 1255,
  Class = 1259,
  Operator = 2617,
  OperatorClass = 2616,
  OperatorFamily = 2753,
  Cast = 2605,
  AttrDef = 2604,
  Constraint = 2606,
  Namespace = 2615,
  Rewrite = 2618,
  Trigger = 2620,
  Extension = 3079,
  Language = 2612,
  ForeignDataWrapper = 2328,
  ForeignServer = 1417,
  Policy = 3256,
  StatisticExt = 3381,
  Collation = 3456,
  EventTrigger = 3466,
  TSDictionary = 3600,
  TSConfig = 3602,
  Publication = 6104,
  PublicationRel = 6106,
  PublicationNamespace = 6237,
};

struct CatalogAddress {
  Oid classid = 0;
  Oid objid = 0;
  std::int32_t subid = 0;  // column number for columns of a relation, else 0

  CatalogAddress(SystemCatalog catalog, Oid object, std::int32_t sub = 0)
      : classid(static_cast<Oid>(catalog)), objid(object), subid(sub) {}
  CatalogAddress(Oid catalog, Oid object, std::int32_t sub = 0)
      : classid(catalog), objid(object), subid(sub) {}

  CatalogAddress whole_object() const { return {classid, objid, 0}; }
  bool operator==(const CatalogAddress&) const = default;
};

struct CatalogAddressHash {
  std::size_t operator()(const CatalogAddress& address) const {
    std::size_t hash = (static_cast<std::size_t>(address.classid) << 32) ^ address.objid;
    return hash * 31 + static_cast<std::uint32_t>(address.subid);
  }
};

// Objects are held by pointer: they live in the Context, whose storage never moves them.
class ObjectRegistry {
 public:
  // The catalog row `object` was read from.
  void add_object(const CatalogAddress& address, model::Object& object);
  // Another catalog row that is part of `object` (dependencies on it are dependencies on
  // `object`; it has no identity of its own in the model).
  void add_alias(const CatalogAddress& address, model::Object& object);
  // A catalog row that belongs to `extension` (pg_depend deptype 'e').
  void add_extension_member(const CatalogAddress& address, model::Object& extension);

  // The object read from exactly this row, or nullptr.
  model::Object* object_at(const CatalogAddress& address) const;
  // The object this row is or is part of (objects and aliases), trying the exact address first
  // and then the whole object (a view's column is the view), or nullptr.
  model::Object* owner_of(const CatalogAddress& address) const;
  // As owner_of, but extension members map to their extension: what a dependency on this row
  // must point to.
  model::Object* dependency_target(const CatalogAddress& address) const;
  bool is_extension_member(const CatalogAddress& address) const;

 private:
  using Map = std::unordered_map<CatalogAddress, model::Object*, CatalogAddressHash>;
  static model::Object* lookup(const Map& map, const CatalogAddress& address);

  Map objects_;
  Map aliases_;
  Map extension_members_;
};

}  // namespace strata::introspect
