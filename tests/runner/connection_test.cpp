// Connection failures are clean RunnerErrors, and a password never appears in a message.
#include <cctype>
#include <fstream>
#include <thread>
#include <sstream>

#include "runner_fixture.h"

namespace strata::runner {
namespace {

using namespace testing_support;

std::string percent_encode(const std::string& value) {
  static const char* hex = "0123456789ABCDEF";
  std::string encoded;
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += hex[c >> 4];
      encoded += hex[c & 15];
    }
  }
  return encoded;
}

// The error a call gives, or "" when it does not throw a RunnerError.
template <typename Call>
std::string runner_error(Call call) {
  try {
    call();
  } catch (const RunnerError& error) {
    return error.what();
  }
  return "";
}

class Connections : public RunnerTest {
 protected:
  std::string socket_url(const std::string& userinfo) const {
    const auto& cluster = strata::testing::shared_cluster();
    return "postgresql://" + userinfo + "@/" + db_.name() + "?host=" + percent_encode(cluster.socket_dir().string()) +
           "&port=" + std::to_string(cluster.port()) + "&sslmode=disable";
  }
};

TEST_F(Connections, UnreachableServerIsACleanErrorWithoutThePassword) {
  add(1, "a", "CREATE TABLE a (id int);\n");
  const std::string url = "postgresql://someone:Hunter2-Secret@/nodb?host=/nonexistent-socket-dir&port=1";
  const std::string error = runner_error([&] { migrate(url, files(), quick()); });
  ASSERT_FALSE(error.empty());
  EXPECT_EQ(error.find("Hunter2-Secret"), std::string::npos) << error;
  EXPECT_NE(error.find("postgresql://someone:****@/nodb"), std::string::npos) << error;
  EXPECT_NE(error.find("cannot connect"), std::string::npos) << error;
  for (const auto& message : {runner_error([&] { status(url, files()); }), runner_error([&] { read_history(url); }),
                              runner_error([&] { count_rows(url); }), runner_error([&] { repair(url, files()); })}) {
    EXPECT_FALSE(message.empty());
    EXPECT_EQ(message.find("Hunter2-Secret"), std::string::npos) << message;
  }
}

TEST_F(Connections, MalformedUrlsAreCleanErrorsWithoutThePassword) {
  for (const std::string url : {"postgresql://u:Pa%zzSecretWord@host/db", "postgresql://u:SecretWord9@host:notaport/db",
                                "postgresql://u@host/db?password=SecretWord9&bogus_option=1",
                                "host=/nonexistent password='SecretWord9' dbname"}) {
    const std::string error = runner_error([&] { migrate(url, files(), quick()); });
    ASSERT_FALSE(error.empty()) << url;
    EXPECT_EQ(error.find("SecretWord"), std::string::npos) << error;
  }
  EXPECT_FALSE(runner_error([&] { migrate("", files(), quick()); }).empty());
}

TEST_F(Connections, WrongPasswordIsRefusedAndNeverPrinted) {
  // A role that must authenticate with SCRAM: prepend its pg_hba.conf line before the trust lines.
  strata::testing::exec(url(), "CREATE ROLE runner_pw LOGIN PASSWORD 'Correct-Horse-42'");
  const std::string hba_file = scalar("SHOW hba_file");
  std::stringstream original;
  original << std::ifstream(hba_file).rdbuf();
  std::ofstream(hba_file) << "local all runner_pw scram-sha-256\n" << original.str();
  ASSERT_EQ(scalar("SELECT pg_reload_conf()"), "t");
  ASSERT_EQ(scalar("SELECT count(*) FROM pg_hba_file_rules WHERE 'runner_pw' = ANY (user_name)"), "1");

  // pg_reload_conf() only signals the postmaster: wait until new connections see the new rules.
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (runner_error([&] { read_history(socket_url("runner_pw:Wrong-Battery-17")); }).empty() &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(10ms);
  }
  // The right password works (so the wrong one below fails for the right reason) ...
  EXPECT_NO_THROW(read_history(socket_url("runner_pw:Correct-Horse-42")));
  // ... and the wrong one is refused without being printed, in a URL and in key=value form.
  const std::string wrong = runner_error([&] { read_history(socket_url("runner_pw:Wrong-Battery-17")); });
  EXPECT_NE(wrong.find("password authentication failed"), std::string::npos) << wrong;
  EXPECT_EQ(wrong.find("Wrong-Battery-17"), std::string::npos) << wrong;
  EXPECT_NE(wrong.find("runner_pw:****@"), std::string::npos) << wrong;

  const auto& cluster = strata::testing::shared_cluster();
  const std::string keyword_value = "host=" + cluster.socket_dir().string() + " port=" + std::to_string(cluster.port()) +
                                    " dbname=" + db_.name() + " user=runner_pw password='Wrong-Battery-17'";
  add(1, "a", "CREATE TABLE a (id int);\n");
  const std::string from_migrate = runner_error([&] { migrate(keyword_value, files(), quick()); });
  EXPECT_NE(from_migrate.find("password authentication failed"), std::string::npos) << from_migrate;
  EXPECT_EQ(from_migrate.find("Wrong-Battery-17"), std::string::npos) << from_migrate;
  EXPECT_FALSE(table_exists("a"));

  std::ofstream(hba_file) << original.str();
  strata::testing::exec(url(), "SELECT pg_reload_conf()");
}

}  // namespace
}  // namespace strata::runner
