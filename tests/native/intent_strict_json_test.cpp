// The intent reader's strictness: every known field of the wrong type is an
// invalid_response naming the field's path; nulls and unknown fields pass;
// bad JSON never throws.
#include <gtest/gtest.h>

#include <string>

#include "intent_json.hpp"
#include "intent_json_test_util.hpp"
#include "setupflow/intent_reader.hpp"

namespace setupflow {
namespace {

using nlohmann::json;
using namespace setupflow::testing;

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

}  // namespace
}  // namespace setupflow
