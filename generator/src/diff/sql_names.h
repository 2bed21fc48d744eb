// Finding names in PostgreSQL's deparsed SQL (pg_get_viewdef, pg_get_expr, format_type ...),
// which quotes them the way quote_ident does, to rewrite a catalog as a rename will leave it.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace strata::diff::sql_names {

inline bool identifier_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$' ||
         c == '"' || static_cast<unsigned char>(c) >= 0x80;
}

// The [begin, end) spans of string constants ('...', E'...') and dollar-quoted text ($f$...$f$) in
// `text`: what PostgreSQL keeps as written, never as a reference to an object (a plpgsql body, a
// literal that happens to spell a name). A constant cast to a reg* type ('s.t'::regclass) is a name.
std::vector<std::pair<std::size_t, std::size_t>> literal_spans(const std::string& text);

struct Boundaries {
  bool unqualified_only = false;  // not preceded by '.': the name is not the second part of one
  bool before_dot_only = false;   // followed by '.': the name qualifies another
  bool skip_literals = false;     // not inside literal_spans()
};

// Replaces `from` by `to` where it stands as a whole name: not preceded by an identifier character,
// not followed by one (a `from` ending in '.' may be followed by anything), within `boundaries`.
std::string replace_name(const std::string& text, const std::string& from, const std::string& to,
                         Boundaries boundaries = {});

}  // namespace strata::diff::sql_names
