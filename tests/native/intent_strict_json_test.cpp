// The intent reader's strictness: every known field of the wrong type is an
// invalid_response naming the field's path; nulls and unknown fields pass;
// bad JSON never throws.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "intent_json.hpp"
#include "intent_json_test_util.hpp"
#include "setupflow/api_fields.hpp"
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

// Reads full_intent(c.kind) with the member at c.pointer replaced.
void expect_strict(const StrictCase& c) {
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

// A wrong value for a field of some kind (JSON text), and how the message
// names it: "<key><suffix> must be <phrase>".
struct WrongValue {
  std::string value;
  std::string suffix;
  std::string phrase;
};

std::vector<WrongValue> wrong_values(detail::Expect expect) {
  using detail::Expect;
  const std::string id = "a string or an object with a string id";
  switch (expect) {
    case Expect::string:
      return {{"1", "", "a string"},
              {"false", "", "a string"},
              {"{}", "", "a string"},
              {"[]", "", "a string"},
              {"[1]", "", "a string"}};
    case Expect::integer:
      return {
          {"\"100\"", "", "an integer"}, {"99.99", "", "an integer"}, {"true", "", "an integer"}};
    case Expect::boolean:
      return {{"\"false\"", "", "a boolean"}, {"0", "", "a boolean"}};
    case Expect::expandable:
      return {{"[]", "", id},
              {"5", "", id},
              {"true", "", id},
              {"{\"object\":\"payment_method\"}", "", id},
              {"{\"id\":7}", "", id}};
    case Expect::string_list:
      return {{"\"cashapp\"", "", "an array of strings"}, {"[\"cashapp\",3]", "[1]", "a string"}};
    case Expect::string_map:
      return {{"[]", "", "an object"}, {"{\"a\":\"b\",\"n\":1}", ".n", "a string"}};
  }
  return {};
}

template <class T, size_t N>
std::vector<std::string_view> keys_of(const detail::StringField<T> (&fields)[N]) {
  std::vector<std::string_view> keys;
  for (const auto& field : fields) {
    keys.push_back(field.key);
  }
  return keys;
}

// The fields with rules of their own, and the edges of the rules; every
// field of the field tables: IsStrictAboutEveryTableField below.
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
      {IntentKind::setup, "/customer", "{\"id\":\"cus_1\"}", ""},
      {IntentKind::setup, "/next_action", "\"cashapp\"", "next_action must be an object"},
      {IntentKind::setup, "/next_action", "{}", "next_action.type must be a string"},
      {IntentKind::setup, "/next_action", "{\"type\":3}", "next_action.type must be a string"},
      {IntentKind::setup, "/next_action", "{\"type\":\"redirect_to_url\",\"redirect_to_url\":5}",
       ""},
      {IntentKind::setup, cashapp, "[]",
       "next_action.cashapp_handle_redirect_or_display_qr_code must be an object"},
      {IntentKind::setup, (cashapp + "/qr_code"), "[]", (qr_path + " must be an object")},
      {IntentKind::setup, (cashapp + "/qr_code/expires_at"), "\"soon\"",
       "next_action.cashapp_handle_redirect_or_display_qr_code.qr_code.expires_at must be an "
       "integer"},
      {IntentKind::setup, (cashapp + "/qr_code/expires_at"), "1767225630.5",
       "next_action.cashapp_handle_redirect_or_display_qr_code.qr_code.expires_at must be an "
       "integer"},
      {IntentKind::setup, "/last_setup_error", "5", "last_setup_error must be an object"},
      {IntentKind::setup, "/last_payment_error", "5",
       ""},  // the other kind's field is unknown here
      {IntentKind::setup, "/some_future_field", "{\"deep\":[1,{\"x\":null}]}", ""},
      {IntentKind::payment, "/last_setup_error", "5", ""},
  };
  for (const StrictCase& c : cases) {
    expect_strict(c);
  }
}

// Every field of the field tables (api_fields.hpp), each wrong in every way
// its kind can be, then null and absent.
TEST(IntentJson, IsStrictAboutEveryTableField) {
  for (IntentKind kind : {IntentKind::setup, IntentKind::payment}) {
    detail::for_each_intent_field(kind, [&](const detail::IntentField& field) {
      const std::string key(field.key);
      for (const WrongValue& wrong : wrong_values(field.expect)) {
        expect_strict(
            {kind, "/" + key, wrong.value, key + wrong.suffix + " must be " + wrong.phrase});
      }
      expect_strict({kind, "/" + key, "null", ""});
      json body = intent_to_json(full_intent(kind), false);
      ASSERT_EQ(body.erase(key), 1u) << key;
      const Result<Intent> r = parse_intent_json(body.dump(), kind);
      EXPECT_TRUE(r.ok()) << key << ": " << r.error().message;
    });
  }
}

// The strings of next_action's Cash App details, its QR code and the last
// error, from their tables: each must be a string or null.
TEST(IntentJson, IsStrictAboutEveryStringOfTheNestedObjects) {
  const std::string cashapp = "next_action/cashapp_handle_redirect_or_display_qr_code";
  const struct {
    IntentKind kind;
    std::string pointer;  // of the nested object, "/"-separated
    std::vector<std::string_view> keys;
  } objects[] = {
      {IntentKind::setup, cashapp, keys_of(detail::kCashappStrings)},
      {IntentKind::setup, cashapp + "/qr_code", keys_of(detail::kQrCodeStrings)},
      {IntentKind::setup, "last_setup_error", keys_of(detail::kLastErrorStrings)},
      {IntentKind::payment, "last_payment_error", keys_of(detail::kLastErrorStrings)},
  };
  for (const auto& object : objects) {
    std::string path = object.pointer;
    std::replace(path.begin(), path.end(), '/', '.');
    for (std::string_view key : object.keys) {
      const std::string pointer = "/" + object.pointer + "/" + std::string(key);
      for (const WrongValue& wrong : wrong_values(detail::Expect::string)) {
        expect_strict({object.kind, pointer, wrong.value,
                       path + "." + std::string(key) + " must be " + wrong.phrase});
      }
      expect_strict({object.kind, pointer, "null", ""});
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
