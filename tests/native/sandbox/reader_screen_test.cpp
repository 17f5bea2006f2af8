// The simulated reader screen: states, keyed cards, customer cancellation,
// and the same security posture as the Cash App pages (strict CSP, never
// framed, state changes only by POST, an unguessable URL for the secret key).
#include "harness.hpp"
#include "terminal_actions.hpp"

namespace setupflow::sandbox::testing {
namespace {

class ReaderScreen : public SandboxTest {
 protected:
  void SetUp() override {
    auto loc = post("/v1/terminal/locations", "display_name=Phone&address[country]=US").body["id"].get<std::string>();
    tmr_ = post("/v1/terminal/readers", "registration_code=simulated-wpe&label=Desk&location=" + loc).body["id"];
    std::string url = get("/v1/test_helpers/terminal/readers/" + tmr_ + "/screen").body["url"];
    path_ = url.substr(url.find("/terminal/screens/"));
    cus_ = customer();
  }
  std::string start(const std::string& extra = "") {
    std::string seti = post("/v1/setup_intents", "customer=" + cus_ + "&payment_method_types[]=card").body["id"];
    auto r = post("/v1/terminal/readers/" + tmr_ + "/process_setup_intent",
                  "setup_intent=" + seti + "&allow_redisplay=limited&process_config[moto]=true" + extra);
    EXPECT_EQ(r.status(), 200) << r.raw.body;
    return seti;
  }
  Reply page() { return call("GET", path_, "", ""); }
  Reply key(const std::string& number, const std::string& cvc = "123", const std::string& year = "30") {
    return call("POST", path_, "number=" + number + "&exp_month=04&exp_year=" + year + "&cvc=" + cvc +
                                  "&postal_code=78701", "");
  }
  std::string action_status() { return get("/v1/terminal/readers/" + tmr_).body["action"].value("status", ""); }

  std::string tmr_, path_, cus_;
};

TEST_F(ReaderScreen, StrictCspNoFramingAndOnlyForTheSecretKey) {
  auto r = page();
  EXPECT_EQ(r.status(), 200);
  const std::string csp = r.raw.header("Content-Security-Policy");
  EXPECT_NE(csp.find("default-src 'none'"), std::string::npos);
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos);
  EXPECT_EQ(r.raw.header("X-Frame-Options"), "DENY");
  EXPECT_EQ(r.raw.body.find("<script"), std::string::npos);
  EXPECT_EQ(r.raw.body.find("<style"), std::string::npos);
  EXPECT_EQ(r.raw.body.find("style="), std::string::npos);
  EXPECT_NE(r.raw.body.find("Ready"), std::string::npos);
  EXPECT_EQ(call("GET", "/terminal/reader.css", "", "").raw.content_type, "text/css; charset=utf-8");
  EXPECT_EQ(call("GET", "/v1/test_helpers/terminal/readers/" + tmr_ + "/screen", "", kPk).status(), 401);
  EXPECT_EQ(call("GET", "/terminal/screens/trs_guess", "", "").status(), 404);
  EXPECT_EQ(call("GET", "/terminal/screens/" + tmr_, "", "").status(), 404);  // the reader id is not the URL
  // The same URL every time.
  std::string again = get("/v1/test_helpers/terminal/readers/" + tmr_ + "/screen").body["url"];
  EXPECT_NE(again.find(path_), std::string::npos);
}

TEST_F(ReaderScreen, WaitingProcessingApproved) {
  auto seti = start();
  EXPECT_NE(page().raw.body.find("Key in the card"), std::string::npos);
  // The reader checks the card before sending it: nothing changes.
  auto luhn = key("4242424242424241");
  EXPECT_EQ(luhn.status(), 422);
  EXPECT_NE(luhn.raw.body.find("not a valid card number"), std::string::npos);
  EXPECT_EQ(key("4242424242424242", "1").status(), 422);
  EXPECT_EQ(key("4242424242424242", "123", "20").status(), 422);
  EXPECT_EQ(action_status(), "in_progress");
  auto sent = key("4242424242424242");
  EXPECT_EQ(sent.status(), 303);
  EXPECT_EQ(sent.raw.header("Location"), path_);
  EXPECT_NE(page().raw.body.find("Processing"), std::string::npos);
  EXPECT_EQ(post("/v1/terminal/readers/" + tmr_ + "/cancel_action").error_code(), "terminal_reader_busy");
  EXPECT_EQ(action_status(), "in_progress");
  advance(kProcessingSeconds);
  auto done = page();
  EXPECT_NE(done.raw.body.find("Approved"), std::string::npos);
  EXPECT_NE(done.raw.body.find("visa •••• 4242"), std::string::npos);
  EXPECT_EQ(action_status(), "succeeded");
  auto pm = get("/v1/setup_intents/" + seti + "?expand[]=payment_method").body["payment_method"];
  EXPECT_EQ(pm["customer"], cus_);
  EXPECT_EQ(pm["card"]["checks"]["address_postal_code_check"], "pass");
  EXPECT_EQ(pm["billing_details"]["address"]["postal_code"], "78701");
  EXPECT_EQ(pm["card"]["exp_year"], 2030);
  EXPECT_EQ(get("/v1/events?type=terminal.reader.action_succeeded").body["data"].size(), 1u);
  // The result stays on screen for a while, then the reader is ready again.
  advance(10);
  EXPECT_NE(page().raw.body.find("Ready"), std::string::npos);
}

TEST_F(ReaderScreen, DeclinedAndRealNumbersAreNeverSaved) {
  start();
  key("4000000000009995");
  advance(kProcessingSeconds);
  auto declined = page();
  EXPECT_NE(declined.raw.body.find("Declined"), std::string::npos);
  EXPECT_NE(declined.raw.body.find("insufficient funds"), std::string::npos);
  start();
  key("4111111111111111");  // Luhn-valid, not a Stripe test number
  advance(kProcessingSeconds);
  auto reader = get("/v1/terminal/readers/" + tmr_).body;
  EXPECT_EQ(reader["action"]["status"], "failed");
  EXPECT_EQ(get("/v1/customers/" + cus_ + "/payment_methods").body["data"].size(), 0u);
}

TEST_F(ReaderScreen, CustomerCancelsOnlyWhenEnabled) {
  start();
  EXPECT_EQ(page().raw.body.find("/cancel"), std::string::npos);
  call("POST", path_ + "/cancel", "", "");
  EXPECT_EQ(action_status(), "in_progress");
  post("/v1/terminal/readers/" + tmr_ + "/cancel_action");
  start("&process_config[enable_customer_cancellation]=true");
  EXPECT_NE(page().raw.body.find("/cancel"), std::string::npos);
  EXPECT_EQ(call("GET", path_ + "/cancel", "", "").status(), 405);  // state changes only by POST
  EXPECT_EQ(call("POST", path_ + "/cancel", "", "").status(), 303);
  auto reader = get("/v1/terminal/readers/" + tmr_).body;
  EXPECT_EQ(reader["action"]["status"], "failed");
  EXPECT_EQ(reader["action"]["failure_code"], "customer_canceled");
  EXPECT_EQ(get("/v1/events?type=terminal.reader.action_failed").body["data"].size(), 1u);
}

TEST_F(ReaderScreen, OfflineReaderShowsOfflineAndKeepsTheCardUntilBack) {
  start();
  key("4242424242424242");
  post("/v1/test_helpers/terminal/readers/" + tmr_ + "/set_link", "link=offline");
  advance(kProcessingSeconds);
  EXPECT_NE(page().raw.body.find("Offline"), std::string::npos);
  EXPECT_EQ(action_status(), "in_progress");
  post("/v1/test_helpers/terminal/readers/" + tmr_ + "/set_link", "link=online");
  EXPECT_EQ(action_status(), "succeeded");
}

}  // namespace
}  // namespace setupflow::sandbox::testing
