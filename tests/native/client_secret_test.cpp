#include "setupflow/client_secret.hpp"

#include <gtest/gtest.h>

#include <string>

namespace setupflow {
namespace {

struct GoodSecret {
  const char* text;
  IntentKind kind;
  const char* id;
};

TEST(ClientSecret, ParsesWellFormedSecrets) {
  const GoodSecret cases[] = {
      {"seti_1NxYz2AbC_secret_Q9rTuV", IntentKind::setup, "seti_1NxYz2AbC"},
      {"pi_3Abc_secret_xyz123", IntentKind::payment, "pi_3Abc"},
      {"seti_1_secret_x", IntentKind::setup, "seti_1"},
      {"pi_Z_secret_0", IntentKind::payment, "pi_Z"},
      // The separator is the first "_secret_" after the prefix.
      {"pi_secret_secret_D", IntentKind::payment, "pi_secret"},
      {"seti_secret_secret_secret", IntentKind::setup, "seti_secret"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    auto r = parse_client_secret(c.text);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->kind, c.kind);
    EXPECT_EQ(r->intent_id, c.id);
    EXPECT_EQ(r->value, c.text);
  }
}

TEST(ClientSecret, RefusesMalformedSecretsWithoutEchoingThem) {
  const std::string too_long = "seti_1_secret_" + std::string(255 - 14 + 1, 'a');
  const std::string cases[] = {
      "",
      "seti_abc",                // no _secret_
      "cus_123_secret_abc",      // wrong id prefix
      "seti__secret_abc",        // empty id body
      "seti_secret_abc",         // id is just "seti"
      "pi__secret_abc",          //
      "seti_abc_secret_",        // empty random part
      "seti_a-b_secret_abc",     // punctuation in the id
      "seti_ab_secret_a_b",      // underscore in the random part
      "seti_ab_secret_abc def",  // space
      "seti_ab_secret_abc\n",    // control char
      "SETI_ab_secret_abc",      // prefixes are case-sensitive
      "seti_é_secret_abc",       // non-ASCII
      std::string("seti_a\0b_secret_c", 17),
      " seti_ab_secret_abc",
      too_long,
  };
  for (const auto& text : cases) {
    SCOPED_TRACE(text);
    auto r = parse_client_secret(text);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().type, ErrorType::integration_error);
    EXPECT_EQ(r.error().param, "client_secret");
    EXPECT_FALSE(r.error().message.empty());
    if (text.size() > 4) {
      EXPECT_EQ(r.error().message.find(text), std::string::npos);
      // Not even the random part.
      const size_t m = text.find("_secret_");
      if (m != std::string::npos && text.size() > m + 8 + 2) {
        EXPECT_EQ(r.error().message.find(text.substr(m + 8)), std::string::npos);
      }
    }
  }
}

TEST(ClientSecret, LengthLimitIs255Bytes) {
  std::string at_limit = "pi_1_secret_" + std::string(255 - 12, 'z');
  ASSERT_EQ(at_limit.size(), 255u);
  EXPECT_TRUE(parse_client_secret(at_limit).ok());
  EXPECT_FALSE(parse_client_secret(at_limit + "z").ok());
}

TEST(ClientSecret, KindMismatchNamesBothKinds) {
  auto r = parse_client_secret_of_kind("seti_1abc_secret_SuperSecret9", IntentKind::payment);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().type, ErrorType::integration_error);
  EXPECT_EQ(r.error().param, "client_secret");
  EXPECT_NE(r.error().message.find("PaymentIntent"), std::string::npos);
  EXPECT_NE(r.error().message.find("SetupIntent"), std::string::npos);
  EXPECT_NE(r.error().message.find("pi_"), std::string::npos);
  EXPECT_EQ(r.error().message.find("SuperSecret9"), std::string::npos);
  EXPECT_EQ(r.error().message.find("seti_1abc"), std::string::npos);

  auto r2 = parse_client_secret_of_kind("pi_9_secret_Hidden1", IntentKind::setup);
  ASSERT_FALSE(r2.ok());
  // Expected kind first, given kind second.
  const auto& m = r2.error().message;
  ASSERT_NE(m.find("SetupIntent"), std::string::npos);
  ASSERT_NE(m.find("PaymentIntent"), std::string::npos);
  EXPECT_LT(m.find("SetupIntent"), m.find("PaymentIntent"));
  EXPECT_EQ(m.find("Hidden1"), std::string::npos);
}

TEST(ClientSecret, MatchingKindPasses) {
  auto s = parse_client_secret_of_kind("seti_1_secret_a", IntentKind::setup);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->intent_id, "seti_1");
  auto p = parse_client_secret_of_kind("pi_1_secret_a", IntentKind::payment);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->kind, IntentKind::payment);
}

TEST(ClientSecret, OfKindStillRejectsMalformed) {
  auto r = parse_client_secret_of_kind("seti_1_secret_", IntentKind::setup);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().param, "client_secret");
}

TEST(ClientSecret, IntentKindNames) {
  EXPECT_EQ(to_string(IntentKind::setup), "setup_intent");
  EXPECT_EQ(to_string(IntentKind::payment), "payment_intent");
}

TEST(Keys, Classify) {
  const struct {
    const char* key;
    KeyKind kind;
  } cases[] = {
      {"pk_test_abc", KeyKind::publishable},
      {"pk_live_abc", KeyKind::publishable},
      {"sk_test_abc", KeyKind::secret},
      {"sk_live_abc", KeyKind::secret},
      {"rk_test_abc", KeyKind::restricted},
      {"rk_live_abc", KeyKind::restricted},
      {"pk_abc", KeyKind::unknown},
      {"pk_prod_abc", KeyKind::unknown},
      {"", KeyKind::unknown},
      {"whsec_abc", KeyKind::unknown},
      {"PK_TEST_abc", KeyKind::unknown},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.key);
    EXPECT_EQ(classify_key(c.key), c.kind);
  }
}

TEST(Keys, AcceptsOnlyWellFormedPublishableKeys) {
  EXPECT_TRUE(validate_publishable_key("pk_test_51AbcDEF123").ok());
  EXPECT_TRUE(validate_publishable_key("pk_live_X").ok());
  const char* bad[] = {
      "",       "pk_test_", "pk_live_", "pk_test_abc def", "pk_test_a_b", "pk_test_abc\n",
      "pk_abc", "hello"};
  for (const char* k : bad) {
    SCOPED_TRACE(k);
    auto s = validate_publishable_key(k);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().type, ErrorType::integration_error);
    EXPECT_EQ(s.error().code, "invalid_publishable_key");
  }
}

TEST(Keys, RefusesSecretAndRestrictedKeysWithoutEchoing) {
  const char* keys[] = {"sk_test_TopSecretValue123", "sk_live_TopSecretValue123",
                        "rk_live_TopSecretValue123"};
  for (const char* k : keys) {
    SCOPED_TRACE(k);
    auto s = validate_publishable_key(k);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().type, ErrorType::integration_error);
    EXPECT_EQ(s.error().code, "secret_key_in_browser");
    EXPECT_NE(s.error().message.find("never"), std::string::npos);
    EXPECT_NE(s.error().message.find("browser"), std::string::npos);
    EXPECT_EQ(s.error().message.find("TopSecretValue123"), std::string::npos);
  }
}

}  // namespace
}  // namespace setupflow
