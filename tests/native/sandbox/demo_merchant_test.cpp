// The hosted demo's merchant server: it drives the API with the secret key
// like a merchant's own server, and accepts only correctly signed webhooks.
#include "demo_merchant.hpp"

#include "harness.hpp"
#include "setupflow/form_encoding.hpp"
#include "webhook_signing.hpp"

namespace setupflow::sandbox::testing {
namespace {

class DemoMerchantTest : public SandboxTest {
 protected:
  DemoMerchantTest() : merchant_(sandbox_, [this] { return wall_; }) {
    // The session a demo page's cookie carries (issue 12, finding 3).
    const std::string set_cookie = merchant_.page_cookie(Request{});
    cookie_ = set_cookie.substr(0, set_cookie.find(';'));
  }

  // As the demo's own pages call it: session cookie, same-origin Origin.
  // `target` may carry a query.
  Reply demo(const std::string& method, const std::string& target, const std::string& body = "",
             std::map<std::string, std::string> headers = {}) {
    Request req;
    req.method = method;
    const size_t q = target.find('?');
    req.path = target.substr(0, q);
    if (q != std::string::npos) req.query = target.substr(q + 1);
    req.body = body;
    req.headers = std::move(headers);
    req.headers.emplace("cookie", cookie_);
    req.headers.emplace("host", "127.0.0.1:4242");
    req.headers.emplace("origin", "http://127.0.0.1:4242");
    Reply r;
    r.raw = merchant_.handle(req);
    r.body = json::parse(r.raw.body, nullptr, false);
    return r;
  }
  Reply webhook(const std::string& payload, const std::string& signature) {
    return demo("POST", "/demo/webhooks", payload, {{"stripe-signature", signature}});
  }

  // A SetupIntent from this session's checkout, confirmed by the API.
  json demo_confirmed_setup_intent() {
    const std::string secret = demo("POST", "/demo/api/checkout", "mode=setup").body["client_secret"];
    const std::string id = secret.substr(0, secret.find("_secret_"));
    return post("/v1/setup_intents/" + id + "/confirm",
                "payment_method_data[type]=cashapp&return_url=https%3A%2F%2Fshop.example%2Fdone")
        .body;
  }

  int64_t wall_ = 1767225600;
  std::string cookie_;
  DemoMerchant merchant_;
};

TEST_F(DemoMerchantTest, ServesOnlyItsOwnPaths) {
  EXPECT_TRUE(DemoMerchant::handles("/demo/api/checkout"));
  EXPECT_TRUE(DemoMerchant::handles("/demo/phone/seti_1"));
  EXPECT_TRUE(DemoMerchant::handles("/demo/webhooks"));
  EXPECT_FALSE(DemoMerchant::handles("/v1/setup_intents"));
  EXPECT_FALSE(DemoMerchant::handles("/demo/index.html"));
  EXPECT_FALSE(DemoMerchant::handles("/cashapp/authorize/cat_1"));
}

TEST_F(DemoMerchantTest, ConfigGivesThePublishableKeyNeverTheSecretKey) {
  Reply r = demo("GET", "/demo/api/config");
  ASSERT_EQ(r.status(), 200);
  EXPECT_EQ(r.body["publishable_key"], kPk);
  EXPECT_EQ(r.raw.body.find("sk_test_"), std::string::npos);
}

TEST_F(DemoMerchantTest, CheckoutCreatesACustomerOnceAndAnOffSessionSetupIntent) {
  Reply first = demo("POST", "/demo/api/checkout", "mode=setup&email=rider%40example.com");
  ASSERT_EQ(first.status(), 200) << first.raw.body;
  const std::string secret = first.body["client_secret"];
  ASSERT_EQ(secret.rfind("seti_", 0), 0u);
  const std::string id = secret.substr(0, secret.find("_secret_"));
  Reply si = get("/v1/setup_intents/" + id);
  EXPECT_EQ(si.body["customer"], first.body["customer"]);
  EXPECT_EQ(si.body["usage"], "off_session");
  EXPECT_EQ(si.body["payment_method_types"], json::array({"cashapp"}));

  // The same email is the same customer.
  Reply second = demo("POST", "/demo/api/checkout", "mode=payment&email=rider%40example.com");
  ASSERT_EQ(second.status(), 200) << second.raw.body;
  EXPECT_EQ(second.body["customer"], first.body["customer"]);
  const std::string pi_secret = second.body["client_secret"];
  ASSERT_EQ(pi_secret.rfind("pi_", 0), 0u);
  Reply pi = get("/v1/payment_intents/" + pi_secret.substr(0, pi_secret.find("_secret_")));
  EXPECT_EQ(pi.body["setup_future_usage"], "off_session");
  EXPECT_EQ(pi.body["currency"], "usd");
}

TEST_F(DemoMerchantTest, SavedMethodIsListedChargedOffSessionAndDetached) {
  const std::string cus = customer();
  json si = confirmed_setup_intent(cus);
  ASSERT_EQ(approve(si).status(), 200);

  Reply list = demo("GET", "/demo/api/customers");
  ASSERT_EQ(list.status(), 200);
  ASSERT_EQ(list.body["data"].size(), 1u);
  const json& pms = list.body["data"][0]["payment_methods"];
  ASSERT_EQ(pms.size(), 1u);
  EXPECT_EQ(pms[0]["cashapp"]["cashtag"], "$alice");
  EXPECT_EQ(pms[0]["mandate"]["status"], "active");
  const std::string pm = pms[0]["id"];

  Reply charged = demo("POST", "/demo/api/charge", "customer=" + cus + "&payment_method=" + pm + "&amount=2500");
  ASSERT_EQ(charged.status(), 200) << charged.raw.body;
  EXPECT_EQ(charged.body["payment_intent"]["status"], "succeeded");
  EXPECT_EQ(charged.body["payment_intent"]["amount"], 2500);

  // A magic declining amount shows the declined PaymentIntent, not a crash.
  Reply declined = demo("POST", "/demo/api/charge", "customer=" + cus + "&payment_method=" + pm + "&amount=400002");
  ASSERT_EQ(declined.status(), 200) << declined.raw.body;
  EXPECT_NE(declined.body["payment_intent"]["status"], "succeeded");
  EXPECT_TRUE(declined.body["payment_intent"]["last_payment_error"].is_object());

  Reply detached = demo("POST", "/demo/api/detach", "payment_method=" + pm);
  ASSERT_EQ(detached.status(), 200);
  EXPECT_TRUE(detached.body["payment_method"]["customer"].is_null());
  EXPECT_TRUE(demo("GET", "/demo/api/customers").body["data"][0]["payment_methods"].empty());

  EXPECT_EQ(demo("POST", "/demo/api/detach", "payment_method=..%2Fv1").status(), 400);
}

TEST_F(DemoMerchantTest, PhoneRedirectsToTheIntentsCurrentApprovalPage) {
  json si = demo_confirmed_setup_intent();  // a session opens only its own checkouts' intents
  Reply r = demo("GET", "/demo/phone/" + si["id"].get<std::string>());
  EXPECT_EQ(r.status(), 303);
  EXPECT_EQ(r.raw.header("Location"),
            si["next_action"]["cashapp_handle_redirect_or_display_qr_code"]["qr_code"]["data"]);
  // Nothing waiting: 404, and ids that are not ids are refused.
  json fresh = post("/v1/setup_intents", "customer=" + customer()).body;
  EXPECT_EQ(demo("GET", "/demo/phone/" + fresh["id"].get<std::string>()).status(), 404);
  EXPECT_EQ(demo("GET", "/demo/phone/seti_1%2F..%2Fx").status(), 404);
}

TEST_F(DemoMerchantTest, WebhooksNeedAValidRecentSignatureAndAreShownOnce) {
  const std::string secret = "whsec_demo";
  merchant_.set_webhook_secret(secret);
  const std::string event =
      R"({"id":"evt_1","object":"event","type":"setup_intent.succeeded","created":1767225600,)"
      R"("data":{"object":{"id":"seti_1","object":"setup_intent"}}})";
  const std::string good = stripe_signature(secret, wall_, event);

  EXPECT_EQ(webhook(event, "").status(), 400);
  EXPECT_EQ(webhook(event, stripe_signature("whsec_other", wall_, event)).status(), 400);
  EXPECT_EQ(webhook(event + " ", good).status(), 400);  // body changed after signing
  EXPECT_EQ(webhook(event, stripe_signature(secret, wall_ - 301, event)).status(), 400);  // too old
  EXPECT_TRUE(demo("GET", "/demo/api/events").body["data"].empty());

  EXPECT_EQ(webhook(event, good).status(), 200);
  EXPECT_EQ(webhook(event, good).status(), 200);  // redelivery: accepted, shown once
  // Any one of several v1 signatures may match (Stripe rolls secrets this way).
  EXPECT_EQ(webhook(event, "t=" + std::to_string(wall_) + ",v1=00,v1=" +
                               hmac_sha256_hex(secret, std::to_string(wall_) + "." + event))
                .status(),
            200);
  Reply events = demo("GET", "/demo/api/events");
  ASSERT_EQ(events.body["data"].size(), 1u);
  EXPECT_EQ(events.body["data"][0]["type"], "setup_intent.succeeded");
  EXPECT_EQ(events.body["data"][0]["object_id"], "seti_1");
}

// A MOTO start's JSON body as <setupflow-moto> sends it.
json moto_start(const std::string& reader, const std::string& customer, int64_t accepted_at) {
  return {{"reader", reader},
          {"customer", customer},
          {"consent",
           {{"terms_version", "moto-2026-12-en"},
            {"locale", "en"},
            {"text", "You authorize Rocket Rides to keep the card you give today."},
            {"customer", customer},
            {"agent", DemoMoto::kAgent},
            {"channel", "telephone"},
            {"allow_redisplay", "limited"},
            {"accepted_at", accepted_at}}}};
}

// Found by fuzz_sandbox_demo (seed moto_retry_same_key): the consent record
// was stored before the SetupIntent, so a retry under the start's key for
// another customer, refused by the API, still replaced the record the
// start's SetupIntent is linked to.
TEST_F(DemoMerchantTest, ARefusedRetryOfAMotoStartLeavesTheStartsConsentRecord) {
  merchant_.prepare_moto();
  const json desk = demo("GET", "/demo/api/moto/desk").body;
  ASSERT_EQ(desk["readers"].size(), 2u) << desk.dump();
  const std::string reader = desk["readers"][0]["id"];
  const std::string first = desk["customers"][0]["id"];
  const std::string other = demo("POST", "/demo/api/moto/customers", "name=Ada").body["id"];
  const std::map<std::string, std::string> headers = {{"content-type", "application/json"},
                                                      {"idempotency-key", "start-1"}};
  Reply started = demo("POST", "/demo/moto/setups", moto_start(reader, first, wall_).dump(), headers);
  ASSERT_EQ(started.status(), 200) << started.raw.body;
  const std::string si = started.body["setup_intent"]["id"];

  Reply retried = demo("POST", "/demo/moto/setups", moto_start(reader, other, wall_).dump(), headers);
  EXPECT_EQ(retried.status(), 400);
  EXPECT_EQ(retried.error_code(), "idempotency_key_in_use");
  const json record = demo("GET", "/demo/api/moto/consent?setup_intent=" + si).body["consent"];
  EXPECT_EQ(record["customer"], first);
  EXPECT_EQ(get("/v1/setup_intents/" + si).body["customer"], first);

  // The same start retried is the same SetupIntent, and its record stays.
  Reply again = demo("POST", "/demo/moto/setups", moto_start(reader, first, wall_).dump(), headers);
  ASSERT_EQ(again.status(), 200) << again.raw.body;
  EXPECT_EQ(again.body["setup_intent"]["id"], si);
  EXPECT_EQ(demo("GET", "/demo/api/moto/consent?setup_intent=" + si).body["consent"]["customer"], first);
}

// Found by fuzz_sandbox_demo (seed moto_no_session_cross_site): the
// cross-site refusal of a MOTO POST was the demo's own {error: {message}},
// not the contract's {error: {type, code, message, param}}.
TEST_F(DemoMerchantTest, ACrossSiteMotoPostIsRefusedInTheContractsShape) {
  Reply refused = demo("POST", "/demo/moto/setups", "{}",
                       {{"content-type", "application/json"}, {"idempotency-key", "k"}, {"origin", "https://evil.example"}});
  EXPECT_EQ(refused.status(), 403);
  EXPECT_EQ(refused.error_type(), "invalid_request_error");
  EXPECT_EQ(refused.error_code(), "cross_site_request");
  EXPECT_TRUE(refused.body["error"].contains("param"));
  EXPECT_TRUE(refused.body["error"]["message"].is_string());
}

}  // namespace
}  // namespace setupflow::sandbox::testing
