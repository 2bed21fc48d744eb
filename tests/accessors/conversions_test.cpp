// The runtime's value types and text conversions (strata/accessors/*.h), without a database.
#include <gtest/gtest.h>

#include <limits>

#include "strata/accessors/json.h"
#include "strata/accessors/text.h"

namespace strata::accessors {
namespace {

using namespace std::chrono;
using Texts = std::vector<std::optional<std::string>>;

TEST(Numeric, NormalisesLikePostgres) {
  EXPECT_EQ(Numeric("  +001.500 ").text(), "1.500");
  EXPECT_EQ(Numeric("-0.00").text(), "0.00");
  EXPECT_EQ(Numeric(".5").text(), "0.5");
  EXPECT_EQ(Numeric("5.").text(), "5");
  EXPECT_EQ(Numeric("1.5e2").text(), "150");
  EXPECT_EQ(Numeric("1.50e1").text(), "15.0");
  EXPECT_EQ(Numeric("-12e-4").text(), "-0.0012");
  EXPECT_EQ(Numeric("nan").text(), "NaN");
  EXPECT_EQ(Numeric("-inf").text(), "-Infinity");
  EXPECT_EQ(Numeric(std::numeric_limits<std::int64_t>::min()).text(), "-9223372036854775808");
  for (const char* bad : {"", "-", ".", "1e", "1.2.3", "abc", "1 2", "e5", "0x10"}) {
    EXPECT_THROW(Numeric{bad}, std::invalid_argument) << bad;
  }
}

// `.price = 12.99` used to compile and store 12 (double -> int64 -> Numeric). Only exact values
// convert; the others do not compile.
static_assert(std::is_convertible_v<int, Numeric> && std::is_convertible_v<unsigned long long, Numeric>);
static_assert(!std::is_convertible_v<double, Numeric> && !std::is_constructible_v<Numeric, double>);
static_assert(!std::is_constructible_v<Numeric, float> && !std::is_constructible_v<Numeric, long double>);
static_assert(!std::is_convertible_v<double, std::optional<Numeric>>);
static_assert(!std::is_convertible_v<bool, Numeric> && !std::is_convertible_v<char, Numeric>);

TEST(Numeric, IntegersConvertExactly) {
  EXPECT_EQ(Numeric(std::numeric_limits<std::uint64_t>::max()).text(), "18446744073709551615");
  EXPECT_EQ(Numeric(static_cast<short>(-7)).text(), "-7");
  const std::optional<Numeric> price = 12;
  EXPECT_EQ(price->text(), "12");
}

TEST(Numeric, ComparesByValue) {
  EXPECT_EQ(Numeric("1.5"), Numeric("1.50"));
  EXPECT_LT(Numeric("-2"), Numeric("-1.999999999999999999999999999999"));
  EXPECT_LT(Numeric("99999999999999999999999999999.9"), Numeric("100000000000000000000000000000"));
  EXPECT_GT(Numeric("0.0000000000000000000000000001"), Numeric("0"));
  EXPECT_LT(Numeric("-Infinity"), Numeric("-1e100"));
  EXPECT_LT(Numeric("1e100"), Numeric("Infinity"));
  EXPECT_LT(Numeric("Infinity"), Numeric("NaN"));
  EXPECT_EQ(Numeric("NaN"), Numeric("nan"));
  EXPECT_EQ(Numeric("0.1").to_double(), 0.1);
}

TEST(Uuid, ParsesPostgresInputForms) {
  const auto expected = Uuid::parse("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
  EXPECT_EQ(expected.to_string(), "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
  for (const char* form : {"A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11", "{a0eebc99-9c0b4ef8-bb6d6bb9-bd380a11}",
                           "a0eebc999c0b4ef8bb6d6bb9bd380a11", "a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11"}) {
    EXPECT_EQ(Uuid::parse(form), expected) << form;
  }
  for (const char* bad : {"", "a0eebc99", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1g", "-a0eebc999c0b4ef8bb6d6bb9bd380a11",
                          "a0eebc99--9c0b-4ef8-bb6d-6bb9bd380a11", "{a0eebc999c0b4ef8bb6d6bb9bd380a11"}) {
    EXPECT_THROW(Uuid::parse(bad), std::invalid_argument) << bad;
  }
  EXPECT_TRUE(Uuid{}.is_nil());
}

TEST(Text, Scalars) {
  EXPECT_EQ(to_text(std::int64_t{-9223372036854775807 - 1}), "-9223372036854775808");
  EXPECT_EQ(from_text<std::int16_t>("-32768"), -32768);
  EXPECT_THROW(from_text<std::int16_t>("32768"), ConversionError);
  EXPECT_THROW(from_text<std::int32_t>("12a"), ConversionError);
  EXPECT_EQ(to_text(0.1), "0.1");
  EXPECT_EQ(from_text<double>(to_text(0.1 + 0.2)), 0.1 + 0.2);
  EXPECT_EQ(to_text(std::numeric_limits<double>::infinity()), "Infinity");
  EXPECT_EQ(from_text<float>("-Infinity"), -std::numeric_limits<float>::infinity());
  EXPECT_TRUE(from_text<bool>("t"));
  EXPECT_FALSE(from_text<bool>("f"));
  EXPECT_EQ(to_text("literal"), "literal");  // const char* is text, not bool
}

TEST(Text, Bytea) {
  const Bytes data = {std::byte{0}, std::byte{'"'}, std::byte{'\\'}, std::byte{0xff}};
  EXPECT_EQ(to_text(data), "\\x00225cff");
  EXPECT_EQ(from_text<Bytes>("\\x00225cff"), data);
  EXPECT_EQ(from_text<Bytes>("\\000\"\\\\\\377"), data);  // bytea_output = escape
  EXPECT_EQ(from_text<Bytes>("\\x"), Bytes{});
  EXPECT_THROW(from_text<Bytes>("\\x0"), ConversionError);
  EXPECT_THROW(from_text<Bytes>("\\9"), ConversionError);
}

TEST(Text, DatesAndTimestamps) {
  const Timestamptz instant = sys_days(year(2024) / 2 / 29) + hours(23) + minutes(59) + seconds(59) + microseconds(999999);
  EXPECT_EQ(to_text(instant), "2024-02-29 23:59:59.999999+00");
  // What the generated SQL selects: seconds since the epoch.
  EXPECT_EQ(from_text<Timestamptz>("1709251199.999999"), instant);
  // ISO output in any zone.
  EXPECT_EQ(from_text<Timestamptz>("2024-03-01 05:44:59.999999+05:45"), instant);
  EXPECT_EQ(from_text<Timestamptz>("2024-02-29T23:59:59.999999Z"), instant);
  EXPECT_EQ(from_text<Timestamptz>("2024-02-29 18:59:59.999999-05"), instant);
  EXPECT_EQ(from_text<Timestamptz>("infinity"), Timestamptz::max());
  EXPECT_EQ(from_text<Timestamptz>("-Infinity"), Timestamptz::min());
  EXPECT_EQ(to_text(Timestamptz::min()), "-infinity");
  EXPECT_EQ(from_text<Timestamptz>("-1.5"), Timestamptz(microseconds(-1'500'000)));
  EXPECT_THROW(from_text<Timestamptz>("1.0000001"), ConversionError);  // finer than a microsecond
  EXPECT_THROW(from_text<Timestamptz>("2024-02-30 00:00:00+00"), ConversionError);

  const Timestamp local = local_days(year(-44) / 3 / 15) + hours(12);
  EXPECT_EQ(to_text(local), "0045-03-15 12:00:00.000000 BC");
  EXPECT_EQ(from_text<Timestamp>("0045-03-15 12:00:00 BC"), local);
  EXPECT_THROW(from_text<Timestamp>("2024-01-01 00:00:00+00"), ConversionError);

  const year_month_day day = year(2024) / 2 / 29;
  EXPECT_EQ(to_text(day), "2024-02-29");
  EXPECT_EQ(from_text<year_month_day>("1709164800"), day);
  EXPECT_EQ(from_text<year_month_day>("2024-02-29"), day);
  EXPECT_EQ(to_text(year_month_day{year(0) / 1 / 1}), "0001-01-01 BC");
  EXPECT_THROW(from_text<year_month_day>("infinity"), ConversionError);
  EXPECT_THROW(from_text<year_month_day>("1709164801"), ConversionError);
  EXPECT_THROW(to_text(year_month_day{}), ConversionError);
}

TEST(Text, Intervals) {
  EXPECT_EQ(to_text(Interval{-14, 3, -3723000004}), "P-14M3DT-3723.000004S");
  EXPECT_EQ(to_text(Interval{0, 0, 0}), "P0M0DT0.000000S");
  EXPECT_EQ(to_text(Interval{0, 0, std::numeric_limits<std::int64_t>::min()}), "P0M0DT-9223372036854.775808S");
  EXPECT_EQ(from_text<Interval>("P-14M3DT-3723.000004S"), (Interval{-14, 3, -3723000004}));
  // PostgreSQL's iso_8601 IntervalStyle output.
  EXPECT_EQ(from_text<Interval>("P1Y2M3DT4H5M6.000007S"), (Interval{14, 3, 14706000007}));
  EXPECT_EQ(from_text<Interval>("P-1Y-2M3DT-4H-5M-6S"), (Interval{-14, 3, -14706000000}));
  EXPECT_EQ(from_text<Interval>("PT0S"), Interval{});
  EXPECT_EQ(from_text<Interval>("P2W"), (Interval{0, 14, 0}));
  EXPECT_THROW(from_text<Interval>("1 day"), ConversionError);
  EXPECT_THROW(from_text<Interval>("P1H"), ConversionError);
}

TEST(Text, Arrays) {
  const Texts elements = {"plain", "", "NULL", std::nullopt, "a \"quoted\", {b}", "back\\slash"};
  const auto literal = array_literal(elements);
  EXPECT_EQ(literal, R"({"plain","","NULL",NULL,"a \"quoted\", {b}","back\\slash"})");
  EXPECT_EQ(parse_array(literal), elements);
  EXPECT_EQ(parse_array("{}"), Texts{});
  EXPECT_EQ(parse_array("{1,NULL,3}"), (Texts{"1", std::nullopt, "3"}));
  EXPECT_EQ(parse_array("[0:1]={a,b}"), (Texts{"a", "b"}));
  EXPECT_THROW(parse_array("{{1,2},{3,4}}"), ConversionError);
  EXPECT_THROW(parse_array("1,2"), ConversionError);

  const std::vector<std::optional<std::int32_t>> numbers = {1, std::nullopt, -3};
  const auto text = array_to_text(numbers, [](std::int32_t n) { return to_text(n); });
  EXPECT_EQ(text, R"({"1",NULL,"-3"})");
  EXPECT_EQ(array_from_text<std::int32_t>(text, [](std::string_view t) { return from_text<std::int32_t>(t); }), numbers);
}

TEST(Text, Json) {
  const auto value = nlohmann::json::parse(R"({"a": [1, "x", null]})");
  EXPECT_EQ(from_text<nlohmann::json>(to_text(value)), value);
  EXPECT_THROW(from_text<nlohmann::json>("{"), ConversionError);
}

}  // namespace
}  // namespace strata::accessors
