// The intent model's field mapping (intent_reader.hpp) through the nlohmann
// adapter: realistic Stripe fixtures, the writer's wire shape, round trips,
// and every type-strictness rule.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "intent_json.hpp"
#include "setupflow/intent_reader.hpp"

namespace setupflow {
namespace {

using nlohmann::json;

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(SETUPFLOW_TEST_DATA_DIR) + "/" + name, std::ios::binary);
  EXPECT_TRUE(in.good()) << "missing fixture " << name;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Intent parse_fixture(const std::string& name, IntentKind kind) {
  Result<Intent> r = parse_intent_json(fixture(name), kind);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? r.value() : Intent{};
}

void expect_same(const Intent& a, const Intent& b) {
  EXPECT_EQ(a.kind, b.kind);
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.client_secret, b.client_secret);
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(a.usage, b.usage);
  EXPECT_EQ(a.customer, b.customer);
  EXPECT_EQ(a.payment_method, b.payment_method);
  EXPECT_EQ(a.payment_method_types, b.payment_method_types);
  ASSERT_EQ(a.next_action.has_value(), b.next_action.has_value());
  if (a.next_action) {
    EXPECT_EQ(a.next_action->type, b.next_action->type);
    ASSERT_EQ(a.next_action->cashapp.has_value(), b.next_action->cashapp.has_value());
    if (a.next_action->cashapp) {
      const auto& x = *a.next_action->cashapp;
      const auto& y = *b.next_action->cashapp;
      EXPECT_EQ(x.hosted_instructions_url, y.hosted_instructions_url);
      EXPECT_EQ(x.mobile_auth_url, y.mobile_auth_url);
      EXPECT_EQ(x.qr_code.expires_at, y.qr_code.expires_at);
      EXPECT_EQ(x.qr_code.image_url_png, y.qr_code.image_url_png);
      EXPECT_EQ(x.qr_code.image_url_svg, y.qr_code.image_url_svg);
      EXPECT_EQ(x.qr_code.data, y.qr_code.data);
    }
  }
  ASSERT_EQ(a.last_error.has_value(), b.last_error.has_value());
  if (a.last_error) {
    EXPECT_EQ(a.last_error->type, b.last_error->type);
    EXPECT_EQ(a.last_error->code, b.last_error->code);
    EXPECT_EQ(a.last_error->decline_code, b.last_error->decline_code);
    EXPECT_EQ(a.last_error->message, b.last_error->message);
    EXPECT_EQ(a.last_error->param, b.last_error->param);
  }
  EXPECT_EQ(a.mandate, b.mandate);
  EXPECT_EQ(a.cancellation_reason, b.cancellation_reason);
  EXPECT_EQ(a.livemode, b.livemode);
  EXPECT_EQ(a.created, b.created);
  EXPECT_EQ(a.metadata, b.metadata);
  EXPECT_EQ(a.amount, b.amount);
  EXPECT_EQ(a.currency, b.currency);
  EXPECT_EQ(a.setup_future_usage, b.setup_future_usage);
  EXPECT_EQ(a.capture_method, b.capture_method);
  EXPECT_EQ(a.statement_descriptor, b.statement_descriptor);
}

void expect_invalid_response(const Result<Intent>& r, const std::string& message) {
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().type, ErrorType::api_error);
  EXPECT_EQ(r.error().code, "invalid_response");
  EXPECT_EQ(r.error().message, message);
}

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
            (std::map<std::string, std::string>{{"channel", "web"}, {"order_id", "6735"}}));
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

Intent full_intent(IntentKind kind) {
  Intent in;
  in.kind = kind;
  in.id = kind == IntentKind::setup ? "seti_9" : "pi_9";
  in.client_secret = in.id + "_secret_abc";
  in.status = IntentStatus::requires_payment_method;
  in.customer = "cus_1";
  in.payment_method = "pm_1";
  in.payment_method_types = {"cashapp", "card"};
  in.next_action =
      NextAction{"cashapp_handle_redirect_or_display_qr_code",
                 CashappNextAction{"https://h", "https://m", {9007199254740991, "p", "s", "d é"}}};
  in.last_error =
      LastError{"card_error", "payment_method_provider_decline", "insufficient_funds", "msg", "p"};
  in.mandate = "mandate_1";
  in.cancellation_reason = "abandoned";
  in.livemode = true;
  in.created = -5;
  in.metadata = {{"k", "v"}, {"empty", ""}};
  if (kind == IntentKind::setup) {
    in.usage = "on_session";
  } else {
    in.amount = 100;
    in.currency = "usd";
    in.setup_future_usage = "off_session";
    in.capture_method = "manual";
    in.statement_descriptor = "SHOP";
  }
  return in;
}

TEST(IntentJson, WriteThenReadIsIdentityForEveryField) {
  for (IntentKind kind : {IntentKind::setup, IntentKind::payment}) {
    const Intent in = full_intent(kind);
    Result<Intent> back = parse_intent_json(intent_to_json(in, false).dump(), kind);
    ASSERT_TRUE(back.ok()) << back.error().message;
    expect_same(in, back.value());
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

  Intent bare;
  bare.id = "seti_1";
  const json nulls = intent_to_json(bare, false);
  EXPECT_TRUE(nulls["next_action"].is_null());
  EXPECT_TRUE(nulls["last_setup_error"].is_null());
  EXPECT_TRUE(nulls["payment_method"].is_null());
  EXPECT_TRUE(nulls["customer"].is_null());
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
struct StrictCase {
  IntentKind kind;
  std::string pointer;
  std::string value;    // JSON text
  std::string message;  // "" means the body must still be accepted
};

TEST(IntentJson, IsStrictAboutTheTypesOfKnownFields) {
  const std::string cashapp = "/next_action/cashapp_handle_redirect_or_display_qr_code";
  const std::string qr_path = "next_action.cashapp_handle_redirect_or_display_qr_code.qr_code";
  const StrictCase cases[] = {
      {IntentKind::setup, "/id", "5", "id must be a string"},
      {IntentKind::setup, "/id", "\"\"", "id must be a non-empty string"},
      {IntentKind::setup, "/id", "null", "id must be a non-empty string"},
      {IntentKind::setup, "/object", "\"payment_intent\"", "object must be \"setup_intent\""},
      {IntentKind::setup, "/object", "7", "object must be a string"},
      {IntentKind::setup, "/status", "\"bogus\"", "status must be a known intent status"},
      {IntentKind::setup, "/status", "\"Succeeded\"", "status must be a known intent status"},
      {IntentKind::setup, "/status", "null", "status must be a known intent status"},
      {IntentKind::setup, "/status", "1", "status must be a string"},
      {IntentKind::setup, "/client_secret", "{}", "client_secret must be a string"},
      {IntentKind::setup, "/created", "1.5", "created must be an integer"},
      {IntentKind::setup, "/created", "\"1767225600\"", "created must be an integer"},
      {IntentKind::setup, "/created", "9007199254740992", "created must be an integer"},
      {IntentKind::setup, "/created", "-9007199254740992", "created must be an integer"},
      {IntentKind::setup, "/created", "1e300", "created must be an integer"},
      {IntentKind::setup, "/created", "18446744073709551615", "created must be an integer"},
      {IntentKind::setup, "/created", "9007199254740991", ""},
      {IntentKind::setup, "/created", "-9007199254740991", ""},
      {IntentKind::setup, "/created", "1.0", ""},
      {IntentKind::setup, "/created", "null", ""},
      {IntentKind::setup, "/livemode", "\"false\"", "livemode must be a boolean"},
      {IntentKind::setup, "/livemode", "0", "livemode must be a boolean"},
      {IntentKind::setup, "/usage", "false", "usage must be a string"},
      {IntentKind::setup, "/customer", "[]",
       "customer must be a string or an object with a string id"},
      {IntentKind::setup, "/customer", "{\"id\":\"cus_1\"}", ""},
      {IntentKind::setup, "/payment_method", "5",
       "payment_method must be a string or an object with a string id"},
      {IntentKind::setup, "/payment_method", "{\"object\":\"payment_method\"}",
       "payment_method must be a string or an object with a string id"},
      {IntentKind::setup, "/payment_method", "{\"id\":7}",
       "payment_method must be a string or an object with a string id"},
      {IntentKind::setup, "/mandate", "true",
       "mandate must be a string or an object with a string id"},
      {IntentKind::setup, "/payment_method_types", "\"cashapp\"",
       "payment_method_types must be an array of strings"},
      {IntentKind::setup, "/payment_method_types", "[\"cashapp\",3]",
       "payment_method_types[1] must be a string"},
      {IntentKind::setup, "/payment_method_types", "null", ""},
      {IntentKind::setup, "/next_action", "\"cashapp\"", "next_action must be an object"},
      {IntentKind::setup, "/next_action", "{}", "next_action.type must be a string"},
      {IntentKind::setup, "/next_action", "{\"type\":3}", "next_action.type must be a string"},
      {IntentKind::setup, "/next_action", "{\"type\":\"redirect_to_url\",\"redirect_to_url\":5}",
       ""},
      {IntentKind::setup, cashapp, "[]",
       "next_action.cashapp_handle_redirect_or_display_qr_code must be an object"},
      {IntentKind::setup, (cashapp + "/mobile_auth_url"), "5",
       "next_action.cashapp_handle_redirect_or_display_qr_code.mobile_auth_url must be a string"},
      {IntentKind::setup, (cashapp + "/hosted_instructions_url"), "{}",
       "next_action.cashapp_handle_redirect_or_display_qr_code.hosted_instructions_url must be a "
       "string"},
      {IntentKind::setup, (cashapp + "/qr_code"), "[]", (qr_path + " must be an object")},
      {IntentKind::setup, (cashapp + "/qr_code/expires_at"), "\"soon\"",
       "next_action.cashapp_handle_redirect_or_display_qr_code.qr_code.expires_at must be an "
       "integer"},
      {IntentKind::setup, (cashapp + "/qr_code/expires_at"), "1767225630.5",
       "next_action.cashapp_handle_redirect_or_display_qr_code.qr_code.expires_at must be an "
       "integer"},
      {IntentKind::setup, (cashapp + "/qr_code/data"), "[1]", (qr_path + ".data must be a string")},
      {IntentKind::setup, (cashapp + "/qr_code/image_url_svg"), "1",
       (qr_path + ".image_url_svg must be a string")},
      {IntentKind::setup, (cashapp + "/qr_code/data"), "null", ""},
      {IntentKind::setup, "/last_setup_error", "5", "last_setup_error must be an object"},
      {IntentKind::setup, "/last_setup_error", "{\"code\":5}",
       "last_setup_error.code must be a string"},
      {IntentKind::setup, "/last_setup_error", "{\"message\":[]}",
       "last_setup_error.message must be a string"},
      {IntentKind::setup, "/last_payment_error", "5",
       ""},  // the other kind's field is unknown here
      {IntentKind::setup, "/metadata", "[]", "metadata must be an object"},
      {IntentKind::setup, "/metadata", "{\"a\":\"b\",\"n\":1}", "metadata.n must be a string"},
      {IntentKind::setup, "/metadata", "null", ""},
      {IntentKind::setup, "/cancellation_reason", "1", "cancellation_reason must be a string"},
      {IntentKind::setup, "/some_future_field", "{\"deep\":[1,{\"x\":null}]}", ""},
      {IntentKind::payment, "/amount", "\"100\"", "amount must be an integer"},
      {IntentKind::payment, "/amount", "99.99", "amount must be an integer"},
      {IntentKind::payment, "/currency", "840", "currency must be a string"},
      {IntentKind::payment, "/setup_future_usage", "1", "setup_future_usage must be a string"},
      {IntentKind::payment, "/statement_descriptor", "false",
       "statement_descriptor must be a string"},
      {IntentKind::payment, "/capture_method", "[]", "capture_method must be a string"},
      {IntentKind::payment, "/last_payment_error", "{\"decline_code\":1}",
       "last_payment_error.decline_code must be a string"},
      {IntentKind::payment, "/last_setup_error", "5", ""},
  };
  for (const StrictCase& c : cases) {
    SCOPED_TRACE(c.pointer + " = " + c.value);
    json body = intent_to_json(full_intent(c.kind), false);
    body[json::json_pointer(c.pointer)] = json::parse(c.value);
    const Result<Intent> r = parse_intent_json(body.dump(), c.kind);
    if (c.message.empty()) {
      EXPECT_TRUE(r.ok()) << r.error().message;
    } else {
      expect_invalid_response(r, c.message);
    }
  }
}

TEST(IntentJson, AbsentFieldsTakeDefaults) {
  Result<Intent> r =
      parse_intent_json(R"({"id":"seti_1","status":"processing"})", IntentKind::setup);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->status, IntentStatus::processing);
  EXPECT_FALSE(r->next_action.has_value());
  EXPECT_EQ(r->created, 0);
  // A Cash App action without its details still reads; the flow reports it.
  r = parse_intent_json(
      R"({"id":"seti_1","status":"requires_action","next_action":{"type":"cashapp_handle_redirect_or_display_qr_code"}})",
      IntentKind::setup);
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(r->next_action.has_value());
  EXPECT_FALSE(r->next_action->cashapp.has_value());
}

TEST(IntentJson, BadJsonIsAnInvalidResponseNeverAThrow) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  const char with_nul[] = "{\"id\":\"seti_1\"\0,\"status\":\"succeeded\"}";
  const std::string cases[] = {
      "",
      "{",
      "nul",
      "{\"id\":}",
      "{'id':'seti_1'}",
      "{\"id\":\"seti_1\",}",
      "[]",
      "5",
      "\"seti_1\"",
      "null",
      deep,
      "{\"id\":\"seti_\xff\",\"status\":\"succeeded\"}",
      "{\"id\":\"seti_1\",\"status\":\"succeeded\"} x",
      std::string(with_nul, sizeof(with_nul) - 1),
  };
  for (const std::string& text : cases) {
    SCOPED_TRACE(text.substr(0, 40));
    const Result<Intent> r = parse_intent_json(text, IntentKind::setup);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().type, ErrorType::api_error);
    EXPECT_EQ(r.error().code, "invalid_response");
  }
}

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
