// SQL names -> C++ identifiers: valid, not reserved, stable, collision-free.
#include <gtest/gtest.h>

#include "strata/codegen.h"

namespace strata::codegen {
namespace {

using Names = std::vector<std::string>;

TEST(Mangle, KeepsValidIdentifiers) {
  EXPECT_EQ(mangle("users"), "users");
  EXPECT_EQ(mangle("Upper"), "Upper");
  EXPECT_EQ(mangle("a_b2"), "a_b2");
  EXPECT_EQ(mangle("_private"), "_private");
}

TEST(Mangle, KeywordsAndMacrosGetATrailingUnderscore) {
  EXPECT_EQ(mangle("class"), "class_");
  EXPECT_EQ(mangle("default"), "default_");
  EXPECT_EQ(mangle("namespace"), "namespace_");
  EXPECT_EQ(mangle("and"), "and_");
  EXPECT_EQ(mangle("co_await"), "co_await_");
  EXPECT_EQ(mangle("NULL"), "NULL_");
  EXPECT_EQ(mangle("errno"), "errno_");
  EXPECT_TRUE(is_reserved_word("requires"));
  EXPECT_FALSE(is_reserved_word("users"));
}

TEST(Mangle, InvalidCharactersBecomeOneUnderscore) {
  EXPECT_EQ(mangle("my column"), "my_column");
  EXPECT_EQ(mangle("it's \"quoted\""), "it_s_quoted_");
  EXPECT_EQ(mangle("a  -  b"), "a_b");
  EXPECT_EQ(mangle("na\xc3\xafve"), "na_ve");  // UTF-8 bytes are not identifier characters here
  EXPECT_EQ(mangle("a__b"), "a_b");            // "__" is reserved for the implementation
}

TEST(Mangle, LeadingDigitsUnderscoreUppercaseAndEmpty) {
  EXPECT_EQ(mangle("1st"), "_1st");
  EXPECT_EQ(mangle("_Foo"), "x_Foo");  // "_" + uppercase is reserved
  EXPECT_EQ(mangle(""), "_");
  EXPECT_EQ(mangle(" "), "_");
}

TEST(AssignNames, CollisionsGetNumberedExactNamesWin) {
  // "a_b" is already an identifier and keeps it, whichever order the names come in.
  EXPECT_EQ(assign_names({"a b", "a_b"}), (Names{"a_b_2", "a_b"}));
  EXPECT_EQ(assign_names({"a_b", "a b"}), (Names{"a_b", "a_b_2"}));
  // Inexact names are numbered in bytewise order of their SQL names.
  EXPECT_EQ(assign_names({"a-b", "a b", "a_b"}), (Names{"a_b_3", "a_b_2", "a_b"}));
  EXPECT_EQ(assign_names({"class", "class_"}), (Names{"class_2", "class_"}));
}

TEST(AssignNames, ReservedNamesOfTheScopeAreAvoided) {
  EXPECT_EQ(assign_names({"Row", "Insert", "id"}, {"Row", "Insert"}), (Names{"Row_2", "Insert_2", "id"}));
  EXPECT_EQ(assign_names({"std"}, {"std"}), (Names{"std_2"}));
}

TEST(AssignNames, AddingANameDoesNotRenameOthersThatDoNotCollide) {
  const Names before = assign_names({"id", "my column", "class"});
  const Names after = assign_names({"id", "zzz", "my column", "new col", "class"});
  EXPECT_EQ(before, (Names{"id", "my_column", "class_"}));
  EXPECT_EQ(after[0], before[0]);
  EXPECT_EQ(after[2], before[1]);
  EXPECT_EQ(after[4], before[2]);
  EXPECT_EQ(after[3], "new_col");
}

TEST(AssignNames, EveryResultIsAValidUniqueIdentifier) {
  const Names sql = {"", " ", "1", "_1", "__", "_A", "a b", "a_b", "a-b", "class", "class_", "Class", "\"", "x\ny"};
  const Names cpp = assign_names(sql, {"std", "Row"});
  std::set<std::string> unique(cpp.begin(), cpp.end());
  EXPECT_EQ(unique.size(), cpp.size());
  for (const auto& name : cpp) {
    EXPECT_EQ(mangle(name), name) << name;
    EXPECT_EQ(name.find("__"), std::string::npos) << name;
  }
}

}  // namespace
}  // namespace strata::codegen
