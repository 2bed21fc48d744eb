// What a statement of a schema file declares, read from its parse tree (libpg_query's JSON):
// the model keys (docs/model.md) of the objects a CREATE statement creates. Unqualified names
// are taken to be in `public` (what a schema file run with the default search_path does).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace strata::load::detail {

// The key of the object `statement` (one entry of the tree's "stmts": {"<NodeType>": {...}})
// creates, "" when it creates none strata names. Functions are "function:SCHEMA.NAME", without
// the argument types a model key has (they are PostgreSQL's to normalise).
std::string declared_key(const nlohmann::json& statement);

// The family ALTER OPERATOR FAMILY ... ADD / DROP changes ("operator_family:SCHEMA.NAME USING
// METHOD"), "" for any other statement: a schema may only change the families it creates.
std::string altered_family_key(const nlohmann::json& statement);

// Why a declared schema cannot hold `statement`, "" when it can: objects of kinds the model does
// not hold (docs/model.md, "Kinds"), which would otherwise be left out of every diff, and
// objects that do not belong to a schema (a subscription connects to another server).
std::string refusal(const nlohmann::json& statement);

// A column or constraint declared inside CREATE TABLE, with the byte offset of its definition.
struct Member {
  std::string key;
  std::size_t offset = 0;
};
std::vector<Member> table_members(const nlohmann::json& statement);

// The text with psql meta-command lines (\connect, \restrict ...) blanked, offsets kept: the
// parser sees SQL only.
std::string blank_meta_commands(std::string text);

// The offset of the first character at or after `offset` that is neither whitespace nor part of
// a comment (where a statement's first token is).
std::size_t skip_space_and_comments(const std::string& text, std::size_t offset);

}  // namespace strata::load::detail
