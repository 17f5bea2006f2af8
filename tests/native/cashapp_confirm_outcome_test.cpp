// CashappConfirm: the outcome Finish carries for each way the flow ends, and
// the final intent (the last 2xx answer's), so no shell has to infer either
// from an error code or keep its own copy of a body.
#include <gtest/gtest.h>

#include <string>

#include "cashapp_confirm_test_util.hpp"
#include "setupflow/cashapp_confirm.hpp"

namespace setupflow {
namespace {

using namespace setupflow::testing;

Finish finish_of(const Shell& shell) {
  const std::optional<Finish> f = shell.finish();
  EXPECT_TRUE(f.has_value()) << "the flow has not finished";
  return f.value_or(Finish{});
}

TEST(CashappConfirmOutcome, EachFinalAnswerHasItsOutcome) {
  struct Case {
    const char* name;
    Intent answer;
    bool handle_actions;
    Outcome outcome;
  };
  Intent session_over = declined();
  session_over.last_error = LastError{"invalid_request_error",
                                      "setup_intent_authentication_failure", "",
                                      "The Cash App authorization session expired.", ""};
  const Case cases[] = {
      {"succeeded", intent(IntentStatus::succeeded), true, Outcome::succeeded},
      {"requires_capture", intent(IntentStatus::requires_capture), true, Outcome::succeeded},
      {"processing", intent(IntentStatus::processing), true, Outcome::processing},
      {"declined", declined(), true, Outcome::declined},
      {"the API says the session ended", session_over, true, Outcome::expired},
      {"rpm without last error", intent(IntentStatus::requires_payment_method), true,
       Outcome::expired},
      {"canceled intent", intent(IntentStatus::canceled), true, Outcome::unexpected_state},
      {"requires_confirmation", intent(IntentStatus::requires_confirmation), true,
       Outcome::unexpected_state},
      {"no actions handled", requires_action(), false, Outcome::requires_action},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    CashappParams p = params();
    p.handle_actions = c.handle_actions;
    Shell shell = Shell::make(p);
    shell.start();
    shell.respond(c.answer);
    const Finish f = finish_of(shell);
    EXPECT_EQ(f.outcome, c.outcome);
    ASSERT_TRUE(f.intent.has_value());
    EXPECT_EQ(f.intent->status, c.answer.status);
  }
}

TEST(CashappConfirmOutcome, RetrieveIsRetrievedWhateverTheStatus) {
  for (IntentStatus status : {IntentStatus::succeeded, IntentStatus::requires_payment_method,
                              IntentStatus::canceled}) {
    Shell shell = Shell::make(params(FlowOperation::retrieve));
    shell.start();
    shell.respond(intent(status));
    EXPECT_EQ(finish_of(shell).outcome, Outcome::retrieved);
  }
}

TEST(CashappConfirmOutcome, ErrorsHaveNoObject) {
  Shell http = Shell::make();
  http.start();
  http.respond_error(400, ErrorType::invalid_request_error, "setup_intent_authentication_failure");
  EXPECT_EQ(finish_of(http).outcome, Outcome::error) << "an HTTP error is no session's end";
  EXPECT_FALSE(finish_of(http).intent.has_value());

  Shell other = Shell::make();
  other.start();
  Intent stranger = intent(IntentStatus::succeeded);
  stranger.id = "seti_other";
  other.respond(stranger);
  EXPECT_EQ(finish_of(other).outcome, Outcome::error);
  EXPECT_FALSE(finish_of(other).intent.has_value());

  Shell network = Shell::make();
  network.start();
  for (int i = 0; i <= CashappConfirm::kMaxRetries; ++i) {
    network.fail_network();
    network.advance(CashappConfirm::kRetryMaxDelayMs);
  }
  EXPECT_EQ(finish_of(network).outcome, Outcome::error);
  EXPECT_EQ(finish_of(network).error->type, ErrorType::api_connection_error);
}

TEST(CashappConfirmOutcome, UnsupportedActionsAreErrorsWithTheIntent) {
  Shell shell = Shell::make();
  shell.start();
  Intent other = requires_action();
  other.next_action->type = "redirect_to_url";
  other.next_action->cashapp.reset();
  shell.respond(other);
  const Finish f = finish_of(shell);
  EXPECT_EQ(f.outcome, Outcome::error);
  EXPECT_EQ(f.error->code, "unsupported_next_action");
  EXPECT_TRUE(f.intent.has_value());
}

TEST(CashappConfirmOutcome, TheShoppersCancelIsCanceledWithOrWithoutAnIntent) {
  Shell early = Shell::make();
  early.start();
  early.cancel();
  EXPECT_EQ(finish_of(early).outcome, Outcome::canceled);
  EXPECT_FALSE(finish_of(early).intent.has_value());

  Shell polling = Shell::make();
  polling.start();
  polling.respond(requires_action());
  polling.advance(CashappConfirm::kPollVisibleMs);
  polling.respond(requires_action("https://cash.app/pay/grant/GRR_2"));
  polling.cancel();
  const Finish f = finish_of(polling);
  EXPECT_EQ(f.outcome, Outcome::canceled);
  EXPECT_FALSE(f.error.has_value());
  ASSERT_TRUE(f.intent && f.intent->next_action && f.intent->next_action->cashapp);
  EXPECT_EQ(f.intent->next_action->cashapp->qr_code.data, "https://cash.app/pay/grant/GRR_2")
      << "the last answer's intent";
}

TEST(CashappConfirmOutcome, TheSessionLimitIsExpired) {
  Shell shell = Shell::make();
  shell.start();
  shell.respond(requires_action("https://cash.app/pay/grant/GRR_1", kT0Seconds + 3600));
  for (int64_t t = 0; t < CashappConfirm::kSessionLimitMs && !shell.finish(); t += 1000) {
    if (shell.pending) shell.respond(requires_action("https://cash.app/pay/grant/GRR_1",
                                                     kT0Seconds + 3600));
    shell.advance(1000);
  }
  const Finish f = finish_of(shell);
  EXPECT_EQ(f.outcome, Outcome::expired);
  EXPECT_EQ(f.error->code, "setup_intent_authentication_failure");
}

TEST(CashappConfirmOutcome, NamesAreSnakeCase) {
  EXPECT_EQ(to_string(Outcome::succeeded), "succeeded");
  EXPECT_EQ(to_string(Outcome::requires_action), "requires_action");
  EXPECT_EQ(to_string(Outcome::unexpected_state), "unexpected_state");
  EXPECT_EQ(to_string(Outcome::error), "error");
}

}  // namespace
}  // namespace setupflow
