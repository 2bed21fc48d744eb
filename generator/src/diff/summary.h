// One-line human summaries of changes ("add column public.users.email").
#pragma once

#include <string>

#include "strata/diff.h"
#include "strata/model.h"

namespace strata::diff {

// `note` is appended in parentheses when not empty.
std::string summarize(Change::Action action, const model::Object& object, const std::string& note = "");
std::string summarize_attach(const model::Object& partition);

}  // namespace strata::diff
