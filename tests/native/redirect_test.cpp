#include "setupflow/redirect.hpp"

#include <gtest/gtest.h>

#include <string>

namespace setupflow {
namespace {

TEST(ReturnUrl, Accepts) {
  const char* good[] = {
      "https://shop.example/return",  "https://shop.example/return?order=42#/done",
      "HTTPS://SHOP.EXAMPLE",         "https://shop.example:8443/x",
      "http://localhost:3000/return", "http://app.localhost/return",
      "http://127.0.0.1:8080/",       "http://127.3.4.5/",
      "http://[::1]:5173/",           "https://203.0.113.7/",
      "HTTP://LocalHost:3000/",
  };
  for (const char* u : good) {
    SCOPED_TRACE(u);
    auto s = validate_return_url(u);
    EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
  }
}

TEST(ReturnUrl, RefusesWithReasonAndParam) {
  const struct {
    std::string url;
    const char* reason;  // a word the message must contain
  } cases[] = {
      {"", "Missing"},
      {"javascript:alert(1)", "javascript"},
      {"JavaScript:alert(1)", "javascript"},
      {"data:text/html,<script>alert(1)</script>", "data"},
      {"vbscript:msgbox(1)", "vbscript"},
      {"file:///etc/passwd", "file"},
      {"ftp://shop.example/", "https"},
      {"/return", "relative"},
      {"return", "relative"},
      {"//shop.example/return", "relative"},
      {"https://user:pw@shop.example/", "credentials"},
      {"https://user@shop.example/", "credentials"},
      {"http://shop.example/return", "https"},
      {"HTTP://SHOP.EXAMPLE/return", "https"},
      {"http://192.168.1.10/", "https"},
      {"http://localhost.evil.example/", "https"},
      {"https:///path", "host"},
      {"https://shop.example/ return", "space"},
      {"https://shop.example/\nreturn", "control"},
      {"https://shop.example/" + std::string(2048, 'a'), "2048"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.url.substr(0, 80));
    auto s = validate_return_url(c.url);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().type, ErrorType::integration_error);
    EXPECT_EQ(s.error().param, "return_url");
    EXPECT_NE(s.error().message.find(c.reason), std::string::npos) << s.error().message;
  }
}

TEST(ReturnUrl, ExactMessages) {
  const struct {
    const char* url;
    const char* message;
  } cases[] = {
      {"https://shop.example\\x", "Invalid return_url: The URL contains a backslash."},
      {"https://[::1/", "Invalid return_url: The URL has an unclosed '[' host."},
      {"DATA:text/plain,x", "return_url must be an https URL; the data: scheme is not allowed."},
      {"blob:https://shop.example/1",
       "return_url must be an https URL; the blob: scheme is not allowed."},
      {"ftp://shop.example/", "return_url must be an https URL."},
      {"http://shop.example/",
       "return_url must use https; plain http is allowed only for localhost and 127.0.0.1."},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.url);
    auto s = validate_return_url(c.url);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code, "invalid_return_url");
    EXPECT_EQ(s.error().message, c.message);
  }
}

TEST(ReturnUrl, LengthLimitIsExactly2048Bytes) {
  std::string base = "https://shop.example/";
  std::string at_limit = base + std::string(2048 - base.size(), 'a');
  ASSERT_EQ(at_limit.size(), 2048u);
  EXPECT_TRUE(validate_return_url(at_limit).ok());
  EXPECT_FALSE(validate_return_url(at_limit + "a").ok());
}

TEST(AddReturnParams, KeepsQueryAndFragmentInOrder) {
  const struct {
    const char* url;
    IntentKind kind;
    const char* status;
    const char* expected;
  } cases[] = {
      {"https://shop.example/return?order=42#/done", IntentKind::setup, "succeeded",
       "https://shop.example/return?order=42&setup_intent=seti_1&setup_intent_client_secret="
       "seti_1_secret_x&redirect_pm_type=cashapp&redirect_status=succeeded#/done"},
      {"https://shop.example/return", IntentKind::payment, "",
       "https://shop.example/return?payment_intent=seti_1&payment_intent_client_secret="
       "seti_1_secret_x&redirect_pm_type=cashapp"},
      {"https://shop.example/r?", IntentKind::setup, "failed",
       "https://shop.example/r?setup_intent=seti_1&setup_intent_client_secret=seti_1_secret_x"
       "&redirect_pm_type=cashapp&redirect_status=failed"},
      {"https://shop.example/r#", IntentKind::setup, "",
       "https://shop.example/r?setup_intent=seti_1&setup_intent_client_secret=seti_1_secret_x"
       "&redirect_pm_type=cashapp#"},
      {"https://shop.example/r?a=1&b=%20x&#h?q=1", IntentKind::setup, "",
       "https://shop.example/r?a=1&b=%20x&setup_intent=seti_1&setup_intent_client_secret="
       "seti_1_secret_x&redirect_pm_type=cashapp#h?q=1"},
      // Stale return parameters from an earlier attempt are replaced, others kept.
      {"https://shop.example/r?setup_intent=seti_old&k=v&redirect_status=failed", IntentKind::setup,
       "succeeded",
       "https://shop.example/r?k=v&setup_intent=seti_1&setup_intent_client_secret=seti_1_secret_x"
       "&redirect_pm_type=cashapp&redirect_status=succeeded"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.url);
    EXPECT_EQ(add_return_params(c.url, c.kind, "seti_1", "seti_1_secret_x", c.status), c.expected);
  }
}

TEST(AddReturnParams, PercentEncodesValues) {
  std::string out =
      add_return_params("https://x.example/", IntentKind::setup, "a&b", "c=d#e", "ok done");
  EXPECT_EQ(out,
            "https://x.example/?setup_intent=a%26b&setup_intent_client_secret=c%3Dd%23e"
            "&redirect_pm_type=cashapp&redirect_status=ok%20done");
}

TEST(ParseReturnUrl, RoundTripsAddReturnParams) {
  const struct {
    IntentKind kind;
    const char* id;
    const char* secret;
    const char* status;
  } cases[] = {
      {IntentKind::setup, "seti_1Abc", "seti_1Abc_secret_Xyz", "succeeded"},
      {IntentKind::payment, "pi_9", "pi_9_secret_q", "failed"},
      {IntentKind::setup, "seti_2", "seti_2_secret_r", ""},
  };
  const char* bases[] = {"https://shop.example/return?order=42#/done?setup_intent=seti_evil",
                         "http://localhost:3000/", "https://shop.example/r?"};
  for (const char* base : bases) {
    for (const auto& c : cases) {
      SCOPED_TRACE(std::string(base) + " " + c.id);
      const std::string url = add_return_params(base, c.kind, c.id, c.secret, c.status);
      auto r = parse_return_url(url);
      ASSERT_TRUE(r.ok()) << r.error().message;
      EXPECT_EQ(r->kind, c.kind);
      EXPECT_EQ(r->intent_id, c.id);
      EXPECT_EQ(r->client_secret, c.secret);
      EXPECT_EQ(r->redirect_status, c.status);
      EXPECT_EQ(r->redirect_pm_type, "cashapp");
    }
  }
}

TEST(ParseReturnUrl, IgnoresFragmentAndReadsOptionalHints) {
  auto r = parse_return_url(
      "https://shop.example/?setup_intent=seti_1&setup_intent_client_secret=seti_1_secret_a"
      "#setup_intent=seti_2&setup_intent_client_secret=seti_2_secret_b");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->intent_id, "seti_1");
  EXPECT_EQ(r->redirect_status, "");
  EXPECT_EQ(r->redirect_pm_type, "");

  // Only the fragment carries them: not a return.
  EXPECT_FALSE(parse_return_url("https://shop.example/#?setup_intent=seti_1&"
                                "setup_intent_client_secret=seti_1_secret_a")
                   .ok());
}

TEST(ParseReturnUrl, Refuses) {
  const struct {
    const char* url;
    const char* param;
  } cases[] = {
      {"https://shop.example/return", ""},
      {"not a url", ""},
      {"https://shop.example/?setup_intent=seti_1", "setup_intent_client_secret"},
      {"https://shop.example/?setup_intent=seti_1&setup_intent_client_secret=seti_2_secret_a",
       "setup_intent_client_secret"},
      {"https://shop.example/?setup_intent=seti_1&setup_intent_client_secret=garbage",
       "setup_intent_client_secret"},
      // The secret of the other kind under this kind's name.
      {"https://shop.example/?setup_intent=pi_1&setup_intent_client_secret=pi_1_secret_a",
       "setup_intent_client_secret"},
      {"https://shop.example/?payment_intent=pi_1&payment_intent_client_secret=pi_1_secret_a"
       "&setup_intent=seti_1&setup_intent_client_secret=seti_1_secret_a",
       ""},
      {"https://shop.example/?setup_intent=seti_1&setup_intent=seti_2"
       "&setup_intent_client_secret=seti_1_secret_a",
       "setup_intent"},
      {"https://shop.example/?setup_intent=seti_1&setup_intent_client_secret=seti_1_secret_a"
       "&setup_intent_client_secret=seti_1_secret_b",
       "setup_intent_client_secret"},
      {"https://shop.example/?setup_intent=seti_1&setup_intent_client_secret=%ZZ",
       "setup_intent_client_secret"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.url);
    auto r = parse_return_url(c.url);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().type, ErrorType::integration_error);
    EXPECT_EQ(r.error().param, c.param);
    EXPECT_EQ(r.error().message.find("secret_a"), std::string::npos);
  }
}

TEST(ParseReturnUrl, MessagesNameTheParameter) {
  const struct {
    const char* url;
    const char* param;
    const char* message;
  } cases[] = {
      {"https://shop.example/?payment_intent=pi_1&payment_intent=pi_2", "payment_intent",
       "The return URL has an ambiguous payment_intent parameter."},
      {"https://shop.example/?setup_intent=seti_1", "setup_intent_client_secret",
       "The return URL has a missing or ambiguous setup_intent_client_secret parameter."},
      {"https://shop.example/?payment_intent=pi_1&payment_intent_client_secret=pi_2_secret_a",
       "payment_intent_client_secret",
       "The return URL's payment_intent_client_secret does not belong to its payment_intent."},
      {"https://shop.example/?setup_intent=%ZZ", "setup_intent",
       "The return URL has no setup_intent or payment_intent parameter: it was not reached "
       "through a redirect."},
      {"https://shop.example/?x=1&payment_intent=%C3", "payment_intent",
       "The return URL has no setup_intent or payment_intent parameter: it was not reached "
       "through a redirect."},
      {"https://shop.example/?setup_intent=seti_1&payment_intent=pi_1", "",
       "The return URL carries both setup_intent and payment_intent parameters."},
      {"https:// shop.example/", "", "The return URL is not a valid absolute URL."},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.url);
    auto r = parse_return_url(c.url);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "invalid_return_params");
    EXPECT_EQ(r.error().param, c.param);
    EXPECT_EQ(r.error().message, c.message);
  }
}

TEST(ParseReturnUrl, DecodesEncodedValues) {
  auto r = parse_return_url(
      "https://shop.example/?payment_intent=pi_1&payment_intent_client_secret=pi%5F1%5Fsecret%5Fa"
      "&redirect_status=succeeded&redirect_pm_type=cashapp");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->kind, IntentKind::payment);
  EXPECT_EQ(r->client_secret, "pi_1_secret_a");
  EXPECT_EQ(r->redirect_status, "succeeded");
}

}  // namespace
}  // namespace setupflow
