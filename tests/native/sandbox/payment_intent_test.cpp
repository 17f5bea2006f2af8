// PaymentIntents: creation rules, off-session charges, magic amounts.
#include "harness.hpp"
#include "intent_json.hpp"

namespace setupflow::sandbox::testing {
namespace {

class PaymentIntents : public SandboxTest {
 protected:
  // A customer with an authorised, attached cashapp payment method.
  std::pair<std::string, std::string> saved_method() {
    auto cus = customer();
    json si = confirmed_setup_intent(cus);
    approve(si);
    return {cus, get("/v1/setup_intents/" + si["id"].get<std::string>()).body["payment_method"]};
  }
  Reply charge(const std::string& cus, const std::string& pm, int64_t amount, const std::string& extra = "") {
    return post("/v1/payment_intents", "amount=" + std::to_string(amount) + "&currency=usd&customer=" + cus +
                                           "&payment_method=" + pm + "&off_session=true&confirm=true" + extra);
  }
};

TEST_F(PaymentIntents, CreateValidatesAmountCurrencyAndOptions) {
  EXPECT_EQ(post("/v1/payment_intents", "currency=usd").error_param(), "amount");
  EXPECT_EQ(post("/v1/payment_intents", "amount=100").error_param(), "currency");
  EXPECT_EQ(post("/v1/payment_intents", "amount=100&currency=eur").error_param(), "currency");
  EXPECT_EQ(post("/v1/payment_intents", "amount=99999999999999999999999&currency=usd").error_code(),
            "parameter_invalid_integer");
  EXPECT_EQ(post("/v1/payment_intents", "amount=-5&currency=usd").error_param(), "amount");
  EXPECT_EQ(post("/v1/payment_intents", "amount=1e3&currency=usd").error_param(), "amount");
  EXPECT_EQ(post("/v1/payment_intents", "amount=100&currency=usd&capture_method=later").error_param(),
            "capture_method");
  EXPECT_EQ(post("/v1/payment_intents", "amount=100&currency=usd&statement_descriptor=" + std::string(23, 'A'))
                .error_param(),
            "statement_descriptor");
  auto ok = post("/v1/payment_intents", "amount=1999&currency=usd&setup_future_usage=off_session");
  ASSERT_EQ(ok.status(), 200) << ok.raw.body;
  EXPECT_EQ(ok.body["status"], "requires_payment_method");
  EXPECT_EQ(ok.body["amount"], 1999);
  EXPECT_EQ(ok.body["setup_future_usage"], "off_session");
  EXPECT_FALSE(ok.body.contains("_off_session"));
  auto parsed = parse_intent_json(ok.body.dump(), IntentKind::payment);
  EXPECT_TRUE(parsed.ok()) << (parsed.ok() ? "" : parsed.error().message);
}

TEST_F(PaymentIntents, OffSessionWithASavedMethodSucceeds) {
  auto [cus, pm] = saved_method();
  auto r = charge(cus, pm, 1999);
  ASSERT_EQ(r.status(), 200) << r.raw.body;
  EXPECT_EQ(r.body["status"], "succeeded");
  EXPECT_EQ(r.body["amount_received"], 1999);
  EXPECT_EQ(r.body["payment_method"], pm);
  EXPECT_EQ(get("/v1/events?type=payment_intent.succeeded").body["data"].size(), 1u);
  auto manual = charge(cus, pm, 500, "&capture_method=manual");
  EXPECT_EQ(manual.body["status"], "requires_capture");
  EXPECT_EQ(manual.body["amount_capturable"], 500);
}

TEST_F(PaymentIntents, MagicAmountsDeclineWith402AndRecordTheError) {
  auto [cus, pm] = saved_method();
  struct Case {
    int64_t amount;
    const char* code;
    const char* decline_code;
  };
  for (const Case& c : {Case{400002, "payment_method_provider_decline", "generic_decline"},
                        Case{400995, "payment_method_provider_decline", "insufficient_funds"},
                        Case{400119, "processing_error", ""}}) {
    auto r = charge(cus, pm, c.amount);
    EXPECT_EQ(r.status(), 402) << c.amount;
    EXPECT_EQ(r.error_type(), "card_error");
    EXPECT_EQ(r.error_code(), c.code);
    EXPECT_EQ(r.body["error"].value("decline_code", ""), c.decline_code);
    const json& pi = r.body["error"]["payment_intent"];
    EXPECT_EQ(pi["status"], "requires_payment_method");
    EXPECT_EQ(pi["last_payment_error"]["code"], c.code);
    // The decline is committed state, not a rolled-back error.
    EXPECT_EQ(get("/v1/payment_intents/" + pi["id"].get<std::string>()).body["last_payment_error"]["code"], c.code);
  }
  EXPECT_EQ(get("/v1/events?type=payment_intent.payment_failed").body["data"].size(), 3u);
}

TEST_F(PaymentIntents, OffSessionNeedsAnAuthorisedAttachedMethod) {
  auto [cus, pm] = saved_method();
  auto other = customer();
  EXPECT_EQ(charge(other, pm, 100).error_code(), "payment_method_unexpected_state");
  post("/v1/payment_methods/" + pm + "/detach");
  EXPECT_EQ(charge(cus, pm, 100).error_code(), "payment_method_unexpected_state");
  // A method that was never approved cannot be charged off-session.
  json si = confirmed_setup_intent(cus);
  auto unapproved = charge(cus, si["payment_method"], 100);
  EXPECT_EQ(unapproved.status(), 402);
  EXPECT_EQ(unapproved.error_code(), "authentication_required");
}

TEST_F(PaymentIntents, OnSessionGoesThroughTheCashAppApproval) {
  auto cus = customer();
  auto pi = post("/v1/payment_intents", "amount=2500&currency=usd&customer=" + cus +
                                            "&setup_future_usage=off_session&confirm=true"
                                            "&payment_method_data[type]=cashapp&return_url=https%3A%2F%2Fa.example%2Fr")
                .body;
  ASSERT_EQ(pi["status"], "requires_action") << pi.dump(2);
  auto page = call("GET", phone_path(pi), "", "");
  EXPECT_NE(page.raw.body.find("$25.00 usd"), std::string::npos);
  auto answer = approve(pi, "&redirect=1");
  ASSERT_EQ(answer.status(), 303);
  std::string location = answer.raw.header("Location");
  EXPECT_NE(location.find("payment_intent=" + pi["id"].get<std::string>()), std::string::npos);
  EXPECT_NE(location.find("payment_intent_client_secret="), std::string::npos);
  json done = get("/v1/payment_intents/" + pi["id"].get<std::string>()).body;
  EXPECT_EQ(done["status"], "succeeded");
  EXPECT_EQ(done["amount_received"], 2500);
  // setup_future_usage saved it for later.
  EXPECT_EQ(get("/v1/customers/" + cus + "/payment_methods").body["data"].size(), 1u);
  EXPECT_EQ(charge(cus, done["payment_method"], 300).body["status"], "succeeded");
}

TEST_F(PaymentIntents, CancelRules) {
  auto pi = post("/v1/payment_intents", "amount=100&currency=usd").body;
  std::string base = "/v1/payment_intents/" + pi["id"].get<std::string>();
  auto canceled = post(base + "/cancel", "cancellation_reason=requested_by_customer");
  EXPECT_EQ(canceled.body["status"], "canceled");
  EXPECT_EQ(canceled.body["canceled_at"], env_.now);
  EXPECT_EQ(canceled.body["cancellation_reason"], "requested_by_customer");
  EXPECT_EQ(canceled.body["amount_capturable"], 0);
  auto again = post(base + "/cancel");
  EXPECT_EQ(again.error_code(), "payment_intent_unexpected_state");
  EXPECT_EQ(again.body["error"]["message"],
            "You cannot cancel this PaymentIntent because it has a status of canceled.");
  EXPECT_EQ(again.body["error"]["payment_intent"]["id"], pi["id"]);
  EXPECT_EQ(get("/v1/events?type=payment_intent.canceled").body["data"].size(), 1u);
  EXPECT_EQ(post(base + "/confirm", "off_session=true").error_code(), "payment_intent_unexpected_state");
}

TEST_F(PaymentIntents, PublishableRetrieveHidesServerFields) {
  auto pi = post("/v1/payment_intents", "amount=100&currency=usd&customer=" + customer() + "&metadata[k]=v").body;
  auto r = get("/v1/payment_intents/" + pi["id"].get<std::string>() + "?client_secret=" +
                   pi["client_secret"].get<std::string>(),
               kPk);
  ASSERT_EQ(r.status(), 200);
  EXPECT_FALSE(r.body.contains("customer"));
  EXPECT_FALSE(r.body.contains("metadata"));
  EXPECT_EQ(r.body["amount"], 100);
}

}  // namespace
}  // namespace setupflow::sandbox::testing
