// Issue 12's wire fidelity: every parameter takes effect or is refused with a
// clear error that changes nothing; booleans as official clients send them.
#include "harness.hpp"

namespace setupflow::sandbox::testing {
namespace {

class Params : public SandboxTest {
 protected:
  size_t count(const std::string& list) { return get(list + "?limit=100").body["data"].size(); }
};

const std::string kReturn = "&return_url=https%3A%2F%2Fshop.example%2F";

// python-stripe 5 sends True/False; Stripe reads booleans case-insensitively.
TEST_F(Params, BooleansAsPythonStripeSendsThem) {
  auto si = post("/v1/setup_intents",
                 "customer=" + customer() + "&confirm=True&payment_method_data[type]=cashapp" + kReturn);
  ASSERT_EQ(si.status(), 200) << si.raw.body;
  EXPECT_EQ(si.body["status"], "requires_action");
  auto off = post("/v1/payment_intents", "amount=100&currency=usd&off_session=False&confirm=False");
  ASSERT_EQ(off.status(), 200) << off.raw.body;
  EXPECT_EQ(off.body["status"], "requires_payment_method");
  for (const char* bad : {"yes", "1", "truee", "TRUE!"}) {
    auto r = post("/v1/setup_intents", std::string("confirm=") + bad);
    EXPECT_EQ(r.error_code(), "parameter_invalid_boolean") << bad;
    EXPECT_EQ(r.error_param(), "confirm");
  }
  auto infer = post("/v1/setup_intents/" + post("/v1/setup_intents", "").body["id"].get<std::string>() + "/confirm",
                    "payment_method_data[type]=cashapp" + kReturn +
                        "&mandate_data[customer_acceptance][type]=online"
                        "&mandate_data[customer_acceptance][online][infer_from_client]=maybe");
  EXPECT_EQ(infer.error_param(), "mandate_data[customer_acceptance][online][infer_from_client]");
}

// payment_method_data on create makes the PaymentMethod and sets it, so a
// later server-side confirm works (it used to be dropped).
TEST_F(Params, PaymentMethodDataOnCreateSetsThePaymentMethod) {
  auto si = post("/v1/setup_intents", "customer=" + customer() +
                                          "&payment_method_data[type]=cashapp"
                                          "&payment_method_data[billing_details][name]=Ada"
                                          "&payment_method_data[metadata][order]=42");
  ASSERT_EQ(si.status(), 200) << si.raw.body;
  EXPECT_EQ(si.body["status"], "requires_confirmation");
  const std::string pm = si.body["payment_method"];
  auto shown = get("/v1/payment_methods/" + pm).body;
  EXPECT_EQ(shown["type"], "cashapp");
  EXPECT_EQ(shown["billing_details"]["name"], "Ada");
  EXPECT_EQ(shown["metadata"]["order"], "42");
  auto confirmed = post("/v1/setup_intents/" + si.body["id"].get<std::string>() + "/confirm", kReturn.substr(1));
  ASSERT_EQ(confirmed.status(), 200) << confirmed.raw.body;
  EXPECT_EQ(confirmed.body["status"], "requires_action");
  EXPECT_EQ(confirmed.body["payment_method"], pm);

  // With confirm=true: one PaymentMethod, the one set on the intent.
  auto once = post("/v1/setup_intents", "confirm=true&payment_method_data[type]=cashapp" + kReturn);
  ASSERT_EQ(once.status(), 200) << once.raw.body;
  EXPECT_EQ(once.body["status"], "requires_action");
  auto both = post("/v1/setup_intents", "payment_method=" + pm + "&payment_method_data[type]=cashapp");
  EXPECT_EQ(both.status(), 400);
  auto card = post("/v1/setup_intents", "payment_method_data[type]=card");
  EXPECT_EQ(card.error_param(), "payment_method_data[type]");
}

TEST_F(Params, UnsupportedParametersAreRefusedAndChangeNothing) {
  const size_t before = count("/v1/setup_intents");
  for (const std::string& body :
       {std::string("payment_method_options[cashapp][setup_future_usage]=off_session"), std::string("use_stripe_sdk=true"),
        std::string("automatic_payment_methods[enabled]=true"), std::string("on_behalf_of=acct_1")}) {
    auto r = post("/v1/setup_intents", body);
    EXPECT_EQ(r.status(), 400) << body;
    EXPECT_EQ(r.error_code(), "parameter_unsupported") << body;
    EXPECT_NE(r.body["error"]["message"].get<std::string>().find("The sandbox does not support"), std::string::npos);
  }
  EXPECT_EQ(count("/v1/setup_intents"), before);
  auto pi = post("/v1/payment_intents", "amount=100&currency=usd&payment_method_options[cashapp][x]=1");
  EXPECT_EQ(pi.error_code(), "parameter_unsupported");
  EXPECT_EQ(pi.error_param(), "payment_method_options");
  auto we = post("/v1/webhook_endpoints", "url=https%3A%2F%2Fa.example%2F&enabled_events[]=*&connect=true");
  EXPECT_EQ(we.error_param(), "connect");
  auto version = post("/v1/webhook_endpoints", "url=https%3A%2F%2Fa.example%2F&enabled_events[]=*&api_version=2020-08-27");
  EXPECT_EQ(version.error_code(), "parameter_unsupported");
  EXPECT_EQ(count("/v1/webhook_endpoints"), 0u);
  auto expand = get("/v1/setup_intents/" + post("/v1/setup_intents", "").body["id"].get<std::string>() +
                    "?expand[]=next_action");
  EXPECT_EQ(expand.error_param(), "expand");
  auto cus = customer();
  EXPECT_EQ(get("/v1/customers/" + cus + "/payment_methods?customer=" + cus).error_code(), "parameter_unknown");
}

TEST_F(Params, ConfirmOnlyParametersNeedConfirm) {
  for (const std::string& body :
       {kReturn.substr(1), std::string("mandate_data[customer_acceptance][type]=online")}) {
    auto r = post("/v1/setup_intents", body);
    EXPECT_EQ(r.status(), 400) << body;
    EXPECT_NE(r.body["error"]["message"].get<std::string>().find("confirm=true"), std::string::npos);
  }
  EXPECT_EQ(count("/v1/setup_intents"), 0u);
}

TEST_F(Params, PaymentIntentConfirmParameters) {
  json pi = post("/v1/payment_intents", "amount=100&currency=usd&customer=" + customer()).body;
  const std::string id = pi["id"], secret = pi["client_secret"];
  auto pk_off = post("/v1/payment_intents/" + id + "/confirm",
                     "client_secret=" + secret + "&off_session=true&payment_method_data[type]=cashapp" + kReturn, kPk);
  EXPECT_EQ(pk_off.error_param(), "off_session");
  auto sfu = post("/v1/payment_intents/" + id + "/confirm",
                  "setup_future_usage=off_session&payment_method_data[type]=cashapp" + kReturn);
  ASSERT_EQ(sfu.status(), 200) << sfu.raw.body;
  EXPECT_EQ(sfu.body["setup_future_usage"], "off_session");
}

TEST_F(Params, WebhookEndpointListHonoursLimit) {
  for (int i = 0; i < 3; ++i) post("/v1/webhook_endpoints", "url=https%3A%2F%2Fa.example%2F&enabled_events[]=*");
  EXPECT_EQ(get("/v1/webhook_endpoints?limit=2").body["data"].size(), 2u);
  EXPECT_EQ(get("/v1/webhook_endpoints").body["data"].size(), 3u);
}

// Events name the API request that caused them (Stripe's request.id and
// idempotency_key); the simulated Cash App's decisions are automatic (null).
TEST_F(Params, EventsNameTheRequestThatCausedThem) {
  auto created = post("/v1/customers", "email=r%40example.com", kSk, {{"idempotency-key", "k-1"}});
  const std::string request_id = created.raw.header("Request-Id");
  ASSERT_EQ(request_id.rfind("req_", 0), 0u);
  json event = get("/v1/events?type=customer.created").body["data"][0];
  EXPECT_EQ(event["request"]["id"], request_id);
  EXPECT_EQ(event["request"]["idempotency_key"], "k-1");
  json si = confirmed_setup_intent(customer());
  approve(si);
  json succeeded = get("/v1/events?type=setup_intent.succeeded").body["data"][0];
  EXPECT_TRUE(succeeded["request"]["id"].is_null());
}

// Every confirmation of a SetupIntent records a SetupAttempt (latest_attempt),
// which ends succeeded, failed (with setup_error) or abandoned.
TEST_F(Params, SetupAttemptsFollowEachConfirmation) {
  const std::string cus = customer();
  json first = confirmed_setup_intent(cus);
  const std::string id = first["id"];
  const std::string attempt = first["latest_attempt"];
  ASSERT_EQ(attempt.rfind("setatt_", 0), 0u);
  call("POST", phone_path(first), "action=decline", "");
  auto list = get("/v1/setup_attempts?setup_intent=" + id).body;
  ASSERT_EQ(list["data"].size(), 1u);
  EXPECT_EQ(list["data"][0]["status"], "failed");
  EXPECT_EQ(list["data"][0]["setup_error"]["code"], "payment_method_provider_decline");
  EXPECT_EQ(list["data"][0]["customer"], cus);

  auto again = post("/v1/setup_intents/" + id + "/confirm",
                    "payment_method_data[type]=cashapp&return_url=https%3A%2F%2Fshop.example%2F").body;
  ASSERT_NE(again["latest_attempt"], attempt);
  approve(again);
  auto expanded = get("/v1/setup_intents/" + id + "?expand[]=latest_attempt").body;
  EXPECT_EQ(expanded["latest_attempt"]["object"], "setup_attempt");
  EXPECT_EQ(expanded["latest_attempt"]["status"], "succeeded");
  EXPECT_EQ(expanded["latest_attempt"]["payment_method"], expanded["payment_method"]);
  list = get("/v1/setup_attempts?setup_intent=" + id + "&limit=1").body;
  EXPECT_EQ(list["data"].size(), 1u);
  EXPECT_TRUE(list["has_more"]);

  json canceled = confirmed_setup_intent(cus);
  post("/v1/setup_intents/" + canceled["id"].get<std::string>() + "/cancel");
  EXPECT_EQ(get("/v1/setup_attempts?setup_intent=" + canceled["id"].get<std::string>()).body["data"][0]["status"],
            "abandoned");
  EXPECT_EQ(get("/v1/setup_attempts").error_param(), "setup_intent");
}

// --no-extensions: the next action carries exactly Stripe's fields (no
// qr_code.data); the phone page is still reached through mobile_auth_url.
TEST_F(Params, ExtensionsCanBeTurnedOff) {
  EXPECT_TRUE(confirmed_setup_intent(customer())["next_action"]["cashapp_handle_redirect_or_display_qr_code"]["qr_code"]
                  .contains("data"));
  Config config;
  config.extensions = false;
  Sandbox plain(config, store_, env_);
  json si = call_on(plain, "POST", "/v1/setup_intents", "confirm=true&payment_method_data[type]=cashapp" + kReturn).body;
  const json& action = si["next_action"]["cashapp_handle_redirect_or_display_qr_code"];
  EXPECT_FALSE(action["qr_code"].contains("data"));
  for (const char* field : {"expires_at", "image_url_png", "image_url_svg"}) EXPECT_TRUE(action["qr_code"].contains(field));
  EXPECT_TRUE(action.contains("mobile_auth_url"));
}

}  // namespace
}  // namespace setupflow::sandbox::testing
