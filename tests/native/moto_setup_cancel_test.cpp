// MotoSetup's cancels: the agent's in each phase, the time limit's and a
// lost reader's, and a cancel refused because the card is being processed.
#include <gtest/gtest.h>

#include "moto_setup_test_util.hpp"
#include "setupflow/moto_setup.hpp"

namespace setupflow::testing {
namespace {

using Phase = ReaderActionPresentation::Phase;

void expect_cancel_request(const MotoShell& s, int n) {
  ASSERT_TRUE(s.pending);
  EXPECT_EQ(s.pending->method, "POST");
  EXPECT_EQ(s.pending->url, std::string(kEndpoint) + "/setups/seti_1/cancel");
  EXPECT_EQ(s.pending->body, "{\"reader\":\"tmr_1\"}");
  EXPECT_EQ(s.pending->idempotency_key, std::string(kMotoKey) + ":cancel-" + std::to_string(n));
}

TEST(MotoSetupCancel, WhileWatchingSendsTheCancelThenFinishesCanceled) {
  MotoShell s;
  s.start();
  s.answer(waiting());
  s.cancel();
  EXPECT_EQ(s.shown().phase, Phase::canceling);
  expect_cancel_request(s, 1);
  s.advance(10000);  // no poll while the cancel is in flight
  EXPECT_EQ(s.sent.size(), 2u);
  s.answer(moto_answer(std::nullopt, "canceled"));
  ASSERT_TRUE(s.finish);
  EXPECT_EQ(s.finish->outcome, Outcome::canceled);
  EXPECT_FALSE(s.finish->error);
  EXPECT_TRUE(s.finish->has_object());
}

TEST(MotoSetupCancel, WhileStartingWaitsForTheStartThenCancelsWhatItStarted) {
  MotoShell s;
  s.start();
  s.cancel();
  EXPECT_EQ(s.shown().phase, Phase::canceling);
  EXPECT_EQ(s.sent.size(), 1u) << "nothing sent until the start answers";
  s.answer(waiting());
  expect_cancel_request(s, 1);
  s.answer(moto_answer(std::nullopt, "canceled"));
  ASSERT_TRUE(s.finish);
  EXPECT_EQ(s.finish->outcome, Outcome::canceled);
}

TEST(MotoSetupCancel, WhileStartingWithTheStartRefusedIsJustCanceled) {
  MotoShell s;
  s.start();
  s.cancel();
  s.refuse(server_error(400, "terminal_reader_busy"));
  ASSERT_TRUE(s.finish);
  EXPECT_EQ(s.finish->outcome, Outcome::canceled);
  EXPECT_FALSE(s.finish->error);
  EXPECT_FALSE(s.finish->has_object());
}

TEST(MotoSetupCancel, BeforeStartIsCanceledWithNothingSent) {
  MotoShell s;
  s.cancel();
  ASSERT_TRUE(s.finish);
  EXPECT_EQ(s.finish->outcome, Outcome::canceled);
  EXPECT_TRUE(s.sent.empty());
}

TEST(MotoSetupCancel, ABusyReaderMeansTheCardIsBeingProcessedSoWatchingGoesOn) {
  MotoShell s;
  s.start();
  s.answer(waiting());
  s.cancel();
  s.refuse(server_error(400, "terminal_reader_busy"));
  EXPECT_FALSE(s.finish);
  EXPECT_EQ(s.shown().phase, Phase::waiting);
  s.until_request();
  EXPECT_EQ(s.pending->method, "GET");
  s.answer(saved());
  ASSERT_TRUE(s.finish);
  EXPECT_EQ(s.finish->outcome, Outcome::succeeded);
}

TEST(MotoSetupCancel, ASecondCancelAfterABusyOneHasItsOwnKey) {
  MotoShell s;
  s.start();
  s.answer(waiting());
  s.cancel();
  s.refuse(server_error(400, "terminal_reader_busy"));
  s.cancel();
  expect_cancel_request(s, 2);
}

TEST(MotoSetupCancel, ACardSavedBeforeTheCancelLandedSucceeds) {
  MotoShell s;
  s.start();
  s.answer(waiting());
  s.cancel();
  s.answer(saved());
  ASSERT_TRUE(s.finish);
  EXPECT_EQ(s.finish->outcome, Outcome::succeeded);
}

TEST(MotoSetupCancel, TheCancelRetriedUnderItsKeyThenAFailedCancelIsAnError) {
  MotoShell s;
  s.start();
  s.answer(waiting());
  s.cancel();
  const std::string key = s.pending->idempotency_key;
  s.network_failure();
  s.until_request();
  EXPECT_EQ(s.pending->idempotency_key, key);
  s.refuse(server_error(404, "resource_missing"));
  ASSERT_TRUE(s.finish);
  EXPECT_EQ(s.finish->outcome, Outcome::error) << "the action may still be live";
  EXPECT_EQ(s.finish->error->code, "resource_missing");
}

TEST(MotoSetupDeadline, CancelsThenExpires) {
  MotoSetupParams p = moto_params();
  p.timeout_ms = 60000;
  MotoShell s{moto_flow(p)};
  s.start();
  s.answer(waiting());
  for (int i = 0; i < 200 && !(s.pending && s.pending->method == "POST"); ++i) {
    s.until_request();
    if (s.pending && s.pending->method == "GET") s.answer(waiting());
  }
  EXPECT_GE(s.now, kMotoT0 + 60000);
  expect_cancel_request(s, 1);
  s.answer(moto_answer(std::nullopt, "canceled"));
  ASSERT_TRUE(s.finish);
  EXPECT_EQ(s.finish->outcome, Outcome::expired);
  EXPECT_EQ(s.finish->error->code, "moto_setup_timeout");
}

TEST(MotoSetupDeadline, DuringTheStartCancelsOnceTheStartAnswers) {
  MotoSetupParams p = moto_params();
  p.timeout_ms = 1000;
  MotoShell s{moto_flow(p)};
  s.start();
  s.advance(2000);
  EXPECT_EQ(s.sent.size(), 1u);
  s.answer(waiting());
  expect_cancel_request(s, 1);
  s.refuse(server_error(500, "api_error"));
  s.until_request();
  s.answer(moto_answer(std::nullopt, "canceled"));
  ASSERT_TRUE(s.finish);
  EXPECT_EQ(s.finish->outcome, Outcome::expired);
}

TEST(MotoSetupReaderLost, OfflinePastTheGraceCancelsThenFails) {
  MotoShell s;
  s.start();
  s.answer(waiting(ReaderStatus::offline));
  while (!(s.pending && s.pending->method == "POST") && !s.finish) {
    s.until_request();
    if (s.pending->method == "GET") s.answer(waiting(ReaderStatus::offline));
  }
  EXPECT_GT(s.now - kMotoT0, MotoSetup::kReaderGraceMs);
  expect_cancel_request(s, 1);
  s.refuse(server_error(400, "terminal_reader_offline"));
  ASSERT_TRUE(s.finish);
  EXPECT_EQ(s.finish->outcome, Outcome::error);
  EXPECT_EQ(s.finish->error->code, "reader_lost");
  EXPECT_TRUE(s.finish->has_object()) << "the last answer taken";
}

TEST(MotoSetupReaderLost, AnActionClearedOrReplacedCancelsThenFails) {
  for (bool replaced : {false, true}) {
    MotoShell s;
    s.start();
    s.answer(waiting());
    s.until_request();
    MotoSetupAnswer a = moto_answer(std::nullopt);
    if (replaced) {
      a = waiting();
      a.reader.action->setup_intent = "seti_other";
    }
    s.answer(a);
    expect_cancel_request(s, 1);
    s.answer(moto_answer(std::nullopt, "canceled"));
    ASSERT_TRUE(s.finish);
    EXPECT_EQ(s.finish->outcome, Outcome::error);
    EXPECT_EQ(s.finish->error->code, "reader_lost");
  }
}

}  // namespace
}  // namespace setupflow::testing
