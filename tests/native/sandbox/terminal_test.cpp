// Terminal: locations, simulated readers, and saving a card keyed in on a
// reader for a mail or telephone order (process_setup_intent with moto).
#include "harness.hpp"

namespace setupflow::sandbox::testing {
namespace {

class Terminal : public SandboxTest {
 protected:
  std::string location() {
    return post("/v1/terminal/locations",
                "display_name=Phone%20orders&address[country]=US&address[city]=Austin&address[line1]=1%20Main")
        .body["id"];
  }
  std::string reader(const std::string& loc, const std::string& extra = "") {
    return post("/v1/terminal/readers", "registration_code=simulated-wpe&label=Desk%201&location=" + loc + extra)
        .body["id"];
  }
  std::string card_setup_intent(const std::string& cus, const std::string& types = "card") {
    return post("/v1/setup_intents", "customer=" + cus + "&payment_method_types[]=" + types).body["id"];
  }
  Reply process(const std::string& tmr, const std::string& seti, const std::string& extra = "") {
    return post("/v1/terminal/readers/" + tmr + "/process_setup_intent",
                "setup_intent=" + seti + "&allow_redisplay=always&process_config[moto]=true" + extra);
  }
  Reply present(const std::string& tmr, const std::string& number, const std::string& cvc = "123",
                const std::string& exp = "&card[exp_month]=12&card[exp_year]=2030") {
    return post("/v1/test_helpers/terminal/readers/" + tmr + "/present_payment_method",
                "type=card&card[number]=" + number + "&card[cvc]=" + cvc + exp);
  }
  size_t events(const std::string& type) { return get("/v1/events?limit=100&type=" + type).body["data"].size(); }
};

TEST_F(Terminal, LocationsCreateRetrieveUpdateListDelete) {
  EXPECT_EQ(post("/v1/terminal/locations", "display_name=X").error_param(), "address");
  EXPECT_EQ(post("/v1/terminal/locations", "display_name=X&address[city]=Paris").error_param(), "address[country]");
  EXPECT_EQ(post("/v1/terminal/locations", "address[country]=US").error_param(), "display_name");
  EXPECT_EQ(post("/v1/terminal/locations", "display_name=X&address[country]=US&phone=1").error_code(),
            "parameter_unsupported");
  auto loc = location();
  auto got = get("/v1/terminal/locations/" + loc);
  EXPECT_EQ(got.body["object"], "terminal.location");
  EXPECT_EQ(got.body["display_name"], "Phone orders");
  EXPECT_EQ(got.body["address"]["city"], "Austin");
  EXPECT_TRUE(got.body["address"]["state"].is_null());
  auto updated = post("/v1/terminal/locations/" + loc, "display_name=Back%20office&metadata[team]=moto");
  EXPECT_EQ(updated.body["display_name"], "Back office");
  EXPECT_EQ(updated.body["metadata"]["team"], "moto");
  EXPECT_EQ(get("/v1/terminal/locations").body["data"].size(), 1u);
  auto tmr = reader(loc);
  EXPECT_EQ(call("DELETE", "/v1/terminal/locations/" + loc).error_code(), "resource_in_use");
  EXPECT_TRUE(call("DELETE", "/v1/terminal/readers/" + tmr).body["deleted"]);
  auto deleted = call("DELETE", "/v1/terminal/locations/" + loc);
  EXPECT_TRUE(deleted.body["deleted"]);
  EXPECT_EQ(get("/v1/terminal/locations/" + loc).status(), 404);
  EXPECT_EQ(get("/v1/terminal/locations").body["data"].size(), 0u);
}

TEST_F(Terminal, ReadersRegisterWithSimulatedCodesAndFilter) {
  auto loc = location(), other = location();
  EXPECT_EQ(post("/v1/terminal/readers", "registration_code=puppy-kitten").error_param(), "registration_code");
  EXPECT_EQ(post("/v1/terminal/readers", "registration_code=simulated-wpe&location=tml_nope").status(), 404);
  auto a = reader(loc), b = reader(other);
  auto r = get("/v1/terminal/readers/" + a).body;
  EXPECT_EQ(r["object"], "terminal.reader");
  EXPECT_EQ(r["device_type"], "simulated_wisepos_e");
  EXPECT_EQ(r["status"], "online");
  EXPECT_EQ(r["location"], loc);
  EXPECT_EQ(r["label"], "Desk 1");
  EXPECT_TRUE(r["action"].is_null());
  EXPECT_EQ(r["last_seen_at"], env_.now * 1000);
  EXPECT_FALSE(r.contains("_link"));
  EXPECT_EQ(get("/v1/terminal/readers?location=" + loc).body["data"].size(), 1u);
  EXPECT_EQ(get("/v1/terminal/readers").body["data"].size(), 2u);
  post("/v1/test_helpers/terminal/readers/" + b + "/set_link", "link=offline");
  auto offline = get("/v1/terminal/readers?status=offline").body["data"];
  ASSERT_EQ(offline.size(), 1u);
  EXPECT_EQ(offline[0]["id"], b);
  EXPECT_EQ(get("/v1/terminal/readers?status=online").body["data"][0]["id"], a);
  auto updated = post("/v1/terminal/readers/" + a, "label=Front&metadata[desk]=1");
  EXPECT_EQ(updated.body["label"], "Front");
  EXPECT_EQ(updated.body["metadata"]["desk"], "1");
  EXPECT_EQ(post("/v1/terminal/readers/" + a, "location=" + other).error_code(), "parameter_unknown");
  EXPECT_EQ(call("DELETE", "/v1/terminal/readers/" + a).body["serial_number"], r["serial_number"]);
  EXPECT_EQ(get("/v1/terminal/readers/" + a).status(), 404);
}

TEST_F(Terminal, PublishableKeyIsRefused) {
  auto r = call("GET", "/v1/terminal/readers", "", kPk);
  EXPECT_EQ(r.status(), 401);
  EXPECT_EQ(r.error_code(), "secret_key_required");
  EXPECT_EQ(call("POST", "/v1/terminal/locations", "display_name=X&address[country]=US", kPk).status(), 401);
}

TEST_F(Terminal, MotoSaveAttachesACardShapedLikeStripes) {
  auto cus = customer();
  auto tmr = reader(location());
  auto seti = card_setup_intent(cus);
  auto started = process(tmr, seti, "&process_config[enable_customer_cancellation]=true");
  ASSERT_EQ(started.status(), 200) << started.raw.body;
  EXPECT_EQ(started.body["action"]["type"], "process_setup_intent");
  EXPECT_EQ(started.body["action"]["status"], "in_progress");
  EXPECT_EQ(started.body["action"]["process_setup_intent"]["setup_intent"], seti);
  EXPECT_EQ(started.body["action"]["process_setup_intent"]["process_config"]["enable_customer_cancellation"], true);
  auto done = post("/v1/test_helpers/terminal/readers/" + tmr + "/present_payment_method",
                   "type=card&card[number]=4242424242424242&card[exp_month]=8&card[exp_year]=30&card[cvc]=123");
  ASSERT_EQ(done.status(), 200) << done.raw.body;
  EXPECT_EQ(done.body["action"]["status"], "succeeded");
  EXPECT_TRUE(done.body["action"]["failure_code"].is_null());
  auto si = get("/v1/setup_intents/" + seti).body;
  EXPECT_EQ(si["status"], "succeeded");
  auto pm = get("/v1/payment_methods/" + si["payment_method"].get<std::string>()).body;
  EXPECT_EQ(pm["type"], "card");
  EXPECT_EQ(pm["customer"], cus);
  EXPECT_EQ(pm["allow_redisplay"], "always");
  EXPECT_EQ(pm["card"]["brand"], "visa");
  EXPECT_EQ(pm["card"]["last4"], "4242");
  EXPECT_EQ(pm["card"]["exp_month"], 8);
  EXPECT_EQ(pm["card"]["exp_year"], 2030);
  EXPECT_EQ(pm["card"]["funding"], "credit");
  EXPECT_EQ(pm["card"]["checks"]["cvc_check"], "pass");
  EXPECT_EQ(pm["card"]["fingerprint"].get<std::string>().size(), 16u);
  EXPECT_FALSE(pm.contains("_charge_decline"));
  auto attempts = get("/v1/setup_attempts?setup_intent=" + seti).body["data"];
  ASSERT_EQ(attempts.size(), 1u);
  EXPECT_EQ(attempts[0]["status"], "succeeded");
  EXPECT_EQ(attempts[0]["payment_method_details"]["card"]["moto"], true);
  EXPECT_EQ(events("terminal.reader.action_succeeded"), 1u);
  EXPECT_EQ(events("setup_intent.succeeded"), 1u);
  EXPECT_EQ(events("payment_method.attached"), 1u);
  // The same card number keeps its fingerprint.
  auto seti2 = card_setup_intent(cus);
  process(tmr, seti2);
  present(tmr, "4242424242424242");
  auto pm2 = get("/v1/setup_intents/" + seti2 + "?expand[]=payment_method").body["payment_method"];
  EXPECT_EQ(pm2["card"]["fingerprint"], pm["card"]["fingerprint"]);
  EXPECT_EQ(get("/v1/customers/" + cus + "/payment_methods?type=card").body["data"].size(), 2u);
}

TEST_F(Terminal, EachTestDeclineFailsTheActionAndTheSetupIntent) {
  struct Case {
    const char* number;
    const char* code;
    const char* decline_code;
  } cases[] = {{"4000000000000002", "card_declined", "generic_decline"},
               {"4000000000009995", "card_declined", "insufficient_funds"},
               {"4000000000009987", "card_declined", "lost_card"},
               {"4000000000009979", "card_declined", "stolen_card"},
               {"4000000000000119", "processing_error", ""}};
  auto cus = customer();
  auto tmr = reader(location());
  for (const auto& c : cases) {
    auto seti = card_setup_intent(cus);
    process(tmr, seti);
    auto r = present(tmr, c.number);
    ASSERT_EQ(r.status(), 200) << r.raw.body;
    EXPECT_EQ(r.body["action"]["status"], "failed");
    EXPECT_EQ(r.body["action"]["failure_code"], c.code);
    auto si = get("/v1/setup_intents/" + seti).body;
    EXPECT_EQ(si["status"], "requires_payment_method");
    EXPECT_EQ(si["last_setup_error"]["code"], c.code);
    EXPECT_EQ(si["last_setup_error"].value("decline_code", ""), c.decline_code);
    EXPECT_EQ(get("/v1/setup_attempts?setup_intent=" + seti).body["data"][0]["status"], "failed");
  }
  EXPECT_EQ(events("terminal.reader.action_failed"), 5u);
  EXPECT_EQ(events("setup_intent.setup_failed"), 5u);
  EXPECT_EQ(get("/v1/customers/" + cus + "/payment_methods").body["data"].size(), 0u);
}

TEST_F(Terminal, TheReaderChecksLuhnExpiryAndCvcBeforeSending) {
  auto tmr = reader(location());
  process(tmr, card_setup_intent(customer()));
  auto luhn = present(tmr, "4242424242424241");
  EXPECT_EQ(luhn.status(), 402);
  EXPECT_EQ(luhn.error_code(), "invalid_number");
  EXPECT_EQ(present(tmr, "4242424242424242", "123", "&card[exp_month]=12&card[exp_year]=2025").error_code(),
            "invalid_expiry_year");
  EXPECT_EQ(present(tmr, "4242424242424242", "12").error_code(), "invalid_cvc");
  EXPECT_EQ(present(tmr, "378282246310005", "123").error_code(), "invalid_cvc");  // amex: four digits
  EXPECT_EQ(present(tmr, "4242424242424242", "").error_code(), "invalid_cvc");
  // Refused cards are not sent: the action goes on and a good card saves.
  EXPECT_EQ(get("/v1/terminal/readers/" + tmr).body["action"]["status"], "in_progress");
  EXPECT_EQ(present(tmr, "4242 4242 4242 4242").body["action"]["status"], "succeeded");
}

TEST_F(Terminal, ProcessErrors) {
  auto cus = customer();
  auto tmr = reader(location());
  auto cashapp_only = card_setup_intent(cus, "cashapp");
  EXPECT_EQ(process(tmr, cashapp_only).error_code(), "payment_method_type_invalid");
  EXPECT_EQ(process(tmr, "seti_nope").status(), 404);
  auto seti = card_setup_intent(cus);
  EXPECT_EQ(post("/v1/terminal/readers/" + tmr + "/process_setup_intent", "setup_intent=" + seti +
                                                                             "&process_config[moto]=true")
                .error_param(),
            "allow_redisplay");
  EXPECT_EQ(post("/v1/terminal/readers/" + tmr + "/process_setup_intent",
                 "setup_intent=" + seti + "&allow_redisplay=limited")
                .error_code(),
            "parameter_unsupported");
  auto consent = post("/v1/terminal/readers/" + tmr + "/process_setup_intent",
                      "setup_intent=" + seti + "&customer_consent_collected=true&process_config[moto]=true");
  ASSERT_EQ(consent.status(), 200) << consent.raw.body;
  EXPECT_EQ(process(tmr, card_setup_intent(cus)).error_code(), "terminal_reader_busy");
  present(tmr, "4242424242424242");
  EXPECT_EQ(get("/v1/setup_intents/" + seti + "?expand[]=payment_method").body["payment_method"]["allow_redisplay"],
            "limited");
  auto again = process(tmr, seti);
  EXPECT_EQ(again.error_code(), "intent_invalid_state");
  EXPECT_EQ(again.body["error"]["setup_intent"]["status"], "succeeded");
}

TEST_F(Terminal, OfflineUnresponsiveAndCancel) {
  auto tmr = reader(location());
  auto seti = card_setup_intent(customer());
  auto link = [&](const char* l) { post("/v1/test_helpers/terminal/readers/" + tmr + "/set_link", "link=" + std::string(l)); };
  link("offline");
  EXPECT_EQ(get("/v1/terminal/readers/" + tmr).body["status"], "offline");
  EXPECT_EQ(process(tmr, seti).error_code(), "terminal_reader_offline");
  link("unresponsive");
  EXPECT_EQ(get("/v1/terminal/readers/" + tmr).body["status"], "online");
  EXPECT_EQ(process(tmr, seti).error_code(), "terminal_reader_timeout");
  link("online");
  EXPECT_EQ(post("/v1/terminal/readers/" + tmr + "/cancel_action").status(), 400);
  ASSERT_EQ(process(tmr, seti).status(), 200);
  // A reader that drops mid-action keeps it in progress until cancel_action.
  link("offline");
  EXPECT_EQ(present(tmr, "4242424242424242").error_code(), "terminal_reader_offline");
  EXPECT_EQ(get("/v1/terminal/readers/" + tmr).body["action"]["status"], "in_progress");
  auto canceled = post("/v1/terminal/readers/" + tmr + "/cancel_action");
  ASSERT_EQ(canceled.status(), 200);
  EXPECT_TRUE(canceled.body["action"].is_null());
  link("online");
  EXPECT_EQ(get("/v1/setup_intents/" + seti).body["status"], "requires_payment_method");
  ASSERT_EQ(process(tmr, seti).status(), 200);
  EXPECT_EQ(present(tmr, "4242424242424242").body["action"]["status"], "succeeded");
}

TEST_F(Terminal, SavedCardsChargeOffSessionAndTheDeclineLaterCardDeclines) {
  auto cus = customer();
  auto tmr = reader(location());
  auto save_card = [&](const std::string& number) {
    auto seti = card_setup_intent(cus);
    process(tmr, seti);
    present(tmr, number);
    return get("/v1/setup_intents/" + seti).body["payment_method"].get<std::string>();
  };
  auto good = save_card("4242424242424242");
  auto later = save_card("4000000000000341");
  auto charge = [&](const std::string& pm) {
    return post("/v1/payment_intents", "amount=1500&currency=usd&customer=" + cus + "&payment_method=" + pm +
                                           "&off_session=true&confirm=true");
  };
  auto ok = charge(good);
  ASSERT_EQ(ok.status(), 200) << ok.raw.body;
  EXPECT_EQ(ok.body["status"], "succeeded");
  EXPECT_EQ(ok.body["payment_method_types"], json::array({"card"}));
  auto declined = charge(later);
  EXPECT_EQ(declined.status(), 402);
  EXPECT_EQ(declined.error_code(), "card_declined");
  EXPECT_EQ(declined.body["error"]["decline_code"], "generic_decline");
  EXPECT_FALSE(declined.body["error"]["payment_method"].contains("_charge_decline"));
  // Cards are saved on readers only.
  auto seti = card_setup_intent(cus);
  EXPECT_EQ(post("/v1/setup_intents/" + seti + "/confirm", "payment_method=" + good).error_code(),
            "payment_method_unactivated");
}

TEST_F(Terminal, OnlyKeyedCardsArePresented) {
  auto tmr = reader(location());
  process(tmr, card_setup_intent(customer()));
  auto helper = "/v1/test_helpers/terminal/readers/" + tmr + "/present_payment_method";
  EXPECT_EQ(post(helper, "type=card_present").error_code(), "parameter_unsupported");
  EXPECT_EQ(post(helper, "card_present[number]=4242424242424242").error_code(), "parameter_unsupported");
  EXPECT_EQ(post(helper, "type=card").error_param(), "card");
  EXPECT_EQ(post(helper, "type=card&card[number]=4242424242424242&card[exp_year]=2030").error_param(),
            "card[exp_month]");
}

}  // namespace
}  // namespace setupflow::sandbox::testing
