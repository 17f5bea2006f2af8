// The MOTO answers read strictly (moto_answer_reader.hpp) from JSON text, and
// the start body as the merchant's server checks it (js/server/moto.mjs,
// checkConsent): native only, through the nlohmann reader.
#include "setupflow/moto_answer_reader.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>

#include "intent_json.hpp"
#include "moto_setup_test_util.hpp"

namespace setupflow::testing {
namespace {

using nlohmann::json;

json reader_json() {
  return {{"id", "tmr_1"},       {"label", "Front desk"}, {"status", "online"},
          {"device_type", "simulated_wisepos_e"}, {"location", "tml_1"},
          {"action",
           {{"type", "process_setup_intent"}, {"status", "in_progress"}, {"failure_code", nullptr},
            {"failure_message", nullptr}, {"setup_intent", "seti_1"}}}};
}

json setup_json() {
  return {{"setup_intent", {{"id", "seti_1"}, {"status", "requires_payment_method"}, {"last_setup_error", nullptr}}},
          {"reader", reader_json()},
          {"card", nullptr}};
}

template <class Answer>
MotoResponse<Answer> read(const json& body, int status = 200) {
  const JsonReader r(body);
  return read_moto_response<Answer>(7, status, &r);
}

std::string error_message(const json& body) {
  MotoResponse<MotoSetupAnswer> r = read<MotoSetupAnswer>(body);
  EXPECT_FALSE(r.answer);
  return r.error ? r.error->code + ": " + r.error->message : "";
}

TEST(MotoAnswerReader, ReadsTheSetupAnswer) {
  json body = setup_json();
  body["card"] = {{"id", "pm_1"}, {"brand", "visa"}, {"last4", "4242"},
                  {"exp_month", 12}, {"exp_year", 2030}, {"allow_redisplay", "limited"}};
  MotoResponse<MotoSetupAnswer> r = read<MotoSetupAnswer>(body);
  ASSERT_TRUE(r.answer) << r.error->message;
  EXPECT_EQ(r.request_id, 7u);
  EXPECT_EQ(r.answer->setup_intent.id, "seti_1");
  EXPECT_EQ(r.answer->reader.status, ReaderStatus::online);
  ASSERT_TRUE(r.answer->reader.action);
  EXPECT_EQ(r.answer->reader.action->status, ActionStatus::in_progress);
  EXPECT_EQ(r.answer->reader.action->setup_intent, "seti_1");
  EXPECT_TRUE(r.answer->has_card);
}

TEST(MotoAnswerReader, RefusesMalformedAnswersWhole) {
  json b = setup_json();
  b["reader"]["id"] = "rdr_1";
  EXPECT_EQ(error_message(b), "invalid_response: reader.id must be a reader id (\"tmr_…\")");
  b = setup_json();
  b["reader"]["status"] = "busy";
  EXPECT_EQ(error_message(b), "invalid_response: reader.status must be \"online\" or \"offline\"");
  b = setup_json();
  b["reader"]["action"]["status"] = "done";
  EXPECT_NE(error_message(b).find("reader.action.status must be"), std::string::npos);
  b = setup_json();
  b["reader"]["label"] = 3;
  EXPECT_EQ(error_message(b), "invalid_response: reader.label must be a string");
  b = setup_json();
  b.erase("setup_intent");
  EXPECT_EQ(error_message(b), "invalid_response: setup_intent must be an object");
  b = setup_json();
  b["setup_intent"]["last_setup_error"] = {{"code", 5}};
  EXPECT_EQ(error_message(b), "invalid_response: setup_intent.last_setup_error.code must be a string");
  b = setup_json();
  b["card"] = {{"id", "pm_1"}, {"exp_month", "12"}};
  EXPECT_EQ(error_message(b), "invalid_response: card.exp_month must be an integer");
  EXPECT_NE(error_message(json::array()).find("not an object"), std::string::npos);
}

TEST(MotoAnswerReader, ReadsTheServersErrors) {
  const json body = {{"error", {{"type", "invalid_request_error"}, {"code", "terminal_reader_busy"},
                                {"message", "Busy."}, {"param", nullptr}}}};
  MotoResponse<MotoSetupAnswer> r = read<MotoSetupAnswer>(body, 400);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->code, "terminal_reader_busy");
  EXPECT_EQ(r.error->http_status, 400);
  MotoResponse<MotoSetupAnswer> none = read_moto_response<MotoSetupAnswer, JsonReader>(1, 200, nullptr);
  EXPECT_EQ(none.error->code, "invalid_response");
}

TEST(MotoAnswerReader, ReadsTheReadersList) {
  json body = {{"readers", json::array({reader_json(), reader_json()})}};
  body["readers"][1]["action"] = nullptr;
  MotoResponse<MotoReadersAnswer> r = read<MotoReadersAnswer>(body);
  ASSERT_TRUE(r.answer);
  EXPECT_EQ(r.answer->readers.size(), 2u);
  body["readers"][1]["status"] = nullptr;
  r = read<MotoReadersAnswer>(body);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->message, "readers[1].status must be \"online\" or \"offline\"");
  EXPECT_EQ(read<MotoReadersAnswer>(json::object()).error->message, "readers must be an array of readers");
}

// What js/server/moto.mjs's checkConsent accepts: these names, non-empty
// strings, channel telephone|mail, allow_redisplay always|limited, and
// accepted_at an integer of Unix seconds; customer as the body's.
TEST(MotoStartBody, IsWhatTheMerchantServerChecks) {
  MotoSetupParams p = moto_params();
  p.consent.offer_at_future_checkouts = true;
  MotoShell s{moto_flow(p)};
  s.start();
  const json body = json::parse(s.pending->body);
  EXPECT_EQ(body.size(), 3u);
  EXPECT_EQ(body["reader"], "tmr_1");
  EXPECT_EQ(body["customer"], "cus_1");
  const json& c = body["consent"];
  for (const char* name : {"terms_version", "locale", "text", "customer", "agent", "channel", "allow_redisplay"}) {
    ASSERT_TRUE(c.contains(name)) << name;
    EXPECT_TRUE(c[name].is_string() && !c[name].get<std::string>().empty()) << name;
  }
  EXPECT_EQ(c["customer"], body["customer"]);
  EXPECT_EQ(c["agent"], "Ada");
  EXPECT_EQ(c["channel"], "telephone");
  EXPECT_EQ(c["allow_redisplay"], "always");
  EXPECT_TRUE(c["accepted_at"].is_number_integer());
  EXPECT_EQ(c["accepted_at"], kMotoT0 / 1000);
  EXPECT_EQ(c["text"], moto_terms("en", p.consent.terms).text);
  EXPECT_EQ(c.size(), 8u);
}

}  // namespace
}  // namespace setupflow::testing
