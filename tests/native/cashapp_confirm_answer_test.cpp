// CashappConfirm: retries of transient failures, and what each confirm answer
// leads to (final statuses, declines, handle_actions=false, mobile navigation,
// malformed or unexpected answers).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "cashapp_confirm_test_util.hpp"
#include "setupflow/cashapp_confirm.hpp"

namespace setupflow {
namespace {

using namespace setupflow::testing;

// ---- retries ----------------------------------------------------------------------

enum class Failure { network, s429, s500, s502, s503, s504 };

Effects inject(Shell& shell, Failure f) {
  switch (f) {
    case Failure::network:
      return shell.fail_network();
    case Failure::s429:
      return shell.respond_error(429, ErrorType::rate_limit_error, "rate_limit");
    case Failure::s500:
      return shell.respond_error(500);
    case Failure::s502:
      return shell.respond(502, std::nullopt, std::nullopt);  // no error body at all
    case Failure::s503:
      return shell.respond_error(503, ErrorType::api_error, "service_unavailable");
    case Failure::s504:
      return shell.respond_error(504);
  }
  return {};
}

int64_t expected_backoff(int n) {
  int64_t d = CashappConfirm::kRetryBaseDelayMs;
  for (int i = 1; i < n; ++i) d *= 2;
  return std::min(d, CashappConfirm::kRetryMaxDelayMs);
}

TEST(ConfirmFlowRetries, RetriesTransientFailuresWithBackoffAndTheSameKeyThenGivesUp) {
  for (Failure f : {Failure::network, Failure::s429, Failure::s500, Failure::s502, Failure::s503,
                    Failure::s504}) {
    SCOPED_TRACE(static_cast<int>(f));
    Shell shell = Shell::make();
    shell.start();
    const SendRequest first = *shell.pending;
    for (int n = 1; n <= CashappConfirm::kMaxRetries; ++n) {
      const Effects e = inject(shell, f);
      ASSERT_EQ(kinds(e), "ScheduleWake") << "failure " << n;
      EXPECT_EQ(std::get<ScheduleWake>(e[0]).delay_ms, expected_backoff(n));
      // Nothing is resent before the back-off has passed.
      EXPECT_TRUE(shell.advance(expected_backoff(n) - 1).empty());
      const Effects resend = shell.advance(1);
      ASSERT_EQ(kinds(resend), "SendRequest");
      const SendRequest& r = std::get<SendRequest>(resend[0]);
      EXPECT_NE(r.request_id, first.request_id);
      EXPECT_EQ(r.method, first.method);
      EXPECT_EQ(r.url, first.url);
      EXPECT_EQ(r.body, first.body);
      EXPECT_EQ(r.headers, first.headers);
      EXPECT_EQ(r.idempotency_key, kIdem);
    }
    EXPECT_EQ(shell.requests.size(), size_t(CashappConfirm::kMaxRetries + 1));
    const Effects last = inject(shell, f);
    ASSERT_EQ(kinds(last), "Finish");
    const Finish& fin = std::get<Finish>(last[0]);
    EXPECT_FALSE(fin.intent.has_value());
    ASSERT_TRUE(fin.error.has_value());
    if (f == Failure::network) {
      EXPECT_EQ(fin.error->type, ErrorType::api_connection_error);
      EXPECT_EQ(fin.error->http_status, 0);
    } else {
      EXPECT_NE(fin.error->type, ErrorType::api_connection_error);
      EXPECT_GE(fin.error->http_status, 429);
    }
    if (f == Failure::s429) EXPECT_EQ(fin.error->type, ErrorType::rate_limit_error);
    if (f == Failure::s503) EXPECT_EQ(fin.error->code, "service_unavailable");
    EXPECT_TRUE(shell.flow.finished());
  }
}

TEST(ConfirmFlowRetries, RetryThenSuccessFinishesWithTheIntent) {
  Shell shell = Shell::make();
  shell.start();
  shell.respond_error(503);
  shell.advance(CashappConfirm::kRetryBaseDelayMs);
  shell.fail_network();
  shell.advance(2 * CashappConfirm::kRetryBaseDelayMs);
  const Effects e = shell.respond(intent(IntentStatus::succeeded));
  ASSERT_EQ(kinds(e), "Finish");
  EXPECT_EQ(std::get<Finish>(e[0]).intent->status, IntentStatus::succeeded);
  EXPECT_FALSE(std::get<Finish>(e[0]).error.has_value());
  EXPECT_EQ(shell.requests.size(), 3u);
}

TEST(ConfirmFlowRetries, NeverRetriesOtherClientErrors) {
  const std::pair<int, ErrorType> cases[] = {
      {400, ErrorType::invalid_request_error},
      {401, ErrorType::authentication_error},
      {402, ErrorType::card_error},
      {403, ErrorType::invalid_request_error},
      {404, ErrorType::invalid_request_error},
      {409, ErrorType::idempotency_error},
      {302, ErrorType::api_error},
      {0, ErrorType::api_error},
  };
  for (const auto& [status, type] : cases) {
    SCOPED_TRACE(status);
    Shell shell = Shell::make();
    shell.start();
    const Effects e = shell.respond_error(status, type, "some_code");
    ASSERT_EQ(kinds(e), "Finish");
    const Finish& f = std::get<Finish>(e[0]);
    ASSERT_TRUE(f.error.has_value());
    EXPECT_EQ(f.error->type, type);
    EXPECT_EQ(f.error->code, "some_code");
    EXPECT_EQ(f.error->http_status, status);
    EXPECT_EQ(shell.requests.size(), 1u);
    EXPECT_TRUE(shell.advance(60000).empty());
  }
}

// A non-2xx answer the shell could not read an error from: the message is the
// reader's own wording for an error body without a message.
TEST(ConfirmFlowRetries, AnUnreadClientErrorIsNamedByItsStatus) {
  Shell shell = Shell::make();
  shell.start();
  const Effects e = shell.respond(404, std::nullopt);
  ASSERT_EQ(kinds(e), "Finish");
  const Finish& f = std::get<Finish>(e[0]);
  ASSERT_TRUE(f.error.has_value());
  EXPECT_EQ(f.error->type, ErrorType::api_error);
  EXPECT_EQ(f.error->code, "");
  EXPECT_EQ(f.error->message, "The API answered HTTP 404.");
  EXPECT_EQ(f.error->http_status, 404);
}

TEST(ConfirmFlowRetries, RetrieveOperationRetriesAndFinishesWithWhateverIntentItGets) {
  Shell shell = Shell::make(params(FlowOperation::retrieve));
  shell.start();
  shell.respond_error(500);
  shell.advance(CashappConfirm::kRetryBaseDelayMs);
  EXPECT_EQ(shell.requests[1].url, shell.requests[0].url);
  const Effects e = shell.respond(declined());
  ASSERT_EQ(kinds(e), "Finish");
  const Finish& f = std::get<Finish>(e[0]);
  ASSERT_TRUE(f.intent.has_value());
  EXPECT_EQ(f.intent->status, IntentStatus::requires_payment_method);
  EXPECT_FALSE(f.error.has_value());  // retrieve reports the intent, not its last error
}

// ---- what a confirm answer leads to ------------------------------------------------

TEST(ConfirmFlowOutcome, FinalStatusesFinish) {
  struct Case {
    const char* name;
    Intent answer;
    bool handle_actions;
    ErrorType type;    // when code is set
    const char* code;  // "" → success (no error)
  };
  Intent no_error = intent(IntentStatus::requires_payment_method);
  Intent declined_payment = declined(IntentKind::payment);
  Intent client_type = declined();
  client_type.last_error->type = "integration_error";
  const Case cases[] = {
      {"succeeded", intent(IntentStatus::succeeded), true, ErrorType::api_error, ""},
      {"processing", intent(IntentStatus::processing), true, ErrorType::api_error, ""},
      {"requires_capture", intent(IntentStatus::requires_capture), true, ErrorType::api_error, ""},
      {"declined", declined(), true, ErrorType::card_error, "payment_method_provider_decline"},
      {"declined, no actions", declined(), false, ErrorType::card_error,
       "payment_method_provider_decline"},
      {"rpm without last error", no_error, true, ErrorType::invalid_request_error,
       "setup_intent_authentication_failure"},
      {"server claims a client-side type", client_type, true, ErrorType::api_error,
       "payment_method_provider_decline"},
      {"canceled", intent(IntentStatus::canceled), true, ErrorType::invalid_request_error,
       "setup_intent_unexpected_state"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    CashappParams p = params();
    p.handle_actions = c.handle_actions;
    Shell shell = Shell::make(p);
    shell.start();
    const Effects e = shell.respond(c.answer);
    ASSERT_EQ(kinds(e), "Finish");
    const Finish& f = std::get<Finish>(e[0]);
    ASSERT_TRUE(f.intent.has_value()) << "the intent rides along (error.setup_intent)";
    EXPECT_EQ(f.intent->status, c.answer.status);
    if (*c.code == '\0') {
      EXPECT_FALSE(f.error.has_value());
    } else {
      ASSERT_TRUE(f.error.has_value());
      EXPECT_EQ(f.error->type, c.type);
      EXPECT_EQ(f.error->code, c.code);
      EXPECT_FALSE(f.error->message.empty());
    }
  }
}

TEST(ConfirmFlowOutcome, DeclineCarriesTheLastErrorAndPaymentDefaultsNamePaymentIntent) {
  Shell shell = Shell::make();
  shell.start();
  const Finish f = std::get<Finish>(shell.respond(declined())[0]);
  EXPECT_EQ(f.error->decline_code, "insufficient_funds");
  EXPECT_EQ(f.error->message, "Cash App declined the payment method.");

  Shell pay = Shell::make(params(FlowOperation::confirm, IntentKind::payment));
  pay.start();
  const Finish g = std::get<Finish>(
      pay.respond(intent(IntentStatus::requires_payment_method, IntentKind::payment))[0]);
  EXPECT_EQ(g.error->code, "payment_intent_authentication_failure");
  Shell pay2 = Shell::make(params(FlowOperation::confirm, IntentKind::payment));
  pay2.start();
  const Finish h =
      std::get<Finish>(pay2.respond(intent(IntentStatus::canceled, IntentKind::payment))[0]);
  EXPECT_EQ(h.error->code, "payment_intent_unexpected_state");
}

TEST(ConfirmFlowOutcome, HandleActionsFalseReturnsTheRequiresActionIntentUntouched) {
  CashappParams p = params();
  p.handle_actions = false;
  Shell shell = Shell::make(p);
  shell.start();
  const Intent answer = requires_action();
  const Effects e = shell.respond(answer);
  ASSERT_EQ(kinds(e), "Finish");
  const Finish& f = std::get<Finish>(e[0]);
  EXPECT_FALSE(f.error.has_value());
  ASSERT_TRUE(f.intent && f.intent->next_action && f.intent->next_action->cashapp);
  EXPECT_EQ(f.intent->next_action->cashapp->qr_code.data,
            answer.next_action->cashapp->qr_code.data);
}

TEST(ConfirmFlowOutcome, MobileNavigatesToTheAuthUrlAndStops) {
  CashappParams p = params();
  p.device = Device::mobile;
  Shell shell = Shell::make(p);
  shell.start();
  const Effects e = shell.respond(requires_action());
  ASSERT_EQ(kinds(e), "Navigate");
  EXPECT_EQ(std::get<Navigate>(e[0]).url, "https://pay.example.test/authorize/abc");
  EXPECT_TRUE(shell.flow.finished());
  EXPECT_TRUE(shell.cancel().empty());
  EXPECT_TRUE(shell.visibility(true).empty());
}

TEST(ConfirmFlowOutcome, MobileRefusesUnsafeAuthUrls) {
  for (const char* url :
       {"javascript:alert(1)", "data:text/html,x", "http://evil.example/", "", "//evil.example"}) {
    SCOPED_TRACE(url);
    CashappParams p = params();
    p.device = Device::mobile;
    Shell shell = Shell::make(p);
    shell.start();
    Intent answer = requires_action();
    answer.next_action->cashapp->mobile_auth_url = url;
    answer.next_action->cashapp->hosted_instructions_url = "";
    const Effects e = shell.respond(answer);
    ASSERT_EQ(kinds(e), "Finish");
    EXPECT_EQ(std::get<Finish>(e[0]).error->code, "invalid_response");
  }
}

TEST(ConfirmFlowOutcome, MobileAcceptsHttpOnlyOnLoopback) {
  struct Case {
    const char* api_base;
    const char* mobile_auth_url;
    const char* hosted_instructions_url;
    const char* navigate_to;  // "" → refused
  };
  const Case cases[] = {
      // A local sandbox's own http pages are fine.
      {"http://127.0.0.1:12111", "http://127.0.0.1:12111/cashapp/authorize/1", "",
       "http://127.0.0.1:12111/cashapp/authorize/1"},
      {"http://localhost:12111", "http://localhost:12111/cashapp/authorize/1", "",
       "http://localhost:12111/cashapp/authorize/1"},
      // Loopback http is fine whatever the API.
      {kBase, "http://127.0.0.1:12111/authorize/1", "", "http://127.0.0.1:12111/authorize/1"},
      {kBase, "http://evil.example/authorize", "", ""},
      // A plain-http API on loopback does not make other http hosts safe.
      {"http://127.0.0.1:12111", "http://evil.example/authorize", "", ""},
      {kBase, "https://u:p@pay.example.test/authorize", "", ""},
      // Without mobile_auth_url, the hosted instructions page.
      {kBase, "", "https://pay.example.test/instructions", "https://pay.example.test/instructions"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.mobile_auth_url);
    CashappParams p = params();
    p.device = Device::mobile;
    FlowConfig cfg = config();
    cfg.api_base = c.api_base;
    Shell shell = Shell::make(p, cfg);
    shell.start();
    Intent answer = requires_action();
    answer.next_action->cashapp->mobile_auth_url = c.mobile_auth_url;
    answer.next_action->cashapp->hosted_instructions_url = c.hosted_instructions_url;
    const Effects e = shell.respond(answer);
    if (*c.navigate_to != '\0') {
      ASSERT_EQ(kinds(e), "Navigate");
      EXPECT_EQ(std::get<Navigate>(e[0]).url, c.navigate_to);
    } else {
      ASSERT_EQ(kinds(e), "Finish");
      EXPECT_EQ(std::get<Finish>(e[0]).error->code, "invalid_response");
    }
  }
}

TEST(ConfirmFlowOutcome, VisibilityBeforeAQrChangesNothing) {
  Shell shell = Shell::make();
  EXPECT_TRUE(shell.visibility(false).empty());
  EXPECT_TRUE(shell.visibility(true).empty());
  shell.start();
  EXPECT_TRUE(shell.visibility(false).empty());
  EXPECT_TRUE(shell.visibility(true).empty()) << "no second request while the confirm is in flight";
  shell.fail_network();
  EXPECT_TRUE(shell.visibility(false).empty());
  EXPECT_TRUE(shell.visibility(true).empty()) << "the retry back-off is kept";
  EXPECT_EQ(shell.requests.size(), 1u);
}

TEST(ConfirmFlowOutcome, MalformedOrUnexpectedAnswersFinishWithAnApiError) {
  struct Case {
    const char* name;
    std::optional<Intent> intent;
    std::optional<Error> error;
    const char* code;
  };
  Intent no_action = intent(IntentStatus::requires_action);
  Intent other_action = intent(IntentStatus::requires_action);
  other_action.next_action = NextAction{"redirect_to_url", std::nullopt};
  Intent no_details = intent(IntentStatus::requires_action);
  no_details.next_action = NextAction{std::string(kCashappNextActionType), std::nullopt};
  Intent other_id = intent(IntentStatus::succeeded);
  other_id.id = "seti_someoneelse";
  Intent other_kind = intent(IntentStatus::succeeded, IntentKind::payment);
  other_kind.id = kSetupId;
  Intent no_qr = requires_action("");
  no_qr.next_action->cashapp->qr_code.image_url_svg = "";
  Intent unsafe_fallback = requires_action("");
  unsafe_fallback.next_action->cashapp->qr_code.image_url_svg = "javascript:alert(1)";
  Intent too_long = requires_action(std::string(4000, 'x'));
  too_long.next_action->cashapp->qr_code.image_url_svg = "";
  const Case cases[] = {
      {"no next_action", no_action, std::nullopt, "invalid_response"},
      {"other next action", other_action, std::nullopt, "unsupported_next_action"},
      {"cash app action without details", no_details, std::nullopt, "invalid_response"},
      {"another intent", other_id, std::nullopt, "invalid_response"},
      {"another kind", other_kind, std::nullopt, "invalid_response"},
      {"no QR data and no image", no_qr, std::nullopt, "invalid_response"},
      {"unsafe fallback image", unsafe_fallback, std::nullopt, "invalid_response"},
      {"QR data too long, no image", too_long, std::nullopt, "invalid_response"},
      {"2xx malformed body", std::nullopt, api_error("invalid_response", "status must be a string"),
       "invalid_response"},
      {"2xx with nothing", std::nullopt, std::nullopt, "invalid_response"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Shell shell = Shell::make();
    shell.start();
    const Effects e = shell.respond(200, c.intent, c.error);
    ASSERT_EQ(kinds(e), "Finish");
    const Finish& f = std::get<Finish>(e[0]);
    ASSERT_TRUE(f.error.has_value());
    EXPECT_EQ(f.error->type, ErrorType::api_error);
    EXPECT_EQ(f.error->code, c.code);
    EXPECT_EQ(shell.requests.size(), 1u) << "never retried";
  }
}

}  // namespace
}  // namespace setupflow
