// The accessors generated from tests/accessors/migrations (strata_add_schema in
// tests/CMakeLists.txt), against a real PostgreSQL. Every test runs in a session whose settings
// change how PostgreSQL prints values (TimeZone, DateStyle, IntervalStyle, bytea_output): the
// accessors must not depend on them.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include <pqxx/pqxx>

#include "strata/accessors/statement_mode.h"
#include "strata/accessors/support.h"
#include "strata/accessors/text.h"
#include "strata/schema_version.h"
#include "strata_test/db/schema.h"
#include "test_cluster.h"

namespace strata_test::db {
namespace {

using namespace std::chrono;
using strata::Bytes;
using strata::Interval;
using strata::Numeric;
using strata::Uuid;
using Timestamptz = sys_time<microseconds>;
using Timestamp = local_time<microseconds>;

// A database with every migration applied, made once and used as the template of each test's.
const std::string& migrated_template() {
  static const std::string name = [] {
    static strata::testing::ScratchDb database("accessors_template");
    pqxx::connection connection(database.connection_string());
    for (const auto& migration : migrations()) {
      pqxx::work work(connection);
      work.exec(migration.up.sql);
      work.commit();
    }
    return database.name();
  }();
  return name;
}

Bytes bytes(std::initializer_list<int> values) {
  Bytes out;
  for (const int v : values) out.push_back(static_cast<std::byte>(v));
  return out;
}

Timestamptz utc(int y, int m, int d, int hh, int mm, int ss, int us) {
  return sys_days(year(y) / m / d) + hours(hh) + minutes(mm) + seconds(ss) + microseconds(us);
}

class Accessors : public ::testing::Test {
 protected:
  Accessors() : database_("accessors", migrated_template()) {}

  void SetUp() override {
    // Settings that change how PostgreSQL prints dates, times, intervals and bytea.
    pqxx::nontransaction(connection()).exec(
        "SET TimeZone = 'Asia/Kathmandu'; SET DateStyle = 'SQL, DMY'; SET IntervalStyle = 'sql_standard';"
        " SET bytea_output = 'escape'");
  }

  pqxx::connection& connection() { return database_.connection(); }

  strata::testing::ScratchDb database_;
};

// A NOT NULL column without a default cannot be left out of an Insert (it used to be inserted as
// '', 0 or an enum's first label): strata::Required makes the omission a compile error.
template <typename Insert>
constexpr bool only_the_key_given = requires { Insert{.default_ = 7}; };
template <typename Insert>
constexpr bool key_left_out = requires { Insert{.namespace_ = std::optional<std::string>("ns")}; };
static_assert(only_the_key_given<class_::Insert> && !key_left_out<class_::Insert>);
static_assert(!std::is_default_constructible_v<scalars::Insert> && !std::is_default_constructible_v<arrays::Insert>);
static_assert(std::is_default_constructible_v<ticks::Insert>);  // every column has a default

scalars::Insert full_scalars() {
  return scalars::Insert{
      .small = std::numeric_limits<std::int16_t>::min(),
      .small_n = std::numeric_limits<std::int16_t>::max(),
      .int_v = std::numeric_limits<std::int32_t>::min(),
      .int_n = std::numeric_limits<std::int32_t>::max(),
      .big = std::numeric_limits<std::int64_t>::min(),
      .big_n = std::numeric_limits<std::int64_t>::max(),
      .real_v = 3.4028235e38f,
      .real_n = 1.17549435e-38f,
      .double_v = 0.1 + 0.2,  // 0.30000000000000004: exact round trip
      .double_n = -std::numeric_limits<double>::denorm_min(),
      .exact = Numeric("123456789012345678901234567890.123456789012345678901234567890"),
      .exact_n = Numeric("-98765432109876543210987654321.0000000001"),
      .text_v = "tab\there, newline\nthere, backslash \\ quote ' \" and \xc3\xa9",
      .text_n = "",
      .varchar_v = "exactly twenty chars",
      .varchar_n = "NULL",
      .char_v = "ab",  // character(3): PostgreSQL pads
      .char_n = "xy",
      .flag = true,
      .flag_n = false,
      .bytes = bytes({0, 1, 0x5c, 0x27, 0x7f, 0x80, 0xff}),
      .bytes_n = Bytes{},
      .uid = Uuid::parse("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
      .uid_n = Uuid{},
      .day = year(2024) / February / 29,
      .day_n = year(-44) / March / 15,  // 45 BC
      .local_ts = local_days(year(1999) / 12 / 31) + hours(23) + minutes(59) + seconds(59) + microseconds(999999),
      .local_ts_n = local_days(year(1970) / 1 / 1) - milliseconds(1),  // timestamp(3)
      .ts = utc(2024, 2, 29, 23, 59, 59, 999999),
      .ts_n = utc(1900, 1, 1, 0, 0, 0, 1),
      .span = Interval{-14, 3, -3723000004},
      .span_n = Interval{},
      .doc = nlohmann::json::parse(R"({"b": [1, 2.5, "x"], "a": null})"),
      .doc_n = nlohmann::json("just a string"),
      .docb = nlohmann::json::parse(R"({"nested": {"deep": [true, false]}, "n": 12345678901234})"),
      .docb_n = nlohmann::json::array(),
      .feeling = mood::in_progress,
      .feeling_n = mood::class_,
      .positive = 1,
      .positive_n = 2147483647,
      .code = "abc",
      .created_at = utc(2000, 1, 1, 0, 0, 0, 0),
      .note = std::optional<std::string>("given"),
      .addr = Inet{"192.168.0.1"},
  };
}

TEST_F(Accessors, ScalarsRoundTripExtremeValues) {
  pqxx::work tx(connection());
  const auto values = full_scalars();
  const scalars::Row inserted = scalars::insert(tx, values);
  EXPECT_GT(inserted.id, 0);
  EXPECT_EQ(inserted.small, values.small);
  EXPECT_EQ(inserted.small_n, values.small_n);
  EXPECT_EQ(inserted.int_v, values.int_v);
  EXPECT_EQ(inserted.int_n, values.int_n);
  EXPECT_EQ(inserted.big, std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(inserted.big_n, std::numeric_limits<std::int64_t>::max());
  EXPECT_EQ(inserted.real_v, values.real_v);
  EXPECT_EQ(inserted.real_n, values.real_n);
  EXPECT_EQ(inserted.double_v, values.double_v);
  EXPECT_EQ(inserted.double_n, values.double_n);
  EXPECT_EQ(inserted.exact.text(), "123456789012345678901234567890.123456789012345678901234567890");
  EXPECT_EQ(inserted.exact_n->text(), "-98765432109876543210987654321.0000000001");  // numeric(40,10)
  EXPECT_EQ(inserted.text_v, values.text_v);
  EXPECT_EQ(inserted.text_n, "");
  EXPECT_EQ(inserted.varchar_v, values.varchar_v);
  EXPECT_EQ(inserted.varchar_n, "NULL");
  EXPECT_EQ(inserted.char_v, "ab ");
  EXPECT_EQ(inserted.char_n, "xy");
  EXPECT_EQ(inserted.flag, true);
  EXPECT_EQ(inserted.flag_n, false);
  EXPECT_EQ(inserted.bytes, values.bytes);
  EXPECT_EQ(inserted.bytes_n, Bytes{});
  EXPECT_EQ(inserted.uid, values.uid);
  EXPECT_EQ(inserted.uid_n, Uuid{});
  EXPECT_EQ(inserted.day, values.day);
  EXPECT_EQ(inserted.day_n, values.day_n);
  EXPECT_EQ(inserted.local_ts, values.local_ts);
  EXPECT_EQ(inserted.local_ts_n, values.local_ts_n);
  EXPECT_EQ(inserted.ts, values.ts);
  EXPECT_EQ(inserted.ts_n, values.ts_n);
  EXPECT_EQ(inserted.span, values.span);
  EXPECT_EQ(inserted.span_n, Interval{});
  EXPECT_EQ(inserted.doc, values.doc);
  EXPECT_EQ(inserted.doc_n, values.doc_n);
  EXPECT_EQ(inserted.docb, values.docb);
  EXPECT_EQ(inserted.docb_n, values.docb_n);
  EXPECT_EQ(inserted.feeling, mood::in_progress);
  EXPECT_EQ(inserted.feeling_n, mood::class_);
  EXPECT_EQ(inserted.positive, 1);
  EXPECT_EQ(inserted.positive_n, 2147483647);
  EXPECT_EQ(inserted.code, "abc");
  EXPECT_EQ(inserted.created_at, utc(2000, 1, 1, 0, 0, 0, 0));
  EXPECT_EQ(inserted.note, "given");
  EXPECT_EQ(inserted.addr, Inet{"192.168.0.1"});

  // find() reads the same row back.
  EXPECT_EQ(scalars::find(tx, inserted.id), inserted);
  EXPECT_EQ(scalars::find(tx, inserted.id + 1000), std::nullopt);
}

TEST_F(Accessors, StoredValuesAreTheIntendedOnesWhateverTheSessionPrints) {
  pqxx::work tx(connection());
  const auto row = scalars::insert(tx, full_scalars());
  // Compared in SQL, with literals PostgreSQL reads unambiguously: the instants, dates and
  // intervals stored are the ones meant, not shifted by the session's TimeZone or styles.
  const auto check = tx.exec_params(
      "SELECT ts = '2024-02-29 23:59:59.999999+00', ts_n = '1900-01-01 00:00:00.000001+00',"
      " day = '2024-02-29', day_n = '0045-03-15 BC', local_ts = '1999-12-31 23:59:59.999999',"
      " span = make_interval(months => -14, days => 3, secs => -3723.000004),"
      " bytes = '\\x00015c277f80ff'::bytea, uid = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',"
      " exact = 123456789012345678901234567890.12345678901234567890123456789, big = -9223372036854775808,"
      " to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')"
      " FROM public.scalars WHERE id = $1",
      row.id);
  for (int i = 0; i < 10; ++i) EXPECT_TRUE(check[0][i].as<bool>()) << "column " << i;
  EXPECT_EQ(check[0][10].as<std::string>(), "2024-02-29 23:59:59.999999");
}

TEST_F(Accessors, NullsAndDefaults) {
  pqxx::work tx(connection());
  // Every NOT NULL column without a default must be given (strata::Required); the others are
  // left out: NULL, or their defaults.
  const scalars::Insert values{.small = 0, .int_v = 0, .big = 0, .real_v = 0.0f, .double_v = 0.0, .exact = Numeric(),
                               .text_v = "", .varchar_v = "v", .char_v = "c", .flag = false, .bytes = Bytes{},
                               .uid = Uuid{}, .day = year(2024) / 1 / 1, .local_ts = Timestamp{},
                               .ts = utc(2024, 1, 1, 0, 0, 0, 0), .span = Interval{}, .doc = nlohmann::json::object(),
                               .docb = nlohmann::json::object(), .feeling = mood::sad, .positive = 7};
  const auto before = floor<microseconds>(system_clock::now()) - minutes(1);
  const auto row = scalars::insert(tx, values);
  EXPECT_EQ(row.small_n, std::nullopt);
  EXPECT_EQ(row.exact_n, std::nullopt);
  EXPECT_EQ(row.text_n, std::nullopt);
  EXPECT_EQ(row.bytes_n, std::nullopt);
  EXPECT_EQ(row.uid_n, std::nullopt);
  EXPECT_EQ(row.day_n, std::nullopt);
  EXPECT_EQ(row.ts_n, std::nullopt);
  EXPECT_EQ(row.span_n, std::nullopt);
  EXPECT_EQ(row.doc_n, std::nullopt);
  EXPECT_EQ(row.feeling_n, std::nullopt);
  EXPECT_EQ(row.positive_n, std::nullopt);
  EXPECT_EQ(row.addr, std::nullopt);
  EXPECT_EQ(row.feeling, mood::sad);
  EXPECT_EQ(row.code, "none");             // the domain's default
  EXPECT_EQ(row.note, "hello");            // the column's default
  EXPECT_GT(row.created_at, before);       // DEFAULT now()
  EXPECT_EQ(row.local_ts, Timestamp{});    // the epoch
  EXPECT_EQ(row.span, Interval{});
}

TEST_F(Accessors, ExplicitNullForANullableColumnWithADefault) {
  pqxx::work tx(connection());
  auto values = full_scalars();
  values.note = std::optional<std::string>();  // given, and NULL
  EXPECT_EQ(scalars::insert(tx, values).note, std::nullopt);
  values.note = std::nullopt;  // not given: the default
  EXPECT_EQ(scalars::insert(tx, values).note, "hello");
}

TEST_F(Accessors, SpecialFloats) {
  pqxx::work tx(connection());
  auto values = full_scalars();
  values.real_v = std::numeric_limits<float>::infinity();
  values.double_v = std::numeric_limits<double>::quiet_NaN();
  values.double_n = -std::numeric_limits<double>::infinity();
  const auto row = scalars::insert(tx, values);
  EXPECT_EQ(row.real_v, std::numeric_limits<float>::infinity());
  EXPECT_TRUE(std::isnan(row.double_v));
  EXPECT_EQ(row.double_n, -std::numeric_limits<double>::infinity());
}

TEST_F(Accessors, InfiniteTimestamps) {
  pqxx::work tx(connection());
  auto values = full_scalars();
  values.ts = Timestamptz::max();
  values.ts_n = Timestamptz::min();
  values.local_ts = Timestamp::max();
  const auto row = scalars::insert(tx, values);
  EXPECT_EQ(row.ts, Timestamptz::max());
  EXPECT_EQ(row.ts_n, Timestamptz::min());
  EXPECT_EQ(row.local_ts, Timestamp::max());
  EXPECT_TRUE(tx.exec_params("SELECT ts = 'infinity' AND ts_n = '-infinity' FROM public.scalars WHERE id = $1", row.id)[0][0].as<bool>());
}

arrays::Insert full_arrays() {
  return arrays::Insert{
      .ints = std::vector<std::optional<std::int32_t>>{1, std::nullopt, -2147483647 - 1, 0},
      .texts = std::vector<std::optional<std::string>>{"plain", "", "NULL", std::nullopt, "with \"quotes\", {braces}",
                                                             "back\\slash", " spaces ", "tab\tnewline\n", "\xc3\xa9"},
      .bigs = std::vector<std::optional<std::int64_t>>{std::numeric_limits<std::int64_t>::min(), std::nullopt},
      .nums = std::vector<std::optional<Numeric>>{Numeric("1.50"), Numeric("NaN"), std::nullopt, Numeric("-1e-3")},
      .flags = std::vector<std::optional<bool>>{true, false, std::nullopt},
      .uids = std::vector<std::optional<Uuid>>{Uuid::parse("A0EEBC999C0B4EF8BB6D6BB9BD380A11"), std::nullopt},
      .days = std::vector<std::optional<year_month_day>>{year(2024) / 1 / 31, std::nullopt, year(1) / 1 / 1},
      .stamps = std::vector<std::optional<Timestamptz>>{utc(2024, 6, 30, 12, 0, 0, 1), std::nullopt, Timestamptz::max()},
      .local_stamps = std::vector<std::optional<Timestamp>>{local_days(year(2024) / 6 / 30) + microseconds(5), std::nullopt},
      .spans = std::vector<std::optional<Interval>>{Interval{1, 2, 3}, std::nullopt, Interval{0, -1, -1}},
      .blobs = std::vector<std::optional<Bytes>>{bytes({0x00, 0x22, 0x5c}), std::nullopt, Bytes{}},
      .feelings = std::vector<std::optional<mood>>{mood::happy, std::nullopt, mood::in_progress, mood::class_},
      .docs = std::vector<std::optional<nlohmann::json>>{nlohmann::json::parse(R"({"a": "b,c"})"), std::nullopt,
                                                               nlohmann::json("\"}")},
      .doubles = std::vector<std::optional<double>>{0.1, std::nullopt, -0.0, 1e300},
      .positives = std::vector<std::optional<std::int32_t>>{5, std::nullopt},
  };
}

void expect_arrays_equal(const arrays::Row& row, const arrays::Insert& values) {
  EXPECT_EQ(row.ints, values.ints);
  EXPECT_EQ(row.texts, values.texts);
  EXPECT_EQ(row.bigs, values.bigs);
  ASSERT_TRUE(row.nums);
  EXPECT_EQ((*row.nums)[0]->text(), "1.50");
  EXPECT_TRUE((*row.nums)[1]->is_nan());
  EXPECT_EQ((*row.nums)[2], std::nullopt);
  EXPECT_EQ((*row.nums)[3]->text(), "-0.001");
  EXPECT_EQ(row.flags, values.flags);
  EXPECT_EQ(row.uids, values.uids);
  EXPECT_EQ(row.days, values.days);
  EXPECT_EQ(row.stamps, values.stamps);
  EXPECT_EQ(row.local_stamps, values.local_stamps);
  EXPECT_EQ(row.spans, values.spans);
  EXPECT_EQ(row.blobs, values.blobs);
  EXPECT_EQ(row.feelings, values.feelings);
  EXPECT_EQ(row.docs, values.docs);
  EXPECT_EQ(row.doubles, values.doubles);
  EXPECT_EQ(row.positives, values.positives);
}

TEST_F(Accessors, ArraysWithNullElements) {
  pqxx::work tx(connection());
  auto values = full_arrays();
  values.id = 42;  // identity BY DEFAULT: may be given
  const auto row = arrays::insert(tx, values);
  EXPECT_EQ(row.id, 42);
  expect_arrays_equal(row, values);
  expect_arrays_equal(*arrays::find(tx, 42), values);
  EXPECT_EQ(tx.exec("SELECT texts[4] IS NULL AND texts[3] = 'NULL' AND array_length(texts, 1) = 9 FROM public.arrays")[0][0].as<bool>(),
            true);

  // update() writes arrays (and reads them back through the same select list).
  auto changed = *arrays::find(tx, 42);
  changed.ints = {std::nullopt, 9};
  changed.stamps = std::vector<std::optional<Timestamptz>>{Timestamptz::min()};
  changed.spans = std::nullopt;
  const auto updated = arrays::update(tx, changed);
  ASSERT_TRUE(updated);
  EXPECT_EQ(updated->ints, changed.ints);
  EXPECT_EQ(updated->stamps, changed.stamps);
  EXPECT_EQ(updated->spans, std::nullopt);
  EXPECT_EQ(updated->texts, values.texts);

  // Empty arrays and NULL arrays.
  const arrays::Insert empty{.ints = std::vector<std::optional<std::int32_t>>{},
                             .texts = std::vector<std::optional<std::string>>{}};
  const auto empty_row = arrays::insert(tx, empty);
  EXPECT_EQ(empty_row.ints, (std::vector<std::optional<std::int32_t>>{}));
  EXPECT_EQ(empty_row.texts, (std::vector<std::optional<std::string>>{}));
  EXPECT_EQ(empty_row.stamps, std::nullopt);
  EXPECT_EQ(empty_row.days, std::nullopt);
  EXPECT_NE(empty_row.id, 42);
}

TEST_F(Accessors, EnumLabels) {
  for (const auto value : {mood::sad, mood::ok, mood::happy, mood::in_progress, mood::class_}) {
    EXPECT_EQ(mood_from_string(to_string(value)), value);
  }
  EXPECT_EQ(to_string(mood::in_progress), "in progress");
  EXPECT_EQ(to_string(mood::class_), "class");
  EXPECT_THROW(mood_from_string("nope"), std::invalid_argument);
}

TEST_F(Accessors, DomainChecksAreTheDatabases) {
  pqxx::work tx(connection());
  auto values = full_scalars();
  values.positive = 0;
  EXPECT_THROW(scalars::insert(tx, values), pqxx::check_violation);
}

TEST_F(Accessors, IdentityGeneratedUniqueKeysUpdateRemove) {
  pqxx::work tx(connection());
  auto ada = accounts::insert(tx, {.email = "ada@example.com", .name = "Ada", .tenant = 1, .handle = "ada"});
  const auto bob = accounts::insert(tx, {.email = "bob@example.com", .name = "Bob", .tenant = 1, .handle = "bob"});
  EXPECT_EQ(ada.name_lower, "ada");  // GENERATED ALWAYS AS (lower(name)) STORED
  EXPECT_EQ(bob.id, ada.id + 1);     // GENERATED ALWAYS AS IDENTITY

  EXPECT_EQ(accounts::find(tx, ada.id), ada);
  EXPECT_EQ(accounts::find_by_email(tx, "bob@example.com"), bob);
  EXPECT_EQ(accounts::find_by_name(tx, "Ada"), ada);  // a unique index
  EXPECT_EQ(accounts::find_by_tenant_and_handle(tx, 1, "bob"), bob);
  EXPECT_EQ(accounts::find_by_tenant_and_handle(tx, 2, "bob"), std::nullopt);
  EXPECT_EQ(accounts::list_all(tx), (std::vector<accounts::Row>{ada, bob}));

  ada.name = "ADA Lovelace";
  ada.name_lower = "ignored: generated";
  const auto updated = accounts::update(tx, ada);
  ASSERT_TRUE(updated);
  EXPECT_EQ(updated->name, "ADA Lovelace");
  EXPECT_EQ(updated->name_lower, "ada lovelace");
  EXPECT_EQ(accounts::find(tx, ada.id), updated);
  auto missing = ada;
  missing.id = -1;
  EXPECT_EQ(accounts::update(tx, missing), std::nullopt);

  EXPECT_TRUE(accounts::remove(tx, bob.id));
  EXPECT_FALSE(accounts::remove(tx, bob.id));
  EXPECT_EQ(accounts::find(tx, bob.id), std::nullopt);
}

// The accessors prepare each statement once per connection (named after its text); the plans
// follow schema changes the statement survives (PostgreSQL replans), and the unprepared mode,
// for poolers without prepared statements, leaves none behind.
TEST_F(Accessors, StatementsArePreparedOncePerConnectionUnlessTurnedOff) {
  const auto prepared_count = [&] {
    return pqxx::nontransaction(connection()).exec1("SELECT count(*) FROM pg_prepared_statements WHERE name LIKE 'strata\\_%'")[0].as<int>();
  };
  ASSERT_EQ(strata::accessors::statement_mode(), strata::accessors::StatementMode::prepared);
  ASSERT_EQ(prepared_count(), 0);
  std::int64_t id = 0;
  {
    pqxx::work tx(connection());
    id = accounts::insert(tx, {.email = "ada@example.com", .name = "Ada", .tenant = 1, .handle = "ada"}).id;
    for (int i = 0; i < 3; ++i) EXPECT_TRUE(accounts::find(tx, id));
    tx.commit();
  }
  EXPECT_EQ(prepared_count(), 2);  // the insert and find, each once
  // Named after the statement's text.
  const auto find_statement = pqxx::nontransaction(connection()).exec1(
      "SELECT name, statement FROM pg_prepared_statements WHERE statement LIKE 'SELECT%'");
  EXPECT_EQ(find_statement[0].as<std::string>(), strata::accessors::prepared_statement_name(find_statement[1].as<std::string>()));

  // A column added and an index dropped under the prepared statement: PostgreSQL replans it.
  pqxx::nontransaction(connection()).exec("ALTER TABLE public.accounts ADD COLUMN extra int");
  {
    pqxx::work tx(connection());
    EXPECT_EQ(accounts::find(tx, id)->name, "Ada");
  }
  // A statement prepared in a transaction that rolls back stays prepared (not transactional).
  {
    pqxx::work tx(connection());
    EXPECT_EQ(accounts::find_by_email(tx, "ada@example.com")->id, id);
  }
  EXPECT_EQ(prepared_count(), 3);
  {
    pqxx::work tx(connection());
    EXPECT_EQ(accounts::find_by_email(tx, "ada@example.com")->id, id);
  }

  strata::accessors::set_statement_mode(strata::accessors::StatementMode::unprepared);
  {
    pqxx::work tx(connection());
    EXPECT_EQ(accounts::find_by_tenant_and_handle(tx, 1, "ada")->id, id);
    EXPECT_EQ(accounts::list_all(tx).size(), 1u);
  }
  strata::accessors::set_statement_mode(strata::accessors::StatementMode::prepared);
  EXPECT_EQ(prepared_count(), 3);
}

// Keyset pages: in primary key order, `limit` rows at a time, each page after the last row of the
// one before; a composite key pages on all of its columns, within a foreign key's rows too.
TEST_F(Accessors, PagesFollowThePrimaryKey) {
  pqxx::work tx(connection());
  std::vector<accounts::Row> all;
  for (int i = 0; i < 7; ++i) {
    const std::string n = std::to_string(i);
    all.push_back(accounts::insert(tx, {.email = n + "@example.com", .name = "user " + n, .tenant = 2, .handle = "h" + n}));
  }
  std::vector<accounts::Row> paged;
  int pages = 0;
  for (auto page = accounts::list_page(tx, 3); !page.empty(); page = accounts::list_page(tx, 3, &page.back())) {
    EXPECT_LE(page.size(), 3u);
    paged.insert(paged.end(), page.begin(), page.end());
    ++pages;
  }
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(paged, all);
  EXPECT_TRUE(accounts::list_page(tx, 0).empty());

  for (const char* project : {"p5", "p1", "p4", "p2", "p3"}) memberships::insert(tx, {.account_id = all[0].id, .project = project});
  memberships::insert(tx, {.account_id = all[1].id, .project = "p0"});
  const auto first = memberships::list_by_account_id_page(tx, all[0].id, 2);
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0].project, "p1");
  EXPECT_EQ(first[1].project, "p2");
  const auto second = memberships::list_by_account_id_page(tx, all[0].id, 2, &first.back());
  ASSERT_EQ(second.size(), 2u);
  EXPECT_EQ(second[0].project, "p3");
  const auto third = memberships::list_by_account_id_page(tx, all[0].id, 2, &second.back());
  ASSERT_EQ(third.size(), 1u);
  EXPECT_EQ(third[0].project, "p5");
  EXPECT_TRUE(memberships::list_by_account_id_page(tx, all[0].id, 2, &third.back()).empty());
  // Across the composite key: after (ada, p5) comes (bob, p0).
  const auto across = memberships::list_page(tx, 5, &third.back());
  ASSERT_EQ(across.size(), 1u);
  EXPECT_EQ(across[0].account_id, all[1].id);
}

TEST_F(Accessors, CompositeKeysAndForeignKeyLists) {
  pqxx::work tx(connection());
  const auto ada = accounts::insert(tx, {.email = "ada@example.com", .name = "Ada", .tenant = 1, .handle = "ada"});
  const auto bob = accounts::insert(tx, {.email = "bob@example.com", .name = "Bob", .tenant = 1, .handle = "bob"});
  const auto m1 = memberships::insert(tx, {.account_id = ada.id, .project = "zeta", .role = std::nullopt, .since = std::nullopt});
  const auto m2 = memberships::insert(tx, {.account_id = ada.id, .project = "alpha", .role = mood::happy,
                                           .since = year(2020) / 5 / 1});
  const auto m3 = memberships::insert(tx, {.account_id = bob.id, .project = "alpha"});
  EXPECT_EQ(m1.role, mood::ok);  // the column default
  EXPECT_EQ(m2.role, mood::happy);

  EXPECT_EQ(memberships::find(tx, ada.id, "alpha"), m2);
  EXPECT_EQ(memberships::find(tx, bob.id, "zeta"), std::nullopt);
  // In primary key order: (account_id, project).
  EXPECT_EQ(memberships::list_by_account_id(tx, ada.id), (std::vector<memberships::Row>{m2, m1}));
  EXPECT_EQ(memberships::list_by_account_id(tx, bob.id), (std::vector<memberships::Row>{m3}));

  auto changed = m1;
  changed.role = mood::sad;
  changed.since = year(2021) / 1 / 1;
  EXPECT_EQ(memberships::update(tx, changed), changed);

  const auto order = orders::insert(tx, {.account_id = ada.id, .project = "alpha", .total = Numeric("19.99")});
  EXPECT_FALSE(order.id.is_nil());  // DEFAULT gen_random_uuid()
  EXPECT_EQ(order.total, Numeric("19.990"));
  EXPECT_EQ(orders::list_by_account_id_and_project(tx, ada.id, "alpha"), (std::vector<orders::Row>{order}));
  EXPECT_TRUE(orders::list_by_account_id_and_project(tx, ada.id, "zeta").empty());

  const auto event = audit::events::insert(tx, {.account_id = bob.id, .payload = nlohmann::json{{"k", 1}}});
  EXPECT_EQ(audit::events::list_by_account_id(tx, bob.id), (std::vector<audit::events::Row>{event}));
  EXPECT_TRUE(memberships::remove(tx, ada.id, "zeta"));
  EXPECT_FALSE(memberships::remove(tx, ada.id, "zeta"));
}

TEST_F(Accessors, ViewRows) {
  pqxx::work tx(connection());
  const auto ada = accounts::insert(tx, {.email = "ada@example.com", .name = "Ada", .tenant = 1, .handle = "ada"});
  memberships::insert(tx, {.account_id = ada.id, .project = "p1"});
  memberships::insert(tx, {.account_id = ada.id, .project = "p2"});
  const auto rows = account_summary::list_all(tx);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].id, ada.id);
  EXPECT_EQ(rows[0].email, "ada@example.com");
  EXPECT_EQ(rows[0].projects, 2);
}

TEST_F(Accessors, KeywordsSpacesQuotesAndCollisions) {
  pqxx::work tx(connection());
  class_::Insert values{.default_ = 7};
  values.namespace_ = "ns";
  values.my_column = "mine";
  values.it_s_quoted_ = "q";
  values.Upper = "U";
  values._1st = 1;
  values.Row_2 = "row";
  values.std_2 = "std";
  values.a_b_2 = "a b";
  values.a_b = "a_b";
  const auto row = class_::insert(tx, values);
  EXPECT_EQ(row.default_, 7);
  EXPECT_EQ(class_::find(tx, 7), row);
  const auto check = tx.exec(
      "SELECT \"namespace\", \"my column\", \"it's \"\"quoted\"\"\", \"Upper\", \"1st\", \"Row\", std, \"a b\", a_b"
      " FROM public.\"class\" WHERE \"default\" = 7");
  EXPECT_EQ(check[0][0].as<std::string>(), "ns");
  EXPECT_EQ(check[0][2].as<std::string>(), "q");
  EXPECT_EQ(check[0][7].as<std::string>(), "a b");
  EXPECT_EQ(check[0][8].as<std::string>(), "a_b");
  EXPECT_TRUE(class_::remove(tx, 7));

  // A table whose name has a space.
  const auto item = line_items::insert(tx, {.item_id = 1, .unit_price = Numeric("9.50")});
  EXPECT_EQ(item.Quantity, 1);
  EXPECT_EQ(line_items::find(tx, 1), item);
  EXPECT_STREQ(line_items::sql_name, "public.\"line items\"");
}

TEST_F(Accessors, BulkInsertWithCopy) {
  pqxx::work tx(connection());
  std::vector<scalars::Insert> rows;
  for (int i = 0; i < 5; ++i) {
    auto values = full_scalars();
    values.int_v = i;
    values.text_v = "row " + std::to_string(i) + "\twith tab\\ and \\N";
    if (i == 2) values.note = std::nullopt;                         // a run leaving note to its default
    if (i == 3) values.note = std::optional<std::string>();         // explicit NULL
    if (i == 4) {
      values.created_at = std::nullopt;
      values.code = std::nullopt;
    }
    values.text_n = i % 2 ? std::optional<std::string>() : std::optional<std::string>("\\N");
    rows.push_back(values);
  }
  scalars::insert_many(tx, rows);
  const auto stored = scalars::list_all(tx);
  ASSERT_EQ(stored.size(), 5u);
  for (int i = 0; i < 5; ++i) {
    const auto& row = stored[static_cast<std::size_t>(i)];
    EXPECT_EQ(row.int_v, i);
    EXPECT_EQ(row.text_v, rows[static_cast<std::size_t>(i)].text_v);
    EXPECT_EQ(row.text_n, rows[static_cast<std::size_t>(i)].text_n);
    EXPECT_EQ(row.big, std::numeric_limits<std::int64_t>::min());
    EXPECT_EQ(row.exact, full_scalars().exact);
    EXPECT_EQ(row.ts, utc(2024, 2, 29, 23, 59, 59, 999999));
    EXPECT_EQ(row.span, (Interval{-14, 3, -3723000004}));
    EXPECT_EQ(row.bytes, full_scalars().bytes);
    EXPECT_EQ(row.docb, full_scalars().docb);
    EXPECT_EQ(row.addr, Inet{"192.168.0.1"});
  }
  EXPECT_EQ(stored[1].note, "given");
  EXPECT_EQ(stored[2].note, "hello");
  EXPECT_EQ(stored[3].note, std::nullopt);
  EXPECT_EQ(stored[4].code, "none");

  std::vector<arrays::Insert> array_rows = {
      full_arrays(), arrays::Insert{.ints = std::vector<std::optional<std::int32_t>>{}}, full_arrays()};
  arrays::insert_many(tx, array_rows);
  const auto stored_arrays = arrays::list_all(tx);
  ASSERT_EQ(stored_arrays.size(), 3u);
  expect_arrays_equal(stored_arrays[0], array_rows[0]);
  expect_arrays_equal(stored_arrays[2], array_rows[2]);
  EXPECT_EQ(stored_arrays[1].texts, std::nullopt);

  // A table where a row may give no column at all: INSERT ... DEFAULT VALUES.
  ticks::insert_many(tx, {ticks::Insert{}, ticks::Insert{}, ticks::Insert{.at = utc(2001, 1, 1, 0, 0, 0, 0)}});
  const auto ticks_rows = ticks::list_all(tx);
  ASSERT_EQ(ticks_rows.size(), 3u);
  EXPECT_EQ(ticks_rows[2].at, utc(2001, 1, 1, 0, 0, 0, 0));
  EXPECT_NE(ticks::insert(tx, {}).id, 0);
}

TEST_F(Accessors, BulkInsertErrorsSurface) {
  pqxx::work tx(connection());
  auto values = full_scalars();
  values.positive = -1;  // the domain's CHECK fails inside COPY
  EXPECT_THROW(scalars::insert_many(tx, {full_scalars(), values}), pqxx::sql_error);
}

TEST_F(Accessors, EmbeddedMigrationsAreTheFiles) {
  EXPECT_EQ(schema_version(), "20240102000000");
  const auto embedded = migrations();
  const auto files = strata::migrations::read_directory(STRATA_SOURCE_DIR "/tests/accessors/migrations");
  ASSERT_EQ(embedded.size(), files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    EXPECT_EQ(embedded[i].version, files[i].version);
    EXPECT_EQ(embedded[i].slug, files[i].slug);
    EXPECT_EQ(embedded[i].up.sql, files[i].up.sql);
    EXPECT_EQ(embedded[i].up.path.filename(), files[i].up.path.filename());
    ASSERT_TRUE(embedded[i].down);
    EXPECT_EQ(embedded[i].down->sql, files[i].down->sql);
    EXPECT_EQ(embedded[i].up.pragmas.no_transaction, files[i].up.pragmas.no_transaction);
  }
}

// The runner's history table (strata/runner.h), as far as require_current() reads it.
void create_history(pqxx::connection& connection, const std::vector<std::string>& versions,
                    std::optional<int> last_statements_done = std::nullopt) {
  pqxx::work work(connection);
  work.exec("CREATE SCHEMA IF NOT EXISTS strata; CREATE TABLE IF NOT EXISTS strata.migrations (version text PRIMARY KEY,"
            " name text NOT NULL, checksum text NOT NULL DEFAULT '', statements_done int)");
  for (std::size_t i = 0; i < versions.size(); ++i) {
    const bool last = i + 1 == versions.size();
    work.exec_params("INSERT INTO strata.migrations (version, name, statements_done) VALUES ($1, $1, $2)", versions[i],
                     last && last_statements_done ? pqxx::to_string(*last_statements_done).c_str() : nullptr);
  }
  work.commit();
}

TEST_F(Accessors, RequireCurrent) {
  // No history table at all: every migration is missing.
  try {
    require_current(database_.connection_string());
    FAIL() << "expected SchemaBehindError";
  } catch (const strata::schema_version::SchemaBehindError& error) {
    EXPECT_EQ(error.details(), (std::vector<std::string>{"20240101000000_initial", "20240102000000_add_orders"}));
  }

  // Behind by one: the error names it and says what to run.
  create_history(connection(), {"20240101000000"});
  try {
    require_current(database_.connection_string());
    FAIL() << "expected SchemaBehindError";
  } catch (const strata::schema_version::SchemaBehindError& error) {
    const std::string message = error.what();
    EXPECT_EQ(error.details(), (std::vector<std::string>{"20240102000000_add_orders"}));
    EXPECT_NE(message.find("20240102000000_add_orders"), std::string::npos) << message;
    EXPECT_NE(message.find("strata migrate"), std::string::npos) << message;
    EXPECT_NE(message.find("1 of 2 migrations"), std::string::npos) << message;
  }
  EXPECT_THROW(require_current(connection()), strata::schema_version::SchemaBehindError);

  // A no-transaction migration that stopped part-way is not applied.
  create_history(connection(), {"20240102000000"}, 3);
  EXPECT_THROW(require_current(connection()), strata::schema_version::SchemaBehindError);

  // Current (and a newer migration the program does not know is fine).
  {
    pqxx::work work(connection());
    work.exec("UPDATE strata.migrations SET statements_done = NULL");
    work.commit();
  }
  create_history(connection(), {"20990101000000"});
  EXPECT_NO_THROW(require_current(database_.connection_string()));
  EXPECT_NO_THROW(require_current(connection()));
}

TEST_F(Accessors, RequireCurrentReportsAnUnreachableDatabaseWithoutItsPassword) {
  try {
    require_current("postgresql://someone:secret@127.0.0.1:1/nowhere?connect_timeout=2");
    FAIL() << "expected an error";
  } catch (const strata::schema_version::SchemaBehindError&) {
    FAIL() << "an unreachable database is not a schema behind";
  } catch (const std::exception& error) {
    const std::string message = error.what();
    EXPECT_EQ(message.find("secret"), std::string::npos) << message;
    EXPECT_NE(message.find("cannot check the schema version"), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace strata_test::db
