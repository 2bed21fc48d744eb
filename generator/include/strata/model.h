// The catalog model: what a PostgreSQL database's schema is, independent of how it was built.
//
// A Catalog is a flat map of Objects keyed by a stable identity string. Every object carries
// the kind-specific properties that matter for equality in `attrs` (normalised by PostgreSQL
// itself: format_type, pg_get_expr, pg_get_*def, always rendered with an empty search_path so
// every name is schema-qualified), the keys of the objects it depends on (from pg_depend), and
// its comment. The diff compares two catalogs object by object; docs/model.md lists, per kind,
// the exact attrs and their meaning. That document and this header are the contract between
// introspection (which fills the model) and the diff (which reads it).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace strata::model {

enum class Kind {
  Schema,
  Extension,
  Type,          // enum, domain, composite, range (attrs.type_kind says which)
  Sequence,
  Table,         // ordinary, unlogged, partitioned, partitions, inheritance children
  Column,        // a column of a table (views keep theirs in attrs.columns)
  Default,       // a column default (pg_attrdef), separate so its dependencies are its own
  Constraint,    // table constraints: p, u, f, c, x (domain constraints live in the domain)
  Index,         // indexes that do not back a constraint
  View,
  MaterializedView,
  Function,      // functions, procedures, aggregates, window functions (attrs.function_kind)
  Trigger,
  Rule,
  Policy,
  SequenceOwner, // ALTER SEQUENCE ... OWNED BY, separate because it needs the column to exist
  Collation,     // CREATE COLLATION (provider, locale, deterministic)
  Statistics,    // CREATE STATISTICS on a table's columns or expressions (parent: the table)
  EventTrigger,  // CREATE EVENT TRIGGER (database-wide)
  Publication,   // CREATE PUBLICATION (database-wide): tables, schemas, what it publishes
  TextSearchDictionary,    // CREATE TEXT SEARCH DICTIONARY (template, options)
  TextSearchConfiguration, // CREATE TEXT SEARCH CONFIGURATION (parser) and its token mappings
  Cast,          // CREATE CAST (database-wide; name "(source AS target)")
  Operator,      // CREATE OPERATOR (key: schema.name(left, right), NONE for a prefix operator)
  ForeignDataWrapper, // CREATE FOREIGN DATA WRAPPER (database-wide)
  ForeignServer,      // CREATE SERVER (database-wide); foreign tables are tables (attrs.foreign)
  Language,      // CREATE LANGUAGE (database-wide), when no extension creates it
  OperatorFamily, // CREATE OPERATOR FAMILY (key: schema.name USING method) and its loose members
  OperatorClass,  // CREATE OPERATOR CLASS (key: schema.name USING method) and its members
  DefaultPrivileges, // ALTER DEFAULT PRIVILEGES of one role, in one schema or everywhere, for one
                     // kind of object (attrs: role, objects; acl: what they get)
};

// Roles as the model names them: a role name, or one of these two words.
// The role that read the catalog (that loaded the declared schema, or that connected to the live
// database) is "CURRENT_USER": what it owns belongs to whoever runs the migration, so no
// ALTER ... OWNER TO is written for it (docs/model.md, "Owners and privileges").
inline constexpr const char* kCurrentUser = "CURRENT_USER";
inline constexpr const char* kPublic = "PUBLIC";  // the grantee of privileges granted to everyone

// An access control list: grantee -> its privileges, sorted ("SELECT", "UPDATE*": '*' marks WITH
// GRANT OPTION). Effective privileges, defaults included (a NULL relacl reads as acldefault()),
// so an object that was granted and revoked back compares equal to one never granted. Grantors
// are not modelled: migrations grant as the object's owner.
using Acl = std::map<std::string, std::vector<std::string>>;
nlohmann::json acl_to_json(const Acl& acl);
Acl acl_from_json(const nlohmann::json& json);
// The privileges a new object of `kind` gets when no default privileges apply, as PostgreSQL's
// acldefault() gives them (its owner has everything; PUBLIC may execute functions and use types);
// empty for columns and kinds without privileges.
Acl default_acl(Kind kind, const std::string& owner);
// What ALTER ... OWNER TO does to an ACL: `old_owner`'s privileges become `new_owner`'s.
Acl with_owner(const Acl& acl, const std::string& old_owner, const std::string& new_owner);
// One grantee's privileges in `acl`: name -> WITH GRANT OPTION.
std::map<std::string, bool> privileges_of(const Acl& acl, const std::string& grantee);
// Both ACLs' privileges (WITH GRANT OPTION wins).
Acl merged(const Acl& first, const Acl& second);
// The word ALTER DEFAULT PRIVILEGES uses for a kind (tables, sequences, functions, types,
// schemas); "" for kinds default privileges do not apply to.
std::string default_privileges_objects(Kind kind);

// "default_privileges:ROLE on OBJECTS" or "default_privileges:ROLE in SCHEMA on OBJECTS"
// (OBJECTS: tables, sequences, functions, types, schemas).
std::string default_privileges_key(const std::string& role, const std::string& schema, const std::string& objects);

std::string to_string(Kind kind);
Kind kind_from_string(const std::string& text);

// A key without its kind: "table:public.users" -> "public.users", for messages and for keys of
// the parts of an object ("column:" + key_name(table) + "." + name).
std::string key_name(const std::string& key);

struct Object {
  std::string key;     // identity, see docs/model.md ("table:public.film", "column:public.film.title")
  Kind kind = Kind::Schema;
  std::string schema;  // containing schema ("" for schemas and extensions)
  std::string name;    // the object's own name (for columns, the column name)
  std::string parent;  // key of the owning table/view for columns, defaults, constraints,
                       // indexes, triggers, rules, policies; "" otherwise
  nlohmann::json attrs = nlohmann::json::object();  // kind-specific, compared for equality
  std::vector<std::string> depends_on;              // keys of objects this one needs, sorted
  std::optional<std::string> comment;
  // Owner and privileges, kept apart from attrs because changing them never recreates anything.
  // owner: a role (see kCurrentUser), "" for kinds that have no owner of their own (columns,
  // indexes...: they follow their table). acl: null for kinds without privileges.
  std::string owner;
  nlohmann::json acl;

  bool operator==(const Object&) const = default;
};

struct Catalog {
  std::map<std::string, Object> objects;

  const Object* find(const std::string& key) const;
  void add(Object object);  // throws std::logic_error on a duplicate key

  // Stable, diffable JSON: keys sorted, one object per entry, deps sorted.
  nlohmann::json to_json() const;
  static Catalog from_json(const nlohmann::json& json);
  static Catalog from_json(nlohmann::json&& json);
};

// Comparing catalogs as migrations can make them equal: the JSON of a catalog without what a
// migration cannot control (a column's attnum, which drops and re-adds leave behind).
nlohmann::json comparable(const Catalog& catalog);
// "missing: KEY", "unexpected: KEY", "differs: KEY (want ..., got ...)" lines; empty when equal.
std::vector<std::string> differences(const Catalog& expected, const Catalog& actual);

// What of owners and privileges a project compares (strata.json "diff": {"owners": false,
// "privileges": false} for teams that manage them with another tool).
struct Scope {
  bool owners = true;
  bool privileges = true;
};
// `catalog` without what `scope` leaves out: owners; ACLs, identity sequences' ACLs and default
// privileges.
void narrow(Catalog& catalog, const Scope& scope);

// Quoting helpers shared by everything that renders SQL from the model.
std::string quote_ident(const std::string& identifier);        // "Foo" / foo, as quote_ident()
std::string qualified_name(const std::string& schema, const std::string& name);
std::string quote_literal(const std::string& text);            // 'it''s' (E'' when needed)

}  // namespace strata::model
