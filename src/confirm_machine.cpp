// The confirm flow's transitions. Decisions where Stripe is silent, and why:
//  - A canceled intent finishes with invalid_request_error code
//    "<kind>_unexpected_state" (Stripe's code for acting on an intent in the
//    wrong state) and the intent attached.
//  - requires_payment_method finishes with an error built from
//    last_setup_error / last_payment_error (defaults: invalid_request_error,
//    "<kind>_authentication_failure") and the intent attached, so the shim can
//    expose it as error.setup_intent / error.payment_intent like Stripe.js.
//  - requires_action with another next action: api_error
//    "unsupported_next_action"; without next_action, or a Cash App action with
//    no usable QR or URL: api_error "invalid_response".
//  - The shopper's cancel, with the QR up or any intent known, finishes with
//    that intent and no error (Stripe's behaviour). Before any intent is known
//    (the confirm still in flight) it finishes with invalid_request_error
//    "<kind>_authentication_failure" and no intent: the dialog is gone, and the
//    intent, if the confirm landed, is confirmable again.
//  - A response whose intent id is not the client secret's is invalid_response.
//  - The session limit is checked on every valid input as well as by its own
//    timer, because background tabs run timers late.
#include <algorithm>
#include <limits>
#include <string>
#include <utility>

#include "confirm_internal.hpp"
#include "setupflow/qr.hpp"

namespace setupflow {
namespace {

// Seconds to milliseconds without overflow for any int64 input.
int64_t seconds_to_ms(int64_t seconds) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max() / 1000;
  if (seconds > kMax) {
    return std::numeric_limits<int64_t>::max();
  }
  if (seconds < -kMax) {
    return std::numeric_limits<int64_t>::min();
  }
  return seconds * 1000;
}

// n-th consecutive failure (n >= 1) → base · 2^(n−1), capped.
int64_t backoff_ms(int n) {
  int64_t delay = ConfirmFlow::kRetryBaseDelayMs;
  for (int i = 1; i < n && delay < ConfirmFlow::kRetryMaxDelayMs; ++i) {
    delay *= 2;
  }
  return std::min(delay, ConfirmFlow::kRetryMaxDelayMs);
}

Error error_from_last(const Intent& intent) {
  Error e = authentication_failure(intent.kind,
                                   "Cash App Pay did not authorise this payment method. "
                                   "Try again or choose another payment method.");
  if (!intent.last_error) {
    return e;
  }
  const LastError& last = *intent.last_error;
  if (!last.type.empty()) {
    e.type = error_type_from_string(last.type);
    // Only the page may raise client-side types.
    if (e.type == ErrorType::api_connection_error || e.type == ErrorType::validation_error ||
        e.type == ErrorType::integration_error) {
      e.type = ErrorType::api_error;
    }
  }
  if (!last.code.empty()) {
    e.code = last.code;
  }
  if (!last.message.empty()) {
    e.message = last.message;
  }
  e.param = last.param;
  e.decline_code = last.decline_code;
  return e;
}

}  // namespace

// The codes as whole literals: no string building, and the const char*
// constructor is shared by every literal call site.
Error authentication_failure(IntentKind kind, const char* message) {
  return invalid_request(kind == IntentKind::setup ? "setup_intent_authentication_failure"
                                                   : "payment_intent_authentication_failure",
                         message);
}

bool retryable_status(int status) { return status == 429 || (status >= 500 && status <= 599); }

Effects FlowMachine::take() { return std::move(out_); }

// One out-of-line append for every effect kind: an emplace_back per kind
// would instantiate the vector's growth path once for each.
void FlowMachine::emit(Effect effect) { out_.push_back(std::move(effect)); }

void FlowMachine::send() {
  SendRequest r = s_.request;
  r.request_id = s_.next_request_id++;
  s_.in_flight = r.request_id;
  emit(std::move(r));
}

void FlowMachine::schedule_wake(int64_t delay_ms, bool is_poll) {
  s_.wake_timer = s_.next_timer_id++;
  s_.wake_is_poll = is_poll;
  emit(ScheduleWake{s_.wake_timer, std::max<int64_t>(delay_ms, 0)});
}

void FlowMachine::cancel_wake() {
  if (s_.wake_timer == 0) {
    return;
  }
  emit(CancelTimer{s_.wake_timer});
  s_.wake_timer = 0;
}

void FlowMachine::finish(bool with_intent) { finish_with(with_intent, nullptr); }
void FlowMachine::finish(bool with_intent, Error&& error) { finish_with(with_intent, &error); }

void FlowMachine::finish_with(bool with_intent, Error* error) {
  if (s_.qr_up) {
    emit(HideQr{});
  }
  s_.qr_up = false;
  cancel_wake();
  if (s_.session_timer != 0) {
    emit(CancelTimer{s_.session_timer});
  }
  s_.session_timer = 0;
  s_.in_flight = 0;
  s_.phase = FlowPhase::done;
  Finish f;
  if (with_intent) {
    f.intent = std::move(s_.intent);
  }
  if (error) {
    f.error = std::move(*error);
  }
  emit(std::move(f));
}

// One call site for the literal errors below (each api_error call would
// build its two std::strings inline).
void FlowMachine::reject(const char* code, const char* message) {
  finish(kWithIntent, api_error(code, message));
}

// True (and finished) when the Cash App session has run out.
bool FlowMachine::expire_if_due(int64_t now_ms) {
  if (s_.phase != FlowPhase::polling || now_ms < s_.session_deadline_ms) {
    return false;
  }
  finish(kWithIntent, authentication_failure(
                          s_.setup.secret.kind,
                          "The Cash App Pay session expired before the shopper authorised it. "
                          "Confirm again to start a new session."));
  return true;
}

// A network failure, 429 or 5xx of the current step: back off and resend,
// or give up with `error` once the step's budget is spent.
void FlowMachine::fail(Error&& error) {
  ++s_.failures;
  if (s_.phase == FlowPhase::polling) {
    if (s_.failures >= ConfirmFlow::kMaxPollFailures) {
      return finish(kNoIntent, std::move(error));
    }
    return schedule_wake(std::max(backoff_ms(s_.failures), poll_cadence()), /*is_poll=*/false);
  }
  if (s_.failures > ConfirmFlow::kMaxRetries) {
    return finish(kNoIntent, std::move(error));
  }
  schedule_wake(backoff_ms(s_.failures), /*is_poll=*/false);
}

void FlowMachine::on_intent(Intent&& intent, int64_t now_ms) {
  if (intent.id != s_.setup.secret.intent_id || intent.kind != s_.setup.secret.kind) {
    return finish(kNoIntent, api_error("invalid_response",
                                       "The API answered with a different intent than "
                                       "the one the client secret names."));
  }
  // The state keeps the intent (a later cancel or expiry reports it); the
  // Finish effect then takes it by move: copying an Intent is much code.
  s_.intent = std::move(intent);
  const Intent& in = *s_.intent;
  const FlowParams& p = s_.setup.params;
  if (p.operation == FlowOperation::retrieve) {
    return finish(kWithIntent);
  }
  switch (in.status) {
    case IntentStatus::requires_action:
      break;
    case IntentStatus::requires_payment_method: {
      Error e = error_from_last(in);
      return finish(kWithIntent, std::move(e));
    }
    case IntentStatus::canceled: {
      const bool setup = in.kind == IntentKind::setup;
      Error e = invalid_request(
          setup ? "setup_intent_unexpected_state" : "payment_intent_unexpected_state",
          setup ? "This setup_intent was canceled and can no longer be confirmed."
                : "This payment_intent was canceled and can no longer be confirmed.");
      return finish(kWithIntent, std::move(e));
    }
    default:
      return finish(kWithIntent);  // succeeded, processing, …
  }
  if (s_.phase == FlowPhase::confirming && !p.handle_actions) {
    return finish(kWithIntent);
  }
  if (!in.next_action) {
    return reject("invalid_response", "The intent requires an action but has no next_action.");
  }
  if (in.next_action->type != kCashappNextActionType) {
    return reject("unsupported_next_action",
                  "This integration handles only the Cash App Pay next action.");
  }
  if (!in.next_action->cashapp) {
    return reject("invalid_response", "The Cash App Pay next action has no details.");
  }
  // A reference into s_.intent: navigate() and show_qr() read it only before
  // they finish (which moves the intent out, leaving it in place, moved-from).
  const CashappNextAction& action = *in.next_action->cashapp;
  if (p.device == Device::mobile) {
    return navigate(action);
  }
  show_qr(action, now_ms);
}

int64_t FlowMachine::poll_cadence() const {
  return s_.visible ? ConfirmFlow::kPollVisibleMs : ConfirmFlow::kPollHiddenMs;
}

bool FlowMachine::safe_url(const std::string& url) const {
  return is_safe_action_url(url);
}

void FlowMachine::navigate(const CashappNextAction& action) {
  const std::string& url =
      !action.mobile_auth_url.empty() ? action.mobile_auth_url : action.hosted_instructions_url;
  if (!safe_url(url)) {
    return reject("invalid_response", "The Cash App Pay next action has no safe mobile_auth_url.");
  }
  s_.phase = FlowPhase::done;  // the page unloads; nothing more to do
  emit(Navigate{url});
}

void FlowMachine::show_qr(const CashappNextAction& action, int64_t now_ms) {
  if (expire_if_due(now_ms)) {
    return;
  }
  const CashappQrCode& qr = action.qr_code;
  const bool same = s_.qr_expires_at == qr.expires_at && s_.qr_data == qr.data &&
                    s_.qr_image_url_svg == qr.image_url_svg;
  if (!s_.qr_up || !same) {
    ShowQr show;
    show.expires_at_ms = seconds_to_ms(qr.expires_at);
    if (safe_url(action.hosted_instructions_url)) {
      show.hosted_instructions_url = action.hosted_instructions_url;
    }
    if (safe_url(action.mobile_auth_url)) {
      show.mobile_auth_url = action.mobile_auth_url;
    }
    const bool fallback_ok = safe_url(qr.image_url_svg);
    if (fallback_ok) {
      show.image_url_svg = qr.image_url_svg;
    }
    bool rendered = false;
    if (!qr.data.empty()) {
      Result<QrMatrix> matrix = encode_qr(qr.data);
      if (matrix) {
        show.data = qr.data;
        show.svg_path = qr_svg_path(*matrix);
        show.size = matrix->size();
        rendered = true;
      }
    }
    if (!rendered && !fallback_ok) {
      return reject("invalid_response",
                    "The Cash App Pay next action has no QR code that can be shown.");
    }
    show.refresh_count = s_.qr_up ? s_.refresh_count + 1 : 0;
    s_.refresh_count = show.refresh_count;
    emit(std::move(show));
    s_.qr_expires_at = qr.expires_at;
    s_.qr_data = qr.data;
    s_.qr_image_url_svg = qr.image_url_svg;
    if (!s_.qr_up) {
      s_.qr_up = true;
      s_.session_deadline_ms =
          now_ms > std::numeric_limits<int64_t>::max() - ConfirmFlow::kSessionLimitMs
              ? std::numeric_limits<int64_t>::max()
              : now_ms + ConfirmFlow::kSessionLimitMs;
      s_.session_timer = s_.next_timer_id++;
      emit(ScheduleWake{s_.session_timer, ConfirmFlow::kSessionLimitMs});
    }
  }
  if (s_.phase != FlowPhase::polling) {
    s_.phase = FlowPhase::polling;
    s_.request = build_retrieve_request(s_.setup);
  }
  schedule_poll(now_ms);
}

// The regular cadence, brought forward to the QR's expiry so a fresh QR
// replaces it at once (an already-expired QR does not speed polling up, or
// a server that keeps sending it would be hammered).
void FlowMachine::schedule_poll(int64_t now_ms) {
  int64_t delay = poll_cadence();
  const int64_t expires_ms = seconds_to_ms(s_.qr_expires_at);
  if (expires_ms > now_ms) {
    // Unsigned: the true difference is positive and fits, even when the
    // shell's clock is wildly off and a signed subtraction would overflow.
    const uint64_t until = static_cast<uint64_t>(expires_ms) - static_cast<uint64_t>(now_ms);
    if (until < static_cast<uint64_t>(delay)) {
      delay = static_cast<int64_t>(until);
    }
  }
  schedule_wake(delay, /*is_poll=*/true);
}

}  // namespace setupflow
