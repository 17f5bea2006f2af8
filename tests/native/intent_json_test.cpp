// The intent model's field mapping (intent_reader.hpp) through the nlohmann
// adapter: realistic Stripe fixtures, the writer's wire shape, round trips,
// error bodies and HTTP responses. Type strictness: intent_strict_json_test.cpp.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <type_traits>
#include <variant>

#include "intent_json.hpp"
#include "intent_json_test_util.hpp"
#include "setupflow/api_fields.hpp"
#include "setupflow/response_reader.hpp"

namespace setupflow {
namespace {

using nlohmann::json;
using namespace setupflow::testing;

TEST(IntentJson, ReadsRequiresActionSetupIntentWithCashappNextAction) {
  const Intent in = parse_fixture("setup_intent_requires_action.json", IntentKind::setup);
  EXPECT_EQ(in.kind, IntentKind::setup);
  EXPECT_EQ(in.id, "seti_1QaBcDeFgHiJkLmN");
  EXPECT_EQ(in.client_secret, "seti_1QaBcDeFgHiJkLmN_secret_RsTuVwXyZ0123456789abcdef");
  EXPECT_EQ(in.status, IntentStatus::requires_action);
  EXPECT_EQ(in.usage, "off_session");
  EXPECT_EQ(in.customer, "cus_QaBcDeFgHiJk");
  EXPECT_EQ(in.payment_method, "pm_1QaBcDeFgHiJkLmNcashapp");  // expanded object → id
  EXPECT_EQ(in.payment_method_types, std::vector<std::string>{"cashapp"});
  EXPECT_EQ(in.created, 1767225600);
  EXPECT_FALSE(in.livemode);
  EXPECT_FALSE(in.mandate.has_value());
  EXPECT_FALSE(in.last_error.has_value());
  EXPECT_EQ(in.metadata,
            (Metadata{{"channel", "web"}, {"order_id", "6735"}}));
  ASSERT_TRUE(in.next_action.has_value());
  EXPECT_EQ(in.next_action->type, kCashappNextActionType);
  ASSERT_TRUE(in.next_action->cashapp.has_value());
  const CashappNextAction& c = *in.next_action->cashapp;
  EXPECT_EQ(c.mobile_auth_url,
            "https://pm-redirects.stripe.com/authorize/acct_1QaBcDeFgHiJkLmN/pa_nonce_RsTuVwXyZ");
  EXPECT_EQ(c.hosted_instructions_url,
            "https://pay.stripe.com/cashapp/instructions/CCsaFwoVYWNjdF8xUWFCY0RlRmdIaUprTG1O");
  EXPECT_EQ(c.qr_code.expires_at, 1767225630);
  EXPECT_EQ(c.qr_code.data, "https://cash.app/pay/grant/GRR_qx8z2vj7yq7h8c8tx0g3v9a1");
  EXPECT_EQ(c.qr_code.image_url_svg, "https://qr.stripe.com/test_YWNjdF8xUWFCY0RlRmdIaUprTG1O.svg");
  EXPECT_EQ(c.qr_code.image_url_png, "https://qr.stripe.com/test_YWNjdF8xUWFCY0RlRmdIaUprTG1O.png");
}

TEST(IntentJson, ReadsSucceededSetupIntent) {
  const Intent in = parse_fixture("setup_intent_succeeded.json", IntentKind::setup);
  EXPECT_EQ(in.status, IntentStatus::succeeded);
  EXPECT_EQ(in.payment_method, "pm_1QaBcDeFgHiJkLmNcashapp");
  EXPECT_EQ(in.mandate, "mandate_1QaBcDeFgHiJkLmN");
  EXPECT_FALSE(in.next_action.has_value());
  EXPECT_TRUE(in.metadata.empty());
}

TEST(IntentJson, ReadsLastSetupErrorAndNulls) {
  const Intent in =
      parse_fixture("setup_intent_requires_payment_method_error.json", IntentKind::setup);
  EXPECT_EQ(in.status, IntentStatus::requires_payment_method);
  EXPECT_FALSE(in.customer.has_value());
  EXPECT_FALSE(in.payment_method.has_value());
  ASSERT_TRUE(in.last_error.has_value());
  EXPECT_EQ(in.last_error->type, "invalid_request_error");
  EXPECT_EQ(in.last_error->code, "setup_intent_authentication_failure");
  EXPECT_EQ(
      in.last_error->message,
      "The latest attempt to set up the payment method has failed because authentication failed.");
  EXPECT_EQ(in.last_error->decline_code, "");
}

TEST(IntentJson, ReadsPaymentIntent) {
  const Intent in = parse_fixture("payment_intent_requires_action.json", IntentKind::payment);
  EXPECT_EQ(in.kind, IntentKind::payment);
  EXPECT_EQ(in.id, "pi_3QaBcDeFgHiJkLmN");
  EXPECT_EQ(in.amount, 2599);
  EXPECT_EQ(in.currency, "usd");
  EXPECT_EQ(in.capture_method, "automatic");
  EXPECT_EQ(in.setup_future_usage, "off_session");
  EXPECT_FALSE(in.statement_descriptor.has_value());
  ASSERT_TRUE(in.next_action && in.next_action->cashapp);
  EXPECT_EQ(in.next_action->cashapp->qr_code.data, "");  // Stripe itself sends no data
  EXPECT_EQ(in.next_action->cashapp->qr_code.image_url_svg, "https://qr.stripe.com/test_pi3.svg");
}

TEST(IntentJson, RefusesTheOtherKind) {
  expect_invalid_response(
      parse_intent_json(fixture("payment_intent_requires_action.json"), IntentKind::setup),
      "object must be \"setup_intent\"");
  expect_invalid_response(
      parse_intent_json(fixture("setup_intent_succeeded.json"), IntentKind::payment),
      "object must be \"payment_intent\"");
}

TEST(IntentJson, RoundTripsEveryFixtureThroughTheWriter) {
  const std::pair<const char*, IntentKind> fixtures[] = {
      {"setup_intent_requires_action.json", IntentKind::setup},
      {"setup_intent_succeeded.json", IntentKind::setup},
      {"setup_intent_requires_payment_method_error.json", IntentKind::setup},
      {"payment_intent_requires_action.json", IntentKind::payment},
  };
  for (const auto& [name, kind] : fixtures) {
    SCOPED_TRACE(name);
    const Intent original = parse_fixture(name, kind);
    Result<Intent> back = parse_intent_json(intent_to_json(original, false).dump(), kind);
    ASSERT_TRUE(back.ok()) << back.error().message;
    expect_same(original, back.value());
  }
}

TEST(IntentJson, WriteThenReadIsIdentityForEveryField) {
  for (IntentKind kind : {IntentKind::setup, IntentKind::payment}) {
    const Intent in = full_intent(kind);
    Result<Intent> back = parse_intent_json(intent_to_json(in, false).dump(), kind);
    ASSERT_TRUE(back.ok()) << back.error().message;
    expect_same(in, back.value());
  }
}

// The round trips above cover a field only if full_intent sets it.
TEST(IntentJson, TheFullIntentSetsEveryField) {
  for (IntentKind kind : {IntentKind::setup, IntentKind::payment}) {
    const Intent in = full_intent(kind);
    detail::for_each_intent_field(kind, [&](const detail::IntentField& field) {
      std::visit(
          [&](auto member) {
            using Member = std::decay_t<decltype(in.*member)>;
            EXPECT_NE(in.*member, Member{}) << field.key << " is left at its default";
          },
          field.member);
    });
    ASSERT_TRUE(in.last_error && in.next_action && in.next_action->cashapp);
    for (const auto& field : detail::kLastErrorStrings) {
      EXPECT_NE(*in.last_error.*field.member, "") << field.key;
    }
    for (const auto& field : detail::kCashappStrings) {
      EXPECT_NE(*in.next_action->cashapp.*field.member, "") << field.key;
    }
    for (const auto& field : detail::kQrCodeStrings) {
      EXPECT_NE(in.next_action->cashapp->qr_code.*field.member, "") << field.key;
    }
  }
}

TEST(IntentJson, WriterFollowsTheWireShape) {
  const json setup = intent_to_json(full_intent(IntentKind::setup), false);
  EXPECT_EQ(setup["object"], "setup_intent");
  EXPECT_EQ(setup["status"], "requires_payment_method");
  EXPECT_TRUE(setup.contains("last_setup_error"));
  EXPECT_FALSE(setup.contains("last_payment_error"));
  EXPECT_FALSE(setup.contains("amount"));
  EXPECT_FALSE(setup.contains("currency"));
  EXPECT_EQ(setup["usage"], "on_session");
  EXPECT_EQ(
      setup["next_action"]["cashapp_handle_redirect_or_display_qr_code"]["qr_code"]["expires_at"],
      9007199254740991);

  const json payment = intent_to_json(full_intent(IntentKind::payment), false);
  EXPECT_EQ(payment["object"], "payment_intent");
  EXPECT_TRUE(payment.contains("last_payment_error"));
  EXPECT_FALSE(payment.contains("last_setup_error"));
  EXPECT_FALSE(payment.contains("usage"));
  EXPECT_EQ(payment["amount"], 100);
  EXPECT_EQ(payment["capture_method"], "manual");

  // Every unset optional is written as null.
  for (IntentKind kind : {IntentKind::setup, IntentKind::payment}) {
    Intent bare;
    bare.kind = kind;
    bare.id = "seti_1";
    const json nulls = intent_to_json(bare, false);
    EXPECT_TRUE(nulls["next_action"].is_null());
    EXPECT_TRUE(
        nulls[kind == IntentKind::setup ? "last_setup_error" : "last_payment_error"].is_null());
    detail::for_each_intent_field(kind, [&](const detail::IntentField& field) {
      if (std::holds_alternative<std::optional<std::string> Intent::*>(field.member)) {
        ASSERT_TRUE(nulls.contains(std::string(field.key))) << field.key;
        EXPECT_TRUE(nulls[std::string(field.key)].is_null()) << field.key;
      }
    });
  }
}

TEST(IntentJson, ClientVisibleOmitsCustomerMandateAndMetadata) {
  for (IntentKind kind : {IntentKind::setup, IntentKind::payment}) {
    const json all = intent_to_json(full_intent(kind), false);
    const json visible = intent_to_json(full_intent(kind), true);
    for (const char* hidden : {"customer", "mandate", "metadata"}) {
      EXPECT_TRUE(all.contains(hidden)) << hidden;
      EXPECT_FALSE(visible.contains(hidden)) << hidden;
    }
    for (const auto& [key, value] : visible.items()) EXPECT_EQ(all[key], value) << key;
    EXPECT_EQ(visible.size() + 3, all.size());
  }
}

// A minimal valid body, then one field replaced by JSON pointer.
TEST(IntentJson, ReadsStripeErrorBodies) {
  json body = json::parse(
      R"({"error":{"type":"card_error","code":"card_declined","decline_code":"insufficient_funds",
      "message":"Your card has insufficient funds.","param":"payment_method","doc_url":"https://stripe.com/docs/error-codes/card-declined","request_log_url":"x"}})");
  Error e = read_error_body(JsonReader(body), 402);
  EXPECT_EQ(e.type, ErrorType::card_error);
  EXPECT_EQ(e.code, "card_declined");
  EXPECT_EQ(e.decline_code, "insufficient_funds");
  EXPECT_EQ(e.message, "Your card has insufficient funds.");
  EXPECT_EQ(e.param, "payment_method");
  EXPECT_EQ(e.doc_url, "https://stripe.com/docs/error-codes/card-declined");
  EXPECT_EQ(e.http_status, 402);

  struct Case {
    const char* body;
    ErrorType type;
    const char* code;
    const char* message;
  };
  const Case cases[] = {
      {R"({"error":{"type":"idempotency_error","message":"Keys reused."}})",
       ErrorType::idempotency_error, "", "Keys reused."},
      {R"({"error":{"type":"made_up_error","message":"m"}})", ErrorType::api_error, "", "m"},
      {R"({"error":{"type":"integration_error","message":"m"}})", ErrorType::api_error, "", "m"},
      {R"({"error":{"type":"api_connection_error","message":"m"}})", ErrorType::api_error, "", "m"},
      {R"({"error":{"code":"resource_missing","message":null}})", ErrorType::api_error,
       "resource_missing", "The API answered HTTP 404."},
      {R"({"error":"nope"})", ErrorType::api_error, "invalid_response",
       "The API answered HTTP 404 without an \"error\" object."},
      {R"({"message":"nope"})", ErrorType::api_error, "invalid_response",
       "The API answered HTTP 404 without an \"error\" object."},
      {R"([1])", ErrorType::api_error, "invalid_response",
       "The API answered HTTP 404 with a body that is not an error object."},
      {R"({"error":{"type":"card_error","code":5}})", ErrorType::api_error, "invalid_response",
       "error.code must be a string"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.body);
    const json j = json::parse(c.body);
    const Error got = read_error_body(JsonReader(j), 404);
    EXPECT_EQ(got.type, c.type);
    EXPECT_EQ(got.code, c.code);
    EXPECT_EQ(got.message, c.message);
    EXPECT_EQ(got.http_status, 404);
  }
}

TEST(IntentJson, ReadsHttpResponses) {
  HttpResponse ok =
      parse_http_response_json(7, 200, fixture("setup_intent_succeeded.json"), IntentKind::setup);
  EXPECT_EQ(ok.request_id, 7u);
  EXPECT_EQ(ok.status, 200);
  ASSERT_TRUE(ok.intent.has_value());
  EXPECT_FALSE(ok.error.has_value());
  EXPECT_EQ(ok.intent->status, IntentStatus::succeeded);

  HttpResponse malformed =
      parse_http_response_json(8, 200, R"({"id":"seti_1","status":"nope"})", IntentKind::setup);
  EXPECT_FALSE(malformed.intent.has_value());
  ASSERT_TRUE(malformed.error.has_value());
  EXPECT_EQ(malformed.error->code, "invalid_response");
  EXPECT_EQ(malformed.error->http_status, 200);

  HttpResponse declined = parse_http_response_json(
      9, 402, R"({"error":{"type":"card_error","code":"card_declined","message":"Declined."}})",
      IntentKind::setup);
  EXPECT_FALSE(declined.intent.has_value());
  ASSERT_TRUE(declined.error.has_value());
  EXPECT_EQ(declined.error->type, ErrorType::card_error);
  EXPECT_EQ(declined.error->http_status, 402);

  // A 2xx error-shaped body is not an intent.
  HttpResponse odd =
      parse_http_response_json(10, 200, R"({"error":{"type":"api_error"}})", IntentKind::setup);
  ASSERT_TRUE(odd.error.has_value());
  EXPECT_EQ(odd.error->code, "invalid_response");

  for (int status : {200, 502}) {
    HttpResponse html =
        parse_http_response_json(11, status, "<html>Bad gateway</html>", IntentKind::setup);
    EXPECT_FALSE(html.intent.has_value());
    ASSERT_TRUE(html.error.has_value());
    EXPECT_EQ(html.error->type, ErrorType::api_error);
    EXPECT_EQ(html.error->http_status, status);
    HttpResponse none = read_http_response<JsonReader>(12, status, nullptr, IntentKind::setup);
    ASSERT_TRUE(none.error.has_value());
    EXPECT_EQ(none.error->http_status, status);
  }
}

TEST(IntentStatusNames, RoundTripAndRefuseUnknown) {
  for (IntentStatus s :
       {IntentStatus::requires_payment_method, IntentStatus::requires_confirmation,
        IntentStatus::requires_action, IntentStatus::processing, IntentStatus::requires_capture,
        IntentStatus::canceled, IntentStatus::succeeded}) {
    EXPECT_EQ(intent_status_from_string(to_string(s)), s);
  }
  EXPECT_EQ(to_string(IntentStatus::requires_action), "requires_action");
  EXPECT_FALSE(intent_status_from_string("").has_value());
  EXPECT_FALSE(intent_status_from_string("SUCCEEDED").has_value());
  EXPECT_FALSE(intent_status_from_string("succeeded ").has_value());
}

}  // namespace
}  // namespace setupflow
