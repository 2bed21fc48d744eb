#include "summary.h"

#include "attrs.h"

namespace strata::diff {
namespace {

using model::Kind;

std::string label(const model::Object& object) {
  switch (object.kind) {
    case Kind::Type: {
      const std::string type_kind = attrs::text(object.attrs, "type_kind");
      return type_kind == "domain" ? "domain" : type_kind.empty() ? "type" : type_kind + " type";
    }
    case Kind::MaterializedView: return "materialized view";
    case Kind::Function: {
      const std::string function_kind = attrs::text(object.attrs, "function_kind");
      return function_kind.empty() || function_kind == "window" ? "function" : function_kind;
    }
    case Kind::SequenceOwner: return "ownership of sequence";
    default: return model::to_string(object.kind);
  }
}

// For reading only: the key without its kind prefix is the object's dotted raw name
std::string verb(Change::Action action, Kind kind) {
  switch (action) {
    case Change::Action::Create:
      if (kind == Kind::Column || kind == Kind::Constraint) return "add";
      if (kind == Kind::Default || kind == Kind::SequenceOwner) return "set";
      return "create";
    case Change::Action::Drop: return "drop";
    case Change::Action::Alter: return "alter";
    case Change::Action::Comment: return "comment on";
  }
  return "change";
}

}  // namespace

std::string summarize(Change::Action action, const model::Object& object, const std::string& note) {
  std::string text = verb(action, object.kind) + " " + label(object) + " " + model::key_name(object.key);
  if (!note.empty()) text += " (" + note + ")";
  return text;
}

std::string summarize_attach(const model::Object& partition) {
  return "attach partition " + model::key_name(partition.key) + " to " +
         model::key_name(attrs::text(partition.attrs, "partition_of"));
}

}  // namespace strata::diff
