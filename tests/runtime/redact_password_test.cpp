#include <gtest/gtest.h>

#include "strata/connection.h"

namespace strata::runtime {
namespace {

TEST(RedactPassword, UrlUserinfo) {
  EXPECT_EQ(redact_password("postgresql://user:secret@host/db"), "postgresql://user:****@host/db");
  EXPECT_EQ(redact_password("postgres://user:secret@host:5432,other:5433/db?sslmode=require"),
            "postgres://user:****@host:5432,other:5433/db?sslmode=require");
  EXPECT_EQ(redact_password("postgresql://user:p@ss@host/db"), "postgresql://user:****@host/db");
}

TEST(RedactPassword, UrlWithoutPasswordUnchanged) {
  EXPECT_EQ(redact_password("postgresql://user@host/db"), "postgresql://user@host/db");
  EXPECT_EQ(redact_password("postgresql://host:5432/db"), "postgresql://host:5432/db");
  EXPECT_EQ(redact_password("postgresql:///db?host=/tmp/x"), "postgresql:///db?host=/tmp/x");
}

TEST(RedactPassword, UrlQueryParameters) {
  EXPECT_EQ(redact_password("postgresql://host/db?user=u&password=secret&sslmode=disable"),
            "postgresql://host/db?user=u&password=****&sslmode=disable");
  EXPECT_EQ(redact_password("postgresql://host/db?password=secret"), "postgresql://host/db?password=****");
  EXPECT_EQ(redact_password("postgresql://host/db?sslpassword=secret&passwordless=x"),
            "postgresql://host/db?sslpassword=****&passwordless=x");
}

TEST(RedactPassword, KeywordValue) {
  EXPECT_EQ(redact_password("host=h password=secret dbname=d"), "host=h password=**** dbname=d");
  EXPECT_EQ(redact_password("host=h password='se cret' dbname=d"), "host=h password=**** dbname=d");
  EXPECT_EQ(redact_password("password = 'it\\'s' user=u"), "password = **** user=u");
  EXPECT_EQ(redact_password("user=u password=secret"), "user=u password=****");
}

TEST(RedactPassword, KeywordValueWithoutSecretUnchanged) {
  EXPECT_EQ(redact_password("host=/tmp/x user=u password='' dbname=d"),
            "host=/tmp/x user=u password='' dbname=d");
  EXPECT_EQ(redact_password("host=h passfile=/p dbname='my db'"), "host=h passfile=/p dbname='my db'");
  EXPECT_EQ(redact_password(""), "");
}

}  // namespace
}  // namespace strata::runtime
