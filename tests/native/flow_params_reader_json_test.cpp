// flow_params_reader.hpp over the nlohmann adapter: what the bindings read
// from the shim's named objects, and the typed error for every unknown or
// ill-typed value.
#include "setupflow/flow_params_reader.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "intent_json.hpp"

namespace setupflow {
namespace {

using nlohmann::json;

json good_params() {
  return {{"operation", "confirm"},
          {"kind", "payment"},
          {"clientSecret", "pi_1_secret_2"},
          {"returnUrl", "https://shop.example/r"},
          {"paymentMethod", "pm_1"},
          {"handleActions", false},
          {"device", "mobile"},
          {"idempotencyKey", "k-1"}};
}

TEST(FlowParamsReader, ReadsTheCashAppParams) {
  const json j = good_params();
  CashappParams p;
  std::optional<Error> error;
  ASSERT_TRUE(read_cashapp_params(JsonReader(j), p, error)) << error->message;
  EXPECT_EQ(p.operation, FlowOperation::confirm);
  EXPECT_EQ(p.expected_kind, IntentKind::payment);
  EXPECT_EQ(p.client_secret, "pi_1_secret_2");
  EXPECT_EQ(p.return_url, "https://shop.example/r");
  EXPECT_EQ(p.payment_method, "pm_1");
  EXPECT_FALSE(p.handle_actions);
  EXPECT_EQ(p.device, Device::mobile);
  EXPECT_EQ(p.idempotency_key, "k-1");
}

TEST(FlowParamsReader, OptionalMembersMayBeAbsentOrNull) {
  const json j = {{"operation", "retrieve"}, {"kind", "setup"}, {"clientSecret", "seti_1_secret_2"},
                  {"device", nullptr}};
  CashappParams p;
  std::optional<Error> error;
  ASSERT_TRUE(read_cashapp_params(JsonReader(j), p, error)) << error->message;
  EXPECT_EQ(p.operation, FlowOperation::retrieve);
  EXPECT_TRUE(p.handle_actions);
  EXPECT_EQ(p.device, Device::desktop);
  EXPECT_TRUE(p.return_url.empty());
}

TEST(FlowParamsReader, EveryUnknownOrIllTypedValueIsAnIntegrationError) {
  struct Case {
    const char* key;
    json value;  // null: remove the member
    const char* message;
  };
  const Case cases[] = {
      {"operation", "confirmm",
       "params.operation must be \"confirm\", \"handle_next_action\" or \"retrieve\"; it was "
       "given \"confirmm\"."},
      {"operation", nullptr,
       "params.operation must be \"confirm\", \"handle_next_action\" or \"retrieve\"; it was "
       "given nothing."},
      {"kind", 1, "params.kind must be \"setup\" or \"payment\"; it was given a number."},
      {"clientSecret", json::array(), "params.clientSecret must be a string; it was given an array."},
      {"returnUrl", true, "params.returnUrl must be a string; it was given a boolean."},
      {"handleActions", "no", "params.handleActions must be a boolean; it was given a string."},
      {"device", "tablet",
       "params.device must be \"desktop\" or \"mobile\"; it was given \"tablet\"."},
      {"idempotencyKey", json::object(),
       "params.idempotencyKey must be a string; it was given an object."},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.key);
    json j = good_params();
    if (c.value.is_null()) {
      j.erase(c.key);
    } else {
      j[c.key] = c.value;
    }
    CashappParams p;
    std::optional<Error> error;
    ASSERT_FALSE(read_cashapp_params(JsonReader(j), p, error));
    ASSERT_TRUE(error.has_value());
    EXPECT_TRUE(error->is_integration_error());
    EXPECT_EQ(error->code, "invalid_flow_argument");
    EXPECT_EQ(error->param, c.key);
    EXPECT_EQ(error->message, c.message);
  }
}

TEST(FlowParamsReader, ASecretOfTheWrongTypeIsNeverEchoed) {
  json j = good_params();
  j["returnUrl"] = 5;
  j["clientSecret"] = "pi_1_secret_2";
  CashappParams p;
  std::optional<Error> error;
  ASSERT_FALSE(read_cashapp_params(JsonReader(j), p, error));
  EXPECT_EQ(error->message.find("secret_2"), std::string::npos);
}

TEST(FlowParamsReader, ConfigAndKind) {
  const json config = {{"publishableKey", "pk_test_1"}, {"apiBase", "https://api.example.test"}};
  FlowConfig c;
  std::optional<Error> error;
  ASSERT_TRUE(read_flow_config(JsonReader(config), c, error));
  EXPECT_EQ(c.publishable_key, "pk_test_1");
  EXPECT_EQ(c.api_base, "https://api.example.test");
  const json no_base = {{"publishableKey", "pk_test_1"}};
  FlowConfig unused;
  ASSERT_FALSE(read_flow_config(JsonReader(no_base), unused, error));
  EXPECT_EQ(error->message, "config.apiBase must be a string; it was given nothing.");

  const json name = "cashapp_confirm";
  FlowKind kind = FlowKind::cashapp_confirm;
  std::optional<Error> kind_error;
  EXPECT_TRUE(read_flow_kind(JsonReader(name), kind, kind_error));
  const json unknown = "terminal";
  ASSERT_FALSE(read_flow_kind(JsonReader(unknown), kind, kind_error));
  EXPECT_TRUE(kind_error->is_integration_error());
  EXPECT_EQ(kind_error->param, "kind");
  EXPECT_EQ(kind_error->message,
            "flowCreate.kind must be \"cashapp_confirm\"; it was given \"terminal\".");
}

FlowEvent event_of(const json& j) {
  FlowEvent e;
  std::optional<Error> error;
  EXPECT_TRUE(read_flow_event(JsonReader(j), e, error)) << (error ? error->message : "");
  return e;
}

TEST(FlowParamsReader, ReadsEachInputByName) {
  using Type = FlowEvent::Type;
  EXPECT_EQ(event_of({{"type", "start"}}).type, Type::start);
  const FlowEvent timer = event_of({{"type", "timer"}, {"timerId", 7}});
  EXPECT_EQ(timer.type, Type::timer);
  EXPECT_EQ(timer.id, 7u);
  const FlowEvent hidden = event_of({{"type", "visibility"}, {"visible", false}});
  EXPECT_EQ(hidden.type, Type::visibility);
  EXPECT_FALSE(hidden.visible);
  EXPECT_TRUE(event_of({{"type", "visibility"}, {"visible", true}}).visible);
  const FlowEvent net = event_of({{"type", "network_failure"}, {"requestId", 3}});
  EXPECT_EQ(net.type, Type::network_failure);
  EXPECT_EQ(net.id, 3u);
  EXPECT_EQ(event_of({{"type", "cancel"}}).type, Type::cancel);
  const FlowEvent response = event_of({{"type", "response"}, {"requestId", 2}, {"status", 200}, {"body", nullptr}});
  EXPECT_EQ(response.type, Type::response);
  EXPECT_EQ(response.id, 2u);
  EXPECT_EQ(response.status, 200);
}

TEST(FlowParamsReader, IllTypedInputsAreIntegrationErrors) {
  const json cases[] = {
      {{"type", 0}},
      {{"type", "tick"}},
      {{"type", "timer"}},
      {{"type", "timer"}, {"timerId", -1}},
      {{"type", "timer"}, {"timerId", 1.5}},
      {{"type", "response"}, {"requestId", 1}},
      {{"type", "visibility"}, {"visible", 1}},
      {{"type", "network_failure"}, {"requestId", 4294967296.0}},
  };
  for (const json& c : cases) {
    SCOPED_TRACE(c.dump());
    FlowEvent unused;
    std::optional<Error> error;
    ASSERT_FALSE(read_flow_event(JsonReader(c), unused, error));
    ASSERT_TRUE(error.has_value());
    EXPECT_TRUE(error->is_integration_error());
    EXPECT_EQ(error->code, "invalid_flow_argument");
  }
  FlowEvent unused;
  std::optional<Error> tick;
  EXPECT_FALSE(read_flow_event(JsonReader(json{{"type", "tick"}}), unused, tick));
  EXPECT_EQ(tick->message,
            "input.type must be \"start\", \"response\", \"network_failure\", \"timer\", "
            "\"visibility\" or \"cancel\"; it was given \"tick\".");
}

}  // namespace
}  // namespace setupflow
