// SQL types -> C++ types, through the generated headers; unmapped types are errors.
#include <gtest/gtest.h>

#include "catalog_builders.h"
#include "strata/codegen.h"

namespace strata::codegen::testing {
namespace {

// The generated header of table public.t with one column of type `type` (plus the key `id`).
std::string header_for(const std::string& type, json extra = json::object(), const TypeOverrides& overrides = {},
                       std::vector<model::Object> more = {}) {
  const auto t = table("public", "t");
  std::vector<model::Object> objects = {t, column(t, "id", "integer", 1, {{"not_null", true}}), column(t, "v", type, 2, extra),
                                        constraint(t, "t_pkey", "p", {"id"})};
  objects.insert(objects.end(), more.begin(), more.end());
  Options options;
  options.cpp_namespace = "app::db";
  options.overrides = overrides;
  return generate(catalog_of(objects), options).at("include/app/db/t.h");
}

std::string row_member(const std::string& type, json extra = json::object(), std::vector<model::Object> more = {}) {
  const auto header = header_for(type, extra, {}, more);
  const auto row = header.find("struct Row {");
  const auto start = header.find("\n  ", header.find("\n  ", row) + 1) + 3;  // second member: v
  return header.substr(start, header.find(" v{}", start) - start);
}

TEST(TypeMapping, Builtins) {
  const json not_null = {{"not_null", true}};
  EXPECT_EQ(row_member("smallint", not_null), "std::int16_t");
  EXPECT_EQ(row_member("integer", not_null), "std::int32_t");
  EXPECT_EQ(row_member("bigint", not_null), "std::int64_t");
  EXPECT_EQ(row_member("real", not_null), "float");
  EXPECT_EQ(row_member("double precision", not_null), "double");
  EXPECT_EQ(row_member("numeric(40,10)", not_null), "::strata::Numeric");
  EXPECT_EQ(row_member("numeric", not_null), "::strata::Numeric");
  EXPECT_EQ(row_member("text", not_null), "std::string");
  EXPECT_EQ(row_member("character varying(20)", not_null), "std::string");
  EXPECT_EQ(row_member("character(3)", not_null), "std::string");
  EXPECT_EQ(row_member("boolean", not_null), "bool");
  EXPECT_EQ(row_member("bytea", not_null), "::strata::Bytes");
  EXPECT_EQ(row_member("uuid", not_null), "::strata::Uuid");
  EXPECT_EQ(row_member("date", not_null), "std::chrono::year_month_day");
  EXPECT_EQ(row_member("timestamp(3) without time zone", not_null), "std::chrono::local_time<std::chrono::microseconds>");
  EXPECT_EQ(row_member("timestamp with time zone", not_null), "std::chrono::sys_time<std::chrono::microseconds>");
  EXPECT_EQ(row_member("interval", not_null), "::strata::Interval");
  EXPECT_EQ(row_member("interval year to month", not_null), "::strata::Interval");
  EXPECT_EQ(row_member("json", not_null), "nlohmann::json");
  EXPECT_EQ(row_member("jsonb", not_null), "nlohmann::json");
}

TEST(TypeMapping, NullableColumnsAndArrays) {
  EXPECT_EQ(row_member("integer"), "std::optional<std::int32_t>");
  EXPECT_EQ(row_member("text[]", {{"not_null", true}}), "std::vector<std::optional<std::string>>");
  EXPECT_EQ(row_member("timestamp with time zone[]"),
            "std::optional<std::vector<std::optional<std::chrono::sys_time<std::chrono::microseconds>>>>");
}

TEST(TypeMapping, EnumsAndDomains) {
  const auto mood = enum_type("public", "mood", {"sad", "in progress"});
  EXPECT_EQ(row_member("public.mood", {{"not_null", true}}, {mood}), "::app::db::mood");
  EXPECT_EQ(row_member("public.mood[]", {{"not_null", true}}, {mood}), "std::vector<std::optional<::app::db::mood>>");
  // A domain is its base type; its NOT NULL makes the column NOT NULL.
  EXPECT_EQ(row_member("public.positive", {}, {domain("public", "positive", "integer")}), "std::optional<std::int32_t>");
  EXPECT_EQ(row_member("public.code", {}, {domain("public", "code", "character varying(5)", true)}), "std::string");
  EXPECT_EQ(row_member("public.\"Odd Domain\"", {}, {domain("public", "Odd Domain", "bigint")}),
            "std::optional<std::int64_t>");
  // The json header is included only where a json column is.
  EXPECT_NE(header_for("jsonb").find("#include <nlohmann/json.hpp>"), std::string::npos);
  EXPECT_EQ(header_for("text").find("nlohmann"), std::string::npos);
  EXPECT_EQ(header_for("text").find("#include <pqxx"), std::string::npos);
  EXPECT_NE(header_for("text").find("class transaction_base;"), std::string::npos);
}

TEST(TypeMapping, UnmappedTypeIsAnErrorNamingTheColumnAndType) {
  try {
    header_for("inet");
    FAIL() << "expected a CodegenError";
  } catch (const CodegenError& error) {
    const std::string message = strata::describe(error);
    EXPECT_NE(message.find("column public.t.v"), std::string::npos) << message;
    EXPECT_NE(message.find("inet"), std::string::npos) << message;
    EXPECT_NE(message.find("--types"), std::string::npos) << message;
  }
}

TEST(TypeMapping, EveryUnmappedColumnIsReportedAtOnce) {
  const auto t = table("public", "t");
  const auto u = table("other", "u");
  const auto catalog = catalog_of({t, column(t, "a", "inet", 1), column(t, "b", "point[]", 2), u,
                                   column(u, "c", "public.no_such_type", 1), column(u, "ok", "text", 2)});
  try {
    generate(catalog, Options{});
    FAIL() << "expected a CodegenError";
  } catch (const CodegenError& error) {
    ASSERT_EQ(error.details().size(), 3u) << error.what();
    EXPECT_NE(error.details()[0].find("column other.u.c"), std::string::npos) << error.details()[0];
    EXPECT_NE(error.details()[1].find("column public.t.a: type inet"), std::string::npos) << error.details()[1];
    EXPECT_NE(error.details()[2].find("column public.t.b: type point"), std::string::npos) << error.details()[2];
  }
}

TEST(TypeMapping, OverridesMapMoreTypesAndWin) {
  const auto overrides = parse_type_overrides(json::parse(R"json({"types": {
      "inet": {"cpp": "my::Inet", "include": "my/inet.h", "to_text": "my::inet_text", "from_text": "my::parse_inet"},
      "character varying(5)": {"cpp": "my::Code", "include": ["<my/code.h>"]}}})json"));
  const auto header = header_for("inet", {{"not_null", true}}, overrides);
  EXPECT_NE(header.find("my::Inet v{};"), std::string::npos) << header;
  EXPECT_NE(header.find("#include \"my/inet.h\""), std::string::npos) << header;
  EXPECT_NE(header_for("inet[]", {}, overrides).find("std::optional<std::vector<std::optional<my::Inet>>> v{};"),
            std::string::npos);
  // A key with a modifier matches only that modifier.
  EXPECT_NE(header_for("character varying(5)", {{"not_null", true}}, overrides).find("my::Code v{};"), std::string::npos);
  EXPECT_NE(header_for("character varying(6)", {{"not_null", true}}, overrides).find("std::string v{};"), std::string::npos);

  Options options;
  options.overrides = overrides;
  const auto t = table("public", "t");
  const auto files = generate(catalog_of({t, column(t, "v", "inet", 1, {{"not_null", true}})}), options);
  std::string code;
  for (const auto& [path, content] : files) {
    if (path.rfind("src/shard_", 0) == 0) code += content;
  }
  EXPECT_NE(code.find("my::inet_text("), std::string::npos);
  EXPECT_NE(code.find("my::parse_inet(text)"), std::string::npos);
}

TEST(TypeMapping, BadOverrideFilesAreRefused) {
  EXPECT_THROW(parse_type_overrides(json::parse(R"({"inet": {"cpp": "x"}})")), CodegenError);
  EXPECT_THROW(parse_type_overrides(json::parse(R"({"types": {"inet": {"include": "x.h"}}})")), CodegenError);
  EXPECT_THROW(parse_type_overrides(json::parse(R"({"types": {"inet": {"cpp": "x", "colour": "red"}}})")), CodegenError);
  EXPECT_THROW(parse_type_overrides(json::parse(R"({"types": {"inet": {"cpp": "x; int y"}}})")), CodegenError);
}

TEST(TypeMapping, InsertSeparatesRequiredFromDefaultedAndLeavesOutGeneratedAlways) {
  const auto t = table("public", "t");
  const auto catalog = catalog_of({
      t,
      column(t, "id", "bigint", 1, {{"not_null", true}, {"identity", "always"}}),
      column(t, "seq", "bigint", 2, {{"not_null", true}, {"identity", "by default"}}),
      column(t, "name", "text", 3, {{"not_null", true}}),
      column(t, "note", "text", 4),
      column(t, "created", "timestamp with time zone", 5, {{"not_null", true}}),
      default_of(t, "created", "now()"),
      column(t, "tag", "text", 6),
      default_of(t, "tag", "'x'::text"),
      column(t, "lower_name", "text", 7, {{"generated", "lower(name)"}}),
      constraint(t, "t_pkey", "p", {"id"}),
  });
  Options options;
  const auto header = generate(catalog, options).at("include/db/t.h");
  const auto insert = header.substr(header.find("struct Insert {"));
  const auto body = insert.substr(0, insert.find("\n};"));
  EXPECT_EQ(body.find(" id{}"), std::string::npos) << body;
  EXPECT_EQ(body.find(" lower_name{}"), std::string::npos) << body;
  EXPECT_NE(body.find("std::optional<std::int64_t> seq{};"), std::string::npos) << body;
  // NOT NULL without a default: required, so leaving it out does not compile.
  EXPECT_NE(body.find("::strata::Required<std::string, \"name\"> name;"), std::string::npos) << body;
  EXPECT_NE(header.find("#include \"strata/accessors/required.h\""), std::string::npos) << header;
  EXPECT_NE(body.find("std::optional<std::string> note{};"), std::string::npos) << body;
  EXPECT_NE(body.find("std::optional<std::chrono::sys_time<std::chrono::microseconds>> created{};"), std::string::npos) << body;
  EXPECT_NE(body.find("std::optional<std::optional<std::string>> tag{};"), std::string::npos) << body;
}

}  // namespace
}  // namespace strata::codegen::testing
