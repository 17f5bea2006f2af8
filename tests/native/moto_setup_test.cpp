// MotoSetup: create's checks, the start, the watch, and the outcomes read
// from the reader's action (cancels, the time limit and a lost reader are in
// moto_setup_cancel_test.cpp).
#include "setupflow/moto_setup.hpp"

#include <gtest/gtest.h>

#include "moto_setup_test_util.hpp"

namespace setupflow::testing {
namespace {

using Phase = ReaderActionPresentation::Phase;

Error create_error(MotoConfig config, MotoSetupParams params) {
  Result<MotoSetup> made = MotoSetup::create(std::move(config), std::move(params));
  EXPECT_FALSE(made.ok());
  return made.ok() ? Error{} : made.error();
}

TEST(MotoSetupCreate, RefusesWhatWouldBeSentWrongBeforeAnythingIsSent) {
  MotoSetupParams p = moto_params();
  p.consent.agreed = false;
  EXPECT_EQ(create_error({kEndpoint, false}, p).code, "consent_not_collected");
  p = moto_params();
  p.consent.customer = "acct_1";
  EXPECT_EQ(create_error({kEndpoint, false}, p).code, "invalid_customer");
  p = moto_params();
  p.reader = "rdr_1";
  EXPECT_EQ(create_error({kEndpoint, false}, p).param, "reader");
  p = moto_params();
  p.idempotency_key = std::string(201, 'k');
  EXPECT_EQ(create_error({kEndpoint, false}, p).code, "invalid_idempotency_key");
  p = moto_params();
  p.timeout_ms = 0;
  EXPECT_EQ(create_error({kEndpoint, false}, p).code, "invalid_timeout");
  EXPECT_EQ(create_error({"http://shop.example/moto", false}, moto_params()).code, "insecure_endpoint");
  EXPECT_EQ(create_error({"/moto", false}, moto_params()).code, "invalid_endpoint");
  EXPECT_EQ(create_error({"https://shop.example/moto?x=1", false}, moto_params()).type,
            ErrorType::integration_error);
}

TEST(MotoSetupCreate, PlainHttpOnlyToLoopbackOrWhenAllowed) {
  EXPECT_TRUE(MotoSetup::create({"http://127.0.0.1:4242/moto/", false}, moto_params()).ok());
  EXPECT_TRUE(MotoSetup::create({"http://shop.example/moto", true}, moto_params()).ok());
}

TEST(MotoSetup, StartPostsTheConsentWithTheKeyAndShowsStarting) {
  MotoShell s;
  s.start();
  ASSERT_TRUE(s.pending);
  const SendRequest& r = *s.pending;
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.url, std::string(kEndpoint) + "/setups");
  EXPECT_EQ(r.idempotency_key, kMotoKey);
  const std::vector<std::pair<std::string, std::string>> headers = {
      {"Content-Type", "application/json"}, {"Idempotency-Key", kMotoKey}};
  EXPECT_EQ(r.headers, headers);
  EXPECT_NE(r.body.find("\"reader\":\"tmr_1\",\"customer\":\"cus_1\",\"consent\":{"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("\"accepted_at\":1767225600}"), std::string::npos) << r.body;
  ASSERT_EQ(s.presents.size(), 1u);
  EXPECT_EQ(s.shown().phase, Phase::starting);
  EXPECT_EQ(s.shown().reader_id, kReader);
  EXPECT_EQ(s.shown().reader_status, "");
  EXPECT_TRUE(s.flow.start(s.now).empty()) << "a second start sends nothing";
}

TEST(MotoSetup, SavedCardSucceedsWithTheLastBodyAsObject) {
  MotoShell s;
  s.start();
  s.answer(waiting());
  EXPECT_EQ(s.shown().phase, Phase::waiting);
  EXPECT_EQ(s.shown().setup_intent_id, kSeti);
  EXPECT_EQ(s.shown().reader_status, "online");
  s.until_request();
  ASSERT_TRUE(s.pending);
  EXPECT_EQ(s.pending->method, "GET");
  EXPECT_EQ(s.pending->url, std::string(kEndpoint) + "/setups/seti_1?reader=tmr_1");
  EXPECT_TRUE(s.pending->idempotency_key.empty());
  s.answer(saved());
  ASSERT_TRUE(s.finish);
  EXPECT_EQ(s.finish->outcome, Outcome::succeeded);
  EXPECT_FALSE(s.finish->error);
  EXPECT_TRUE(s.finish->has_object());
  EXPECT_TRUE(s.timers.empty()) << "every timer cancelled";
}

TEST(MotoSetup, WatchesEverySecondVisibleAndFiveHidden) {
  MotoShell s;
  s.start();
  s.answer(waiting());
  const int64_t t = s.now;
  s.until_request();
  EXPECT_EQ(s.now - t, MotoSetup::kPollVisibleMs);
  s.take(s.flow.on_visibility(false, s.now));
  s.answer(waiting());
  const int64_t t2 = s.now;
  s.until_request();
  EXPECT_EQ(s.now - t2, MotoSetup::kPollHiddenMs);
}

TEST(MotoSetup, RetriesTheStartUnderTheSameKeyAndIgnoresStaleAnswers) {
  MotoShell s;
  s.start();
  const SendRequest first = *s.pending;
  s.network_failure();
  s.until_request();
  ASSERT_TRUE(s.pending);
  EXPECT_GT(s.pending->request_id, first.request_id);
  EXPECT_EQ(s.pending->idempotency_key, first.idempotency_key);
  EXPECT_EQ(s.pending->body, first.body);
  // The first try's answer comes late: ignored.
  EXPECT_TRUE(s.flow.on_response({first.request_id, 200, waiting(), std::nullopt}, s.now).empty());
  s.refuse(server_error(503, "api_error"));
  s.until_request();
  EXPECT_EQ(s.pending->body, first.body);
  s.answer(waiting());
  EXPECT_EQ(s.shown().phase, Phase::waiting);
}

TEST(MotoSetup, NetworkFailuresAfterRetriesAreAConnectionError) {
  MotoShell s;
  s.start();
  for (int i = 0; i <= MotoSetup::kRetryPolicy.max_retries; ++i) {
    s.network_failure();
    s.until_request();
  }
  ASSERT_TRUE(s.finish);
  EXPECT_EQ(s.finish->outcome, Outcome::error);
  EXPECT_EQ(s.finish->error->type, ErrorType::api_connection_error);
  EXPECT_FALSE(s.finish->has_object());
}

TEST(MotoSetup, AStartRefusedPassesTheServersErrorOn) {
  for (const char* code : {"terminal_reader_busy", "terminal_reader_offline", "consent_invalid"}) {
    MotoShell s;
    s.start();
    s.refuse(server_error(400, code));
    ASSERT_TRUE(s.finish);
    EXPECT_EQ(s.finish->outcome, Outcome::error);
    EXPECT_EQ(s.finish->error->code, code);
    EXPECT_EQ(s.finish->error->http_status, 400);
    EXPECT_FALSE(s.finish->has_object());
    EXPECT_EQ(s.sent.size(), 1u) << "a refusal is not retried";
  }
}

TEST(MotoSetup, ADeclineIsACardError) {
  MotoShell s;
  s.start();
  s.answer(waiting());
  s.until_request();
  MotoSetupAnswer a = failed("card_declined", "Insufficient funds.");
  a.setup_intent.last_setup_error = MotoSetupError{"card_declined", "insufficient_funds", "x"};
  s.answer(a);
  ASSERT_TRUE(s.finish);
  EXPECT_EQ(s.finish->outcome, Outcome::declined);
  EXPECT_EQ(s.finish->error->type, ErrorType::card_error);
  EXPECT_EQ(s.finish->error->code, "card_declined");
  EXPECT_EQ(s.finish->error->decline_code, "insufficient_funds");
  EXPECT_EQ(s.finish->error->message, "Insufficient funds.");
  EXPECT_TRUE(s.finish->has_object());
}

TEST(MotoSetup, TheCustomerCancelingOnTheReaderIsACancel) {
  MotoShell s;
  s.start();
  s.answer(failed("customer_canceled"));
  ASSERT_TRUE(s.finish);
  EXPECT_EQ(s.finish->outcome, Outcome::canceled);
  EXPECT_EQ(s.finish->error->code, "customer_canceled");
}

TEST(MotoSetup, AnActionClearedAfterAFailureIsStillADecline) {
  MotoShell s;
  s.start();
  s.answer(waiting());
  s.until_request();
  MotoSetupAnswer a = moto_answer(std::nullopt);
  a.setup_intent.last_setup_error = MotoSetupError{"card_declined", "lost_card", "Lost."};
  s.answer(a);
  ASSERT_TRUE(s.finish);
  EXPECT_EQ(s.finish->outcome, Outcome::declined);
  EXPECT_EQ(s.finish->error->decline_code, "lost_card");
}

TEST(MotoSetup, AnAnswerAboutAnotherReaderOrSetupIsMalformed) {
  MotoShell s;
  s.start();
  s.answer(waiting());
  s.until_request();
  MotoSetupAnswer a = waiting();
  a.setup_intent.id = "seti_2";
  s.answer(a);
  ASSERT_TRUE(s.finish);
  EXPECT_EQ(s.finish->outcome, Outcome::error);
  EXPECT_EQ(s.finish->error->code, "invalid_response");
  EXPECT_FALSE(s.finish->has_object()) << "nothing of a malformed answer is handed out";
}

TEST(MotoSetup, SucceededWithoutACardIsMalformed) {
  MotoShell s;
  s.start();
  s.answer(moto_answer(ActionStatus::succeeded, "succeeded"));
  ASSERT_TRUE(s.finish);
  EXPECT_EQ(s.finish->error->code, "invalid_response");
}

TEST(MotoSetup, AMalformedBodyEndsTheFlowWithoutItsObject) {
  MotoShell s;
  s.start();
  s.answer(waiting());
  s.until_request();
  s.take(s.flow.on_response(
      {s.take_request(), 200, std::nullopt, api_error("invalid_response", "reader.id must be …")},
      s.now));
  ASSERT_TRUE(s.finish);
  EXPECT_EQ(s.finish->outcome, Outcome::error);
  EXPECT_FALSE(s.finish->has_object());
}

TEST(MotoSetup, FailedPollsEndTheFlowAfterTheBudget) {
  MotoShell s;
  s.start();
  s.answer(waiting());
  for (int i = 0; i < MotoSetup::kMaxPollFailures && !s.finish; ++i) {
    s.until_request();
    s.refuse(server_error(502, "api_error"));
  }
  ASSERT_TRUE(s.finish);
  EXPECT_EQ(s.finish->error->http_status, 502);
}

TEST(MotoSetup, TheReaderGoingOfflineBrieflyKeepsTheWait) {
  MotoShell s;
  s.start();
  s.answer(waiting(ReaderStatus::offline));
  EXPECT_EQ(s.shown().reader_status, "offline");
  s.until_request();
  s.answer(waiting(ReaderStatus::online));
  EXPECT_EQ(s.shown().reader_status, "online");
  EXPECT_EQ(s.presents.size(), 3u) << "a present per change only";
  s.until_request();
  s.answer(waiting(ReaderStatus::online));
  EXPECT_EQ(s.presents.size(), 3u);
  EXPECT_FALSE(s.finish);
}

}  // namespace
}  // namespace setupflow::testing
