// CashappConfirm on desktop: showing and refreshing the QR, the poll cadence
// (visible, hidden, QR expiry), the session limit, poll failures, the
// shopper's cancel, and handle_next_action.
#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <utility>

#include "cashapp_confirm_test_util.hpp"
#include "setupflow/cashapp_confirm.hpp"
#include "setupflow/qr.hpp"

namespace setupflow {
namespace {

using namespace setupflow::testing;

// Confirms and answers requires_action; returns the shell with the QR up.
Shell qr_up(CashappParams p = params(), Intent answer = requires_action()) {
  Shell shell = Shell::make(std::move(p));
  shell.start();
  shell.respond(answer);
  EXPECT_TRUE(shell.qr_visible);
  return shell;
}

TEST(ConfirmFlowQr, ShowsTheQrThenStartsTheSessionAndPolling) {
  Shell shell = Shell::make();
  shell.start();
  const Intent answer = requires_action("https://cash.app/pay/grant/GRR_first", kT0Seconds + 30);
  const Effects e = shell.respond(answer);
  ASSERT_EQ(kinds(e), "Present,ScheduleWake,ScheduleWake");
  const QrPresentation& show = qr_of(e[0]);
  Result<QrMatrix> matrix = encode_qr("https://cash.app/pay/grant/GRR_first");
  ASSERT_TRUE(matrix.ok());
  EXPECT_EQ(show.data, "https://cash.app/pay/grant/GRR_first");
  EXPECT_EQ(show.svg_path, qr_svg_path(*matrix));
  EXPECT_FALSE(show.svg_path.empty());
  EXPECT_EQ(show.size, matrix->size());
  EXPECT_EQ(show.expires_at_ms, (kT0Seconds + 30) * 1000);
  EXPECT_EQ(show.hosted_instructions_url, "https://pay.example.test/instructions");
  EXPECT_EQ(show.mobile_auth_url, "https://pay.example.test/authorize/abc");
  EXPECT_EQ(show.image_url_svg, "https://qr.example.test/1.svg");
  EXPECT_EQ(show.refresh_count, 0);
  EXPECT_EQ(std::get<ScheduleWake>(e[1]).delay_ms, CashappConfirm::kSessionLimitMs);
  EXPECT_EQ(std::get<ScheduleWake>(e[2]).delay_ms, CashappConfirm::kPollVisibleMs);
  EXPECT_FALSE(shell.flow.finished());

  // Each poll is the retrieve GET, no idempotency key.
  EXPECT_TRUE(shell.advance(CashappConfirm::kPollVisibleMs - 1).empty());
  const Effects poll = shell.advance(1);
  ASSERT_EQ(kinds(poll), "SendRequest");
  const SendRequest& r = std::get<SendRequest>(poll[0]);
  EXPECT_EQ(r.method, "GET");
  EXPECT_EQ(r.url.rfind(std::string(kBase) + "/v1/setup_intents/seti_123abc?client_secret=", 0),
            0u);
  EXPECT_TRUE(r.idempotency_key.empty());
  // The same QR again: no new Present, just the next poll.
  EXPECT_EQ(kinds(shell.respond(answer)), "ScheduleWake");
}

TEST(ConfirmFlowQr, FallsBackToTheSvgImageWithoutData) {
  Shell shell = Shell::make();
  shell.start();
  const Effects e = shell.respond(requires_action(""));
  ASSERT_EQ(kinds(e), "Present,ScheduleWake,ScheduleWake");
  const QrPresentation& show = qr_of(e[0]);
  EXPECT_TRUE(show.data.empty());
  EXPECT_TRUE(show.svg_path.empty());
  EXPECT_EQ(show.size, 0);
  EXPECT_EQ(show.image_url_svg, "https://qr.example.test/1.svg");
}

TEST(ConfirmFlowQr, DropsUnsafeLinksButKeepsTheQr) {
  Intent answer = requires_action();
  answer.next_action->cashapp->hosted_instructions_url = "javascript:alert(1)";
  answer.next_action->cashapp->mobile_auth_url = "data:text/html,x";
  answer.next_action->cashapp->qr_code.image_url_svg = "javascript:alert(2)";
  Shell shell = Shell::make();
  shell.start();
  const Effects e = shell.respond(answer);
  ASSERT_EQ(kinds(e), "Present,ScheduleWake,ScheduleWake");
  const QrPresentation& show = qr_of(e[0]);
  EXPECT_FALSE(show.svg_path.empty());
  EXPECT_TRUE(show.hosted_instructions_url.empty());
  EXPECT_TRUE(show.mobile_auth_url.empty());
  EXPECT_TRUE(show.image_url_svg.empty());
}

TEST(ConfirmFlowQr, ANewQrIsShownWithAnIncreasingRefreshCount) {
  Shell shell = qr_up();
  struct Step {
    const char* data;
    int64_t expires_at;
    int refresh;  // -1: no Present expected
  };
  const Step steps[] = {
      {"https://cash.app/pay/grant/GRR_1", kT0Seconds + 30, -1},  // unchanged
      {"https://cash.app/pay/grant/GRR_2", kT0Seconds + 60, 1},   // new data
      {"https://cash.app/pay/grant/GRR_2", kT0Seconds + 90, 2},   // new expiry only
      {"https://cash.app/pay/grant/GRR_2", kT0Seconds + 90, -1},
      {"https://cash.app/pay/grant/GRR_3", kT0Seconds + 90, 3},  // new data only
  };
  for (const Step& s : steps) {
    SCOPED_TRACE(s.data);
    ASSERT_EQ(kinds(shell.advance(shell.timers.rbegin()->second - shell.now)), "SendRequest");
    const Effects e = shell.respond(requires_action(s.data, s.expires_at));
    if (s.refresh < 0) {
      EXPECT_EQ(kinds(e), "ScheduleWake");
    } else {
      ASSERT_EQ(kinds(e), "Present,ScheduleWake");
      EXPECT_EQ(qr_of(e[0]).refresh_count, s.refresh);
      EXPECT_EQ(qr_of(e[0]).data, s.data);
      EXPECT_EQ(qr_of(e[0]).expires_at_ms, s.expires_at * 1000);
    }
  }
  EXPECT_EQ(shell.timers.size(), 2u) << "session + poll only";
}

TEST(ConfirmFlowQr, PollCadenceFollowsVisibility) {
  Shell shell = qr_up(params(), requires_action("d", kT0Seconds + 3600));
  EXPECT_EQ(shell.last_wake->delay_ms, CashappConfirm::kPollVisibleMs);
  EXPECT_TRUE(shell.visibility(false).empty()) << "the pending poll is left alone";
  shell.advance(CashappConfirm::kPollVisibleMs);
  ASSERT_TRUE(shell.pending.has_value());
  EXPECT_EQ(kinds(shell.respond(requires_action("d", kT0Seconds + 3600))), "ScheduleWake");
  EXPECT_EQ(shell.last_wake->delay_ms, CashappConfirm::kPollHiddenMs);
  EXPECT_TRUE(shell.visibility(false).empty()) << "already hidden";

  // Back in view: the slow timer is cancelled and a poll goes out now.
  shell.advance(2000);
  const uint32_t slow = shell.last_wake->timer_id;
  const Effects back = shell.visibility(true);
  ASSERT_EQ(kinds(back), "CancelTimer,SendRequest");
  EXPECT_EQ(std::get<CancelTimer>(back[0]).timer_id, slow);
  EXPECT_TRUE(shell.flow.on_timer(slow, shell.now + 8000).empty()) << "a cancelled timer is stale";
  EXPECT_TRUE(shell.visibility(true).empty()) << "already visible";
  EXPECT_EQ(kinds(shell.respond(requires_action("d", kT0Seconds + 3600))), "ScheduleWake");
  EXPECT_EQ(shell.last_wake->delay_ms, CashappConfirm::kPollVisibleMs);

  // Visibility changes while a poll is in flight do not send a second one.
  shell.advance(CashappConfirm::kPollVisibleMs);
  ASSERT_TRUE(shell.pending.has_value());
  EXPECT_TRUE(shell.visibility(false).empty());
  EXPECT_TRUE(shell.visibility(true).empty());
  EXPECT_EQ(kinds(shell.respond(requires_action("d", kT0Seconds + 3600))), "ScheduleWake");
}

TEST(ConfirmFlowQr, PollsWhenTheQrExpiresIfThatComesFirst) {
  // Hidden tab, QR expiring in 3 s: poll at 3 s, not 10 s.
  Shell shell = Shell::make();
  shell.visibility(false);
  shell.start();
  shell.respond(requires_action("a", kT0Seconds + 3));
  EXPECT_EQ(shell.last_wake->delay_ms, 3000);
  EXPECT_TRUE(shell.advance(2999).empty());
  ASSERT_EQ(kinds(shell.advance(1)), "SendRequest");
  // The server answers with the fresh QR.
  const Effects e = shell.respond(requires_action("b", kT0Seconds + 33));
  ASSERT_EQ(kinds(e), "Present,ScheduleWake");
  EXPECT_EQ(shell.last_wake->delay_ms, CashappConfirm::kPollHiddenMs);
  // Visible, QR expiring in 400 ms: poll at 400 ms.
  shell.visibility(true);  // cancels the slow poll, polls now
  shell.now = (kT0Seconds + 33) * 1000 - 400;
  EXPECT_EQ(kinds(shell.respond(requires_action("b", kT0Seconds + 33))), "ScheduleWake");
  EXPECT_EQ(shell.last_wake->delay_ms, 400);
  // An already-expired QR does not make polling hammer the server.
  shell.advance(400);
  shell.now += 5000;
  EXPECT_EQ(kinds(shell.respond(requires_action("b", kT0Seconds + 33))), "ScheduleWake");
  EXPECT_EQ(shell.last_wake->delay_ms, CashappConfirm::kPollVisibleMs);
}

TEST(ConfirmFlowQr, ExtremeClocksAndExpiriesKeepTheRegularCadence) {
  // Found by fuzzing: a clock far in the past made "expiry − now" overflow.
  const std::pair<int64_t, int64_t> cases[] = {
      {std::numeric_limits<int64_t>::min() + 1, kT0Seconds + 30},
      {-kT0, std::numeric_limits<int64_t>::max()},
      {kT0, std::numeric_limits<int64_t>::max()},
      {kT0, std::numeric_limits<int64_t>::min()},
  };
  for (const auto& [now, expires_at] : cases) {
    SCOPED_TRACE(now);
    Shell shell = Shell::make();
    shell.now = now;
    shell.start();
    const Effects e = shell.respond(requires_action("x", expires_at));
    ASSERT_EQ(kinds(e), "Present,ScheduleWake,ScheduleWake");
    EXPECT_EQ(std::get<ScheduleWake>(e[2]).delay_ms, CashappConfirm::kPollVisibleMs);
  }
}

TEST(ConfirmFlowQr, FinalAnswersWhilePollingHideTheQrAndFinish) {
  struct Case {
    const char* name;
    Intent answer;
    const char* code;  // "" → success
  };
  Intent other_action = intent(IntentStatus::requires_action);
  other_action.next_action = NextAction{"redirect_to_url", std::nullopt};
  const Case cases[] = {
      {"succeeded", intent(IntentStatus::succeeded), ""},
      {"declined", declined(), "payment_method_provider_decline"},
      {"canceled", intent(IntentStatus::canceled), "setup_intent_unexpected_state"},
      {"other action", other_action, "unsupported_next_action"},
      {"no action", intent(IntentStatus::requires_action), "invalid_response"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Shell shell = qr_up();
    const uint32_t poll_timer = shell.last_wake->timer_id;
    shell.advance(CashappConfirm::kPollVisibleMs);
    ASSERT_TRUE(shell.pending.has_value());
    EXPECT_EQ(shell.timers.count(poll_timer), 0u);
    const Effects e = shell.respond(c.answer);
    ASSERT_EQ(kinds(e), "Dismiss,CancelTimer,Finish");  // the session timer
    const Finish& f = std::get<Finish>(e[2]);
    ASSERT_TRUE(f.intent.has_value());
    EXPECT_EQ(f.intent->status, c.answer.status);
    if (*c.code == '\0') {
      EXPECT_FALSE(f.error.has_value());
    } else {
      ASSERT_TRUE(f.error.has_value());
      EXPECT_EQ(f.error->code, c.code);
    }
  }
}

TEST(ConfirmFlowQr, SessionExpiresAfterTheLimit) {
  Shell shell = qr_up();
  Effects e;
  int polls = 0;
  while (!shell.flow.finished() && polls < 1000) {
    e = shell.advance(CashappConfirm::kPollVisibleMs);
    if (shell.pending) {
      ++polls;
      shell.respond(requires_action());
    }
  }
  EXPECT_EQ(polls, CashappConfirm::kSessionLimitMs / CashappConfirm::kPollVisibleMs - 1);
  const std::optional<Finish> f = shell.finish();
  ASSERT_TRUE(f.has_value());
  ASSERT_TRUE(f->error.has_value());
  EXPECT_EQ(f->error->code, "setup_intent_authentication_failure");
  EXPECT_NE(f->error->message.find("expired"), std::string::npos);
  ASSERT_TRUE(f->intent.has_value());
  EXPECT_EQ(f->intent->status, IntentStatus::requires_action);
  EXPECT_FALSE(shell.qr_visible);
  EXPECT_TRUE(shell.timers.empty());
  EXPECT_EQ(shell.now, kT0 + CashappConfirm::kSessionLimitMs);
  EXPECT_TRUE(shell.advance(60000).empty()) << "polling has stopped";
}

TEST(ConfirmFlowQr, SessionTimerDuringAPollEndsTheFlowAndTheAnswerIsStale) {
  Shell shell = qr_up(params(FlowOperation::confirm, IntentKind::payment),
                      requires_action("q", kT0Seconds + 30, IntentKind::payment));
  shell.visibility(false);
  shell.now = kT0 + CashappConfirm::kSessionLimitMs - 1;  // a throttled tab: the poll fires late
  const Effects poll = shell.advance(0);
  ASSERT_EQ(kinds(poll), "SendRequest");
  const uint32_t id = shell.pending->request_id;
  const Effects e = shell.advance(1);
  ASSERT_EQ(kinds(e), "Dismiss,Finish");
  EXPECT_EQ(std::get<Finish>(e[1]).error->code, "payment_intent_authentication_failure");
  EXPECT_TRUE(
      shell.flow
          .on_response(
              HttpResponse{id, 200, intent(IntentStatus::succeeded, IntentKind::payment), {}},
              shell.now)
          .empty());
}

TEST(ConfirmFlowQr, ALateTimerCannotOutliveTheSession) {
  // The shell's clock is past the deadline when the poll timer fires (a
  // suspended laptop): the machine expires instead of polling.
  Shell shell = qr_up();
  shell.now = kT0 + CashappConfirm::kSessionLimitMs + 5;
  const Effects e = shell.flow.on_timer(shell.last_wake->timer_id, shell.now);
  ASSERT_EQ(kinds(e), "Dismiss,CancelTimer,Finish");
  EXPECT_EQ(std::get<Finish>(e[2]).error->code, "setup_intent_authentication_failure");
}

TEST(ConfirmFlowQr, ASuccessArrivingAfterTheDeadlineStillWins) {
  Shell shell = qr_up();
  shell.advance(CashappConfirm::kPollVisibleMs);
  ASSERT_TRUE(shell.pending.has_value());
  shell.now = kT0 + CashappConfirm::kSessionLimitMs + 1;  // the answer took long
  const Effects e = shell.respond(intent(IntentStatus::succeeded));
  ASSERT_EQ(kinds(e), "Dismiss,CancelTimer,Finish");
  EXPECT_FALSE(std::get<Finish>(e[2]).error.has_value());
}

TEST(ConfirmFlowQr, PollFailuresBackOffThenGiveUp) {
  for (bool network : {false, true}) {
    SCOPED_TRACE(network ? "network" : "503");
    Shell shell = qr_up(params(), requires_action("d", kT0Seconds + 3600));
    for (int n = 1; n < CashappConfirm::kMaxPollFailures; ++n) {
      shell.advance(shell.last_wake->delay_ms);
      ASSERT_TRUE(shell.pending.has_value()) << n;
      const Effects e = network ? shell.fail_network() : shell.respond_error(503);
      ASSERT_EQ(kinds(e), "ScheduleWake") << n;
      int64_t backoff = CashappConfirm::kRetryBaseDelayMs;
      for (int i = 1; i < n; ++i) backoff *= 2;
      EXPECT_EQ(
          std::get<ScheduleWake>(e[0]).delay_ms,
          std::max(std::min(backoff, CashappConfirm::kRetryMaxDelayMs), CashappConfirm::kPollVisibleMs));
      // A failure back-off is not cut short by the tab becoming visible.
      EXPECT_TRUE(shell.visibility(false).empty());
      EXPECT_TRUE(shell.visibility(true).empty());
    }
    shell.advance(shell.last_wake->delay_ms);
    const Effects e = network ? shell.fail_network() : shell.respond_error(503);
    ASSERT_EQ(kinds(e), "Dismiss,CancelTimer,Finish");
    const Finish& f = std::get<Finish>(e[2]);
    ASSERT_TRUE(f.error.has_value());
    EXPECT_EQ(f.error->type, network ? ErrorType::api_connection_error : ErrorType::api_error);
  }
}

TEST(ConfirmFlowQr, ASuccessfulPollResetsTheFailureCount) {
  Shell shell = qr_up(params(), requires_action("d", kT0Seconds + 3600));
  for (int round = 0; round < 3; ++round) {
    for (int n = 1; n < CashappConfirm::kMaxPollFailures; ++n) {
      shell.advance(shell.last_wake->delay_ms);
      ASSERT_EQ(kinds(shell.respond_error(500)), "ScheduleWake");
    }
    shell.advance(shell.last_wake->delay_ms);
    ASSERT_EQ(kinds(shell.respond(requires_action("d", kT0Seconds + 3600))), "ScheduleWake");
  }
  EXPECT_FALSE(shell.flow.finished());
}

TEST(ConfirmFlowQr, PollClientErrorsFinishAtOnce) {
  for (int status : {400, 401, 403, 404}) {
    SCOPED_TRACE(status);
    Shell shell = qr_up();
    shell.advance(CashappConfirm::kPollVisibleMs);
    const Effects e =
        shell.respond_error(status, ErrorType::invalid_request_error, "resource_missing");
    ASSERT_EQ(kinds(e), "Dismiss,CancelTimer,Finish");
    EXPECT_EQ(std::get<Finish>(e[2]).error->http_status, status);
  }
}

// ---- cancel --------------------------------------------------------------------

TEST(ConfirmFlowCancel, CancelWithTheQrUpFinishesWithTheIntentAndNoError) {
  Shell shell = qr_up();
  const uint32_t poll = shell.last_wake->timer_id;
  const Effects e = shell.cancel();
  ASSERT_EQ(kinds(e), "Dismiss,CancelTimer,CancelTimer,Finish");
  EXPECT_EQ(std::get<CancelTimer>(e[1]).timer_id, poll);
  const Finish& f = std::get<Finish>(e[3]);
  EXPECT_FALSE(f.error.has_value());
  ASSERT_TRUE(f.intent.has_value());
  EXPECT_EQ(f.intent->status, IntentStatus::requires_action);
  EXPECT_TRUE(shell.cancel().empty());
}

TEST(ConfirmFlowCancel, CancelDuringAPollMakesItsAnswerStale) {
  Shell shell = qr_up();
  shell.advance(CashappConfirm::kPollVisibleMs);
  const uint32_t id = shell.pending->request_id;
  const Effects e = shell.cancel();
  ASSERT_EQ(kinds(e), "Dismiss,CancelTimer,Finish");
  EXPECT_FALSE(std::get<Finish>(e[2]).error.has_value());
  EXPECT_TRUE(
      shell.flow.on_response(HttpResponse{id, 200, intent(IntentStatus::succeeded), {}}, shell.now)
          .empty());
}

TEST(ConfirmFlowCancel, CancelBeforeAnyIntentFinishesWithAnError) {
  Shell shell = Shell::make();
  shell.start();
  const uint32_t id = shell.pending->request_id;
  const Effects e = shell.cancel();
  ASSERT_EQ(kinds(e), "Finish");
  const Finish& f = std::get<Finish>(e[0]);
  EXPECT_FALSE(f.intent.has_value());
  ASSERT_TRUE(f.error.has_value());
  EXPECT_EQ(f.error->code, "setup_intent_authentication_failure");
  EXPECT_TRUE(
      shell.flow.on_response(HttpResponse{id, 200, requires_action(), {}}, shell.now).empty());

  // During a retry back-off the pending wake is cancelled.
  Shell waiting = Shell::make();
  waiting.start();
  waiting.fail_network();
  EXPECT_EQ(kinds(waiting.cancel()), "CancelTimer,Finish");
}

// ---- handle_next_action -------------------------------------------------------------

TEST(ConfirmFlowHandleNextAction, RetrievesThenHandlesTheAction) {
  Shell shell = Shell::make(params(FlowOperation::handle_next_action, IntentKind::payment));
  const Effects first = shell.start();
  ASSERT_EQ(kinds(first), "SendRequest");
  EXPECT_EQ(shell.pending->method, "GET");
  EXPECT_EQ(shell.pending->url.rfind(std::string(kBase) + "/v1/payment_intents/pi_456def?", 0), 0u);
  shell.respond_error(502);
  shell.advance(CashappConfirm::kRetryBaseDelayMs);
  const Effects e = shell.respond(requires_action("p", kT0Seconds + 30, IntentKind::payment));
  ASSERT_EQ(kinds(e), "Present,ScheduleWake,ScheduleWake");
  shell.advance(CashappConfirm::kPollVisibleMs);
  const Effects done = shell.respond(intent(IntentStatus::succeeded, IntentKind::payment));
  ASSERT_EQ(kinds(done), "Dismiss,CancelTimer,Finish");
  EXPECT_EQ(std::get<Finish>(done[2]).intent->status, IntentStatus::succeeded);
  for (const SendRequest& r : shell.requests) EXPECT_EQ(r.method, "GET");
}

TEST(ConfirmFlowHandleNextAction, AnIntentWithNothingToDoFinishesAtOnce) {
  Shell shell = Shell::make(params(FlowOperation::handle_next_action));
  shell.start();
  const Effects e = shell.respond(intent(IntentStatus::succeeded));
  ASSERT_EQ(kinds(e), "Finish");
  EXPECT_FALSE(std::get<Finish>(e[0]).error.has_value());
}

TEST(ConfirmFlowIds, RequestAndTimerIdsStartAtOneAndIncrease) {
  Shell shell = qr_up();
  for (int i = 0; i < 3; ++i) {
    shell.advance(CashappConfirm::kPollVisibleMs);
    shell.respond(requires_action());
  }
  ASSERT_GE(shell.requests.size(), 4u);
  for (size_t i = 0; i < shell.requests.size(); ++i) EXPECT_EQ(shell.requests[i].request_id, i + 1);
  const std::vector<ScheduleWake> wakes = all_of<ScheduleWake>(shell.log);
  for (size_t i = 0; i < wakes.size(); ++i) EXPECT_EQ(wakes[i].timer_id, i + 1);
}

}  // namespace
}  // namespace setupflow
