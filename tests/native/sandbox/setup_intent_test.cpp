// SetupIntents: every state transition of the Cash App simulation.
#include "harness.hpp"
#include "intent_json.hpp"

namespace setupflow::sandbox::testing {
namespace {

using SetupIntents = SandboxTest;

// Every intent the sandbox serves must parse with setupflow's own reader.
void expect_parses(const json& intent, IntentKind kind) {
  auto parsed = parse_intent_json(intent.dump(), kind);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message << "\n" << intent.dump(2);
  EXPECT_EQ(parsed->id, intent["id"].get<std::string>());
}

TEST_F(SetupIntents, CreateStartsInRequiresPaymentMethod) {
  auto cus = customer();
  auto r = post("/v1/setup_intents", "customer=" + cus + "&payment_method_types[]=cashapp");
  ASSERT_EQ(r.status(), 200) << r.raw.body;
  EXPECT_EQ(r.body["object"], "setup_intent");
  EXPECT_EQ(r.body["status"], "requires_payment_method");
  EXPECT_EQ(r.body["usage"], "off_session");
  EXPECT_EQ(r.body["customer"], cus);
  EXPECT_EQ(r.body["livemode"], false);
  EXPECT_EQ(r.body["created"], env_.now);
  std::string id = r.body["id"];
  EXPECT_EQ(id.rfind("seti_", 0), 0u);
  EXPECT_EQ(r.body["client_secret"].get<std::string>().rfind(id + "_secret_", 0), 0u);
  EXPECT_FALSE(r.body.contains("_cashapp"));
  expect_parses(r.body, IntentKind::setup);
}

TEST_F(SetupIntents, CreateValidatesItsParameters) {
  EXPECT_EQ(post("/v1/setup_intents", "usage=sometimes").error_param(), "usage");
  EXPECT_EQ(post("/v1/setup_intents", "payment_method_types[]=ideal").error_param(), "payment_method_types[0]");
  auto missing = post("/v1/setup_intents", "customer=cus_nope");
  EXPECT_EQ(missing.status(), 404);
  EXPECT_EQ(missing.error_code(), "resource_missing");
  EXPECT_EQ(missing.error_param(), "customer");
  auto unknown = post("/v1/setup_intents", "colour=blue");
  EXPECT_EQ(unknown.status(), 400);
  EXPECT_EQ(unknown.error_code(), "parameter_unknown");
  EXPECT_EQ(unknown.error_param(), "colour");
  auto nested = post("/v1/setup_intents", "confirm=true&payment_method_data[type]=cashapp&payment_method_data[x]=1"
                                          "&return_url=https%3A%2F%2Fa.example%2F");
  EXPECT_EQ(nested.error_param(), "payment_method_data[x]");
  EXPECT_EQ(post("/v1/setup_intents", "confirm=yes").error_code(), "parameter_invalid_boolean");
}

TEST_F(SetupIntents, ConfirmGivesTheFullCashAppNextAction) {
  json si = confirmed_setup_intent(customer());
  ASSERT_EQ(si["status"], "requires_action") << si.dump(2);
  const json& na = si["next_action"];
  EXPECT_EQ(na["type"], "cashapp_handle_redirect_or_display_qr_code");
  const json& c = na["cashapp_handle_redirect_or_display_qr_code"];
  std::string data = c["qr_code"]["data"];
  EXPECT_EQ(data.rfind("http://127.0.0.1:4242/cashapp/authorize/cat_", 0), 0u);
  EXPECT_EQ(c["mobile_auth_url"], data + "?redirect=1");
  EXPECT_EQ(c["qr_code"]["expires_at"], env_.now + 30);
  EXPECT_EQ(c["qr_code"]["image_url_svg"].get<std::string>().find(".svg") != std::string::npos, true);
  EXPECT_EQ(c["qr_code"]["image_url_png"].get<std::string>().find(".png") != std::string::npos, true);
  EXPECT_EQ(c["hosted_instructions_url"].get<std::string>().rfind("http://127.0.0.1:4242/cashapp/instructions/", 0), 0u);
  EXPECT_EQ(si["payment_method"].get<std::string>().rfind("pm_", 0), 0u);
  expect_parses(si, IntentKind::setup);
}

TEST_F(SetupIntents, ConfirmRequiresAValidReturnUrlAndAPaymentMethod) {
  auto si = post("/v1/setup_intents", "payment_method_types[]=cashapp").body;
  std::string confirm = "/v1/setup_intents/" + si["id"].get<std::string>() + "/confirm";
  EXPECT_EQ(post(confirm, "payment_method_data[type]=cashapp").error_param(), "return_url");
  EXPECT_EQ(post(confirm, "payment_method_data[type]=cashapp&return_url=javascript%3Aalert(1)").error_code(),
            "url_invalid");
  EXPECT_EQ(post(confirm, "return_url=https%3A%2F%2Fa.example%2F").error_param(), "payment_method");
  // Failed confirms change nothing.
  EXPECT_EQ(get("/v1/setup_intents/" + si["id"].get<std::string>()).body["status"], "requires_payment_method");
}

TEST_F(SetupIntents, ApproveSucceedsAttachesAndActivatesAMandate) {
  auto cus = customer();
  json si = confirmed_setup_intent(cus);
  auto answer = approve(si, "&redirect=1");
  ASSERT_EQ(answer.status(), 303);
  std::string location = answer.raw.header("Location");
  EXPECT_EQ(location.rfind("https://shop.example/done?a=1&setup_intent=" + si["id"].get<std::string>(), 0), 0u)
      << location;
  EXPECT_NE(location.find("redirect_status=succeeded"), std::string::npos);
  EXPECT_NE(location.find("redirect_pm_type=cashapp"), std::string::npos);

  json done = get("/v1/setup_intents/" + si["id"].get<std::string>()).body;
  EXPECT_EQ(done["status"], "succeeded");
  EXPECT_TRUE(done["next_action"].is_null());
  json pm = get("/v1/payment_methods/" + done["payment_method"].get<std::string>()).body;
  EXPECT_EQ(pm["customer"], cus);
  EXPECT_EQ(pm["cashapp"]["cashtag"], "$alice");
  EXPECT_EQ(pm["cashapp"]["buyer_id"].get<std::string>().rfind("C_", 0), 0u);
  json mandate = get("/v1/mandates/" + done["mandate"].get<std::string>()).body;
  EXPECT_EQ(mandate["status"], "active");
  EXPECT_EQ(mandate["payment_method"], pm["id"]);
  EXPECT_EQ(mandate["customer_acceptance"]["type"], "online");
  EXPECT_EQ(mandate["customer_acceptance"]["online"]["ip_address"], "127.0.0.1");
  EXPECT_EQ(mandate["customer_acceptance"]["online"]["user_agent"], "test-agent/1.0");
  EXPECT_EQ(mandate["customer_acceptance"]["accepted_at"], env_.now);
  expect_parses(done, IntentKind::setup);
}

TEST_F(SetupIntents, DeclineReturnsToRequiresPaymentMethodWithAnError) {
  auto cus = customer();
  json si = confirmed_setup_intent(cus);
  auto answer = call("POST", phone_path(si), "action=decline&redirect=1", "");
  ASSERT_EQ(answer.status(), 303);
  EXPECT_NE(answer.raw.header("Location").find("redirect_status=failed"), std::string::npos);
  json after = get("/v1/setup_intents/" + si["id"].get<std::string>()).body;
  EXPECT_EQ(after["status"], "requires_payment_method");
  EXPECT_TRUE(after["payment_method"].is_null());
  EXPECT_EQ(after["last_setup_error"]["code"], "payment_method_provider_decline");
  EXPECT_EQ(after["last_setup_error"]["type"], "card_error");
  EXPECT_TRUE(get("/v1/payment_methods/" + si["payment_method"].get<std::string>()).body["customer"].is_null());
  EXPECT_EQ(get("/v1/customers/" + cus + "/payment_methods").body["data"].size(), 0u);
  expect_parses(after, IntentKind::setup);
  // The same code cannot be used again.
  EXPECT_EQ(approve(si).status(), 410);
  // A new confirm starts over.
  auto again = post("/v1/setup_intents/" + si["id"].get<std::string>() + "/confirm",
                    "payment_method_data[type]=cashapp&return_url=https%3A%2F%2Fa.example%2F");
  EXPECT_EQ(again.body["status"], "requires_action");
  EXPECT_TRUE(again.body["last_setup_error"].is_null());
}

// 30 s codes within a 10-minute session allow 19 refreshes; the 20-refresh cap
// of WIRE.md is never the binding limit at this cadence.
TEST_F(SetupIntents, QrRefreshesEvery30SecondsUntilTheSessionEnds) {
  json si = confirmed_setup_intent(customer());
  const std::string path = "/v1/setup_intents/" + si["id"].get<std::string>();
  std::string data = si["next_action"]["cashapp_handle_redirect_or_display_qr_code"]["qr_code"]["data"];
  advance(29);
  EXPECT_EQ(get(path).body["next_action"]["cashapp_handle_redirect_or_display_qr_code"]["qr_code"]["data"], data);
  json previous = si;
  for (int i = 1; i <= 19; ++i) {
    advance(i == 1 ? 1 : 30);
    json now = get(path).body;
    ASSERT_EQ(now["status"], "requires_action") << "refresh " << i;
    std::string fresh = now["next_action"]["cashapp_handle_redirect_or_display_qr_code"]["qr_code"]["data"];
    EXPECT_NE(fresh, data);
    EXPECT_EQ(now["next_action"]["cashapp_handle_redirect_or_display_qr_code"]["qr_code"]["expires_at"], env_.now + 30);
    data = fresh;
    previous = now;
  }
  advance(30);
  json failed = get(path).body;
  EXPECT_EQ(failed["status"], "requires_payment_method");
  EXPECT_EQ(failed["last_setup_error"]["code"], "setup_intent_authentication_failure");
  EXPECT_EQ(approve(previous).status(), 410);
}

TEST_F(SetupIntents, AnOldCodeStaysUsableFor60SecondsWithinItsSession) {
  json si = confirmed_setup_intent(customer());
  advance(45);
  get("/v1/setup_intents/" + si["id"].get<std::string>());  // hands out a fresh code
  EXPECT_EQ(approve(si).status(), 200);
}

TEST_F(SetupIntents, SessionExpiresAfterTenMinutesViaAdvanceClock) {
  json si = confirmed_setup_intent(customer());
  auto clock = post("/v1/test_helpers/advance_clock", "seconds=600");
  ASSERT_EQ(clock.status(), 200);
  EXPECT_EQ(clock.body["now"], env_.now + 600);
  json after = get("/v1/setup_intents/" + si["id"].get<std::string>()).body;
  EXPECT_EQ(after["status"], "requires_payment_method");
  EXPECT_EQ(after["last_setup_error"]["code"], "setup_intent_authentication_failure");
  auto events = get("/v1/events?type=setup_intent.setup_failed").body["data"];
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0]["data"]["object"]["id"], si["id"]);
}

TEST_F(SetupIntents, CancelAndItsStateRules) {
  json si = confirmed_setup_intent(customer());
  std::string base = "/v1/setup_intents/" + si["id"].get<std::string>();
  EXPECT_EQ(post(base + "/cancel", "cancellation_reason=whatever").error_param(), "cancellation_reason");
  auto canceled = post(base + "/cancel", "cancellation_reason=abandoned");
  EXPECT_EQ(canceled.body["status"], "canceled");
  EXPECT_EQ(canceled.body["cancellation_reason"], "abandoned");
  EXPECT_TRUE(canceled.body["next_action"].is_null());
  auto again = post(base + "/cancel");
  EXPECT_EQ(again.error_code(), "setup_intent_unexpected_state");
  EXPECT_EQ(again.body["error"]["message"],
            "You cannot cancel this SetupIntent because it has a status of canceled.");
  EXPECT_EQ(again.body["error"]["setup_intent"]["id"], si["id"]);
  EXPECT_EQ(get("/v1/events?type=setup_intent.canceled").body["data"].size(), 1u);
  auto confirm = post(base + "/confirm", "payment_method_data[type]=cashapp&return_url=https%3A%2F%2Fa.example%2F");
  EXPECT_EQ(confirm.error_code(), "setup_intent_unexpected_state");
  EXPECT_EQ(confirm.body["error"]["setup_intent"]["status"], "canceled");
  EXPECT_EQ(approve(si).status(), 410);
}

TEST_F(SetupIntents, SucceededCannotBeConfirmedOrCanceled) {
  json si = confirmed_setup_intent(customer());
  approve(si);
  std::string base = "/v1/setup_intents/" + si["id"].get<std::string>();
  EXPECT_EQ(post(base + "/cancel").error_code(), "setup_intent_unexpected_state");
  EXPECT_EQ(post(base + "/confirm", "return_url=https%3A%2F%2Fa.example%2F").error_code(),
            "setup_intent_unexpected_state");
}

TEST_F(SetupIntents, CreateWithConfirmAndWithPaymentMethod) {
  auto cus = customer();
  auto direct = post("/v1/setup_intents", "customer=" + cus + "&confirm=true&payment_method_data[type]=cashapp"
                                          "&return_url=https%3A%2F%2Fa.example%2F");
  EXPECT_EQ(direct.body["status"], "requires_action");
  auto with_pm = post("/v1/setup_intents", "payment_method=" + direct.body["payment_method"].get<std::string>());
  EXPECT_EQ(with_pm.body["status"], "requires_confirmation");
}

TEST_F(SetupIntents, UpdateListAndExpand) {
  auto cus = customer();
  json si = confirmed_setup_intent(cus);
  std::string base = "/v1/setup_intents/" + si["id"].get<std::string>();
  auto updated = post(base, "metadata[order]=42&description=first");
  EXPECT_EQ(updated.body["metadata"]["order"], "42");
  EXPECT_EQ(updated.body["description"], "first");
  EXPECT_EQ(post(base, "metadata[order]=").body["metadata"].size(), 0u);
  EXPECT_EQ(post(base, "usage=on_session").error_code(), "parameter_unknown");
  auto expanded = get(base + "?expand[]=payment_method");
  EXPECT_EQ(expanded.body["payment_method"]["object"], "payment_method");
  auto indexed = get(base + "?expand[0]=customer");
  EXPECT_EQ(indexed.body["customer"]["object"], "customer");
  auto list = get("/v1/setup_intents?customer=" + cus);
  EXPECT_EQ(list.body["object"], "list");
  ASSERT_EQ(list.body["data"].size(), 1u);
  EXPECT_EQ(list.body["data"][0]["id"], si["id"]);
}

TEST_F(SetupIntents, PrivateStateIsNeverServed) {
  json si = confirmed_setup_intent(customer());
  EXPECT_EQ(si.dump().find("\"_"), std::string::npos);
  auto events = get("/v1/events").body.dump();
  EXPECT_EQ(events.find("\"_cashapp"), std::string::npos);
}

}  // namespace
}  // namespace setupflow::sandbox::testing
