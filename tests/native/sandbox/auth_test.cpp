// Authentication, the publishable-key rules, CORS.
#include "harness.hpp"

namespace setupflow::sandbox::testing {
namespace {

using Auth = SandboxTest;

TEST_F(Auth, MissingAndWrongKeysAre401) {
  auto none = post("/v1/customers", "", "");
  EXPECT_EQ(none.status(), 401);
  EXPECT_EQ(none.error_type(), "authentication_error");
  auto wrong = post("/v1/customers", "", "sk_test_notthekey1234");
  EXPECT_EQ(wrong.status(), 401);
  EXPECT_EQ(wrong.error_code(), "api_key_invalid");
  // The key is never echoed in full.
  EXPECT_EQ(wrong.raw.body.find("sk_test_notthekey1234"), std::string::npos);
}

TEST_F(Auth, BasicAuthWithTheKeyAsUserName) {
  // base64("sk_test_setupflowsandbox:")
  auto r = call("POST", "/v1/customers", "", "", {{"authorization", "Basic c2tfdGVzdF9zZXR1cGZsb3dzYW5kYm94Og=="}});
  EXPECT_EQ(r.status(), 200) << r.raw.body;
  auto bad = call("POST", "/v1/customers", "", "", {{"authorization", "Basic !!!"}});
  EXPECT_EQ(bad.status(), 401);
}

TEST_F(Auth, PublishableKeyIsRefusedOnServerEndpoints) {
  for (auto [method, path] : std::vector<std::pair<std::string, std::string>>{
           {"POST", "/v1/customers"}, {"POST", "/v1/setup_intents"}, {"GET", "/v1/events"},
           {"POST", "/v1/test_helpers/advance_clock"}, {"GET", "/v1/payment_methods?customer=cus_x"}}) {
    auto r = call(method, path, "", kPk);
    EXPECT_EQ(r.status(), 401) << path;
    EXPECT_EQ(r.error_code(), "secret_key_required") << path;
  }
}

TEST_F(Auth, PublishableKeyNeedsTheMatchingClientSecret) {
  json si = confirmed_setup_intent(customer());
  const std::string id = si["id"], secret = si["client_secret"];
  auto no_secret = get("/v1/setup_intents/" + id, kPk);
  EXPECT_EQ(no_secret.status(), 400);
  EXPECT_EQ(no_secret.error_param(), "client_secret");
  auto wrong = get("/v1/setup_intents/" + id + "?client_secret=" + id + "_secret_wrong", kPk);
  EXPECT_EQ(wrong.status(), 400);
  EXPECT_EQ(wrong.error_code(), "client_secret_mismatch");
  EXPECT_EQ(wrong.raw.body.find(secret), std::string::npos);
  auto ok = get("/v1/setup_intents/" + id + "?client_secret=" + secret, kPk);
  ASSERT_EQ(ok.status(), 200);
  for (const char* hidden : {"customer", "mandate", "metadata", "latest_attempt"})
    EXPECT_FALSE(ok.body.contains(hidden)) << hidden;
  EXPECT_EQ(ok.body["status"], "requires_action");
  EXPECT_TRUE(ok.body.contains("next_action"));
}

TEST_F(Auth, PublishableKeyInTheBodyConfirmsLikeTheBrowser) {
  auto si = post("/v1/setup_intents", "customer=" + customer()).body;
  const std::string body = "key=" + std::string(kPk) + "&client_secret=" + si["client_secret"].get<std::string>() +
                           "&payment_method_data[type]=cashapp&return_url=https%3A%2F%2Fshop.example%2F"
                           "&mandate_data[customer_acceptance][type]=online"
                           "&mandate_data[customer_acceptance][online][infer_from_client]=true&expand[]=payment_method";
  auto r = post("/v1/setup_intents/" + si["id"].get<std::string>() + "/confirm", body, "");
  ASSERT_EQ(r.status(), 200) << r.raw.body;
  EXPECT_EQ(r.body["status"], "requires_action");
  EXPECT_EQ(r.body["payment_method"]["type"], "cashapp");
  EXPECT_FALSE(r.body.contains("customer"));
  EXPECT_EQ(r.raw.header("Access-Control-Allow-Origin"), "*");
}

TEST_F(Auth, PublishableKeyCannotReachAnotherKindOfIntent) {
  auto si = post("/v1/setup_intents", "").body;
  auto r = get("/v1/payment_intents/" + si["id"].get<std::string>() + "?client_secret=" +
                   si["client_secret"].get<std::string>(),
               kPk);
  EXPECT_EQ(r.status(), 404);
}

TEST_F(Auth, CorsOnlyOnBrowserEndpoints) {
  auto si = post("/v1/setup_intents", "").body;
  auto secret_call = get("/v1/setup_intents/" + si["id"].get<std::string>());
  // Finding 4 of issue 12: a secret-key answer is never readable cross-origin,
  // even on a browser route.
  EXPECT_EQ(secret_call.raw.header("Access-Control-Allow-Origin"), "");
  EXPECT_EQ(post("/v1/customers").raw.header("Access-Control-Allow-Origin"), "");
  auto preflight = call("OPTIONS", "/v1/setup_intents/" + si["id"].get<std::string>() + "/confirm", "", "",
                        {{"origin", "https://shop.example"}, {"access-control-request-method", "POST"}});
  EXPECT_EQ(preflight.status(), 204);
  EXPECT_EQ(preflight.raw.header("Access-Control-Allow-Origin"), "*");
  std::string allowed = preflight.raw.header("Access-Control-Allow-Headers");
  for (const char* h : {"Authorization", "Content-Type", "Idempotency-Key", "Stripe-Version"})
    EXPECT_NE(allowed.find(h), std::string::npos) << h;
  auto server_preflight = call("OPTIONS", "/v1/customers", "", "");
  EXPECT_EQ(server_preflight.raw.header("Access-Control-Allow-Origin"), "");
  EXPECT_GE(server_preflight.status(), 400);
  // Errors on browser routes carry CORS too, so the page can read them.
  auto unauth = get("/v1/setup_intents/" + si["id"].get<std::string>(), "");
  EXPECT_EQ(unauth.status(), 401);
  EXPECT_EQ(unauth.raw.header("Access-Control-Allow-Origin"), "*");
}

TEST_F(Auth, UnknownRoutesAre404AndWrongMethods405) {
  auto r = get("/v1/nothing_here");
  EXPECT_EQ(r.status(), 404);
  EXPECT_EQ(r.error_type(), "invalid_request_error");
  EXPECT_EQ(call("DELETE", "/v1/customers").status(), 405);
}

}  // namespace
}  // namespace setupflow::sandbox::testing
