// strata::Error: a one-line message with its explanation in fields, and the one rendering of it.
#include <gtest/gtest.h>

#include "strata/error.h"
#include "strata/runner.h"
#include "strata/sql_source.h"

namespace strata {
namespace {

TEST(Error, WhatIsOneLineWithWhereAndTheSqlstate) {
  const Error error("relation \"t\" does not exist",
                    ErrorInfo{.details = {"context: SQL function"}, .location = SourceLocation{"a.sql", 3, 7}, .sqlstate = "42P01"});
  EXPECT_STREQ(error.what(), "a.sql:3:7: relation \"t\" does not exist (SQLSTATE 42P01)");
  EXPECT_EQ(error.message(), "relation \"t\" does not exist");
  EXPECT_TRUE(error.has_location());
  EXPECT_FALSE(Error("plain").has_location());
}

TEST(Error, DescribeAddsStatementDetailsAndHintOnIndentedLines) {
  const sql::SqlError error({"m.sql", 2, 1}, "boom", "P0001", "DO $$ ... $$", {"context: PL/pgSQL function\nline 2"},
                            "look at line 2");
  EXPECT_EQ(describe(error),
            "m.sql:2:1: boom (SQLSTATE P0001)\n"
            "  statement: DO $$ ... $$\n"
            "  context: PL/pgSQL function\n"
            "  line 2\n"
            "  hint: look at line 2");
  const auto more = error.with({"1 of 3 statements done"}, "fix the file");
  EXPECT_EQ(more.details().size(), 2u);
  EXPECT_EQ(more.hint(), "look at line 2; fix the file");
  EXPECT_EQ(more.location().to_string(), "m.sql:2:1");
}

TEST(Error, EveryStrataErrorIsOne) {
  const runner::LockTimeoutError timeout("could not get a lock", "pid 7 (user app)", {"lock timeout"});
  const Error& base = timeout;
  EXPECT_EQ(base.details(), (std::vector<std::string>{"blocked by: pid 7 (user app)", "lock timeout"}));
  EXPECT_EQ(timeout.blocker(), "pid 7 (user app)");
  EXPECT_EQ(describe(std::runtime_error("not ours")), "not ours");
}

}  // namespace
}  // namespace strata
