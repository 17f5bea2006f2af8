// The Cash App confirm flow's transitions, on the request driver. Decisions
// where Stripe is silent, and why:
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
//  - Finish's outcome (cashapp_confirm.hpp) says which of these ended the
//    flow; the end of the Cash App session, whether the limit passed here or
//    the API reports it, is `expired`.
//  - The session limit is checked on every valid input as well as by its own
//    timer, because background tabs run timers late.
#include <algorithm>
#include <limits>
#include <string>
#include <utility>

#include "cashapp_confirm_internal.hpp"
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
const char* authentication_failure_code(IntentKind kind) {
  return kind == IntentKind::setup ? "setup_intent_authentication_failure"
                                   : "payment_intent_authentication_failure";
}

Error authentication_failure(IntentKind kind, const char* message) {
  return invalid_request(authentication_failure_code(kind), message);
}

void CashappStep::finish(Outcome outcome, bool with_intent) {
  finish_with(outcome, with_intent, nullptr);
}
void CashappStep::finish(Outcome outcome, bool with_intent, Error&& error) {
  finish_with(outcome, with_intent, &error);
}

void CashappStep::finish_with(Outcome outcome, bool with_intent, Error* error) {
  if (s_.qr_up) {
    out_.push_back(Dismiss{});
  }
  s_.qr_up = false;
  s_.driver.stop(out_);
  s_.phase = CashappPhase::done;
  // Constructed, not assigned: only the move constructors are linked.
  out_.push_back(Finish{outcome, with_intent ? std::move(s_.intent) : std::nullopt,
                        error ? std::optional<Error>(std::move(*error)) : std::nullopt, false});
}

// One call site for the literal errors below (each api_error call would
// build its two std::strings inline).
void CashappStep::reject(const char* code, const char* message) {
  finish(Outcome::error, kWithIntent, api_error(code, message));
}

// True (and finished) when the Cash App session has run out.
bool CashappStep::expire_if_due(int64_t now_ms) {
  if (s_.phase != CashappPhase::polling || !s_.driver.past_deadline(now_ms)) {
    return false;
  }
  finish(Outcome::expired, kWithIntent,
         authentication_failure(
             s_.setup.secret.kind,
             "The Cash App Pay session expired before the shopper authorised it. "
             "Confirm again to start a new session."));
  return true;
}

void CashappStep::fail(Error&& error) {
  if (!s_.driver.back_off(out_)) {
    finish(Outcome::error, kNoIntent, std::move(error));
  }
}

namespace {

// How a final status ends the flow (any status but requires_action).
Outcome final_outcome(IntentStatus status) {
  switch (status) {
    case IntentStatus::succeeded:
    case IntentStatus::requires_capture:
      return Outcome::succeeded;
    case IntentStatus::processing:
      return Outcome::processing;
    case IntentStatus::requires_payment_method:
      return Outcome::declined;
    default:
      return Outcome::unexpected_state;  // canceled, requires_confirmation
  }
}

}  // namespace

void CashappStep::on_intent(Intent&& intent, int64_t now_ms) {
  if (intent.id != s_.setup.secret.intent_id || intent.kind != s_.setup.secret.kind) {
    return finish(Outcome::error, kNoIntent,
                  api_error("invalid_response",
                            "The API answered with a different intent than "
                            "the one the client secret names."));
  }
  // The state keeps the intent (a later cancel or expiry reports it); the
  // Finish effect then takes it by move: copying an Intent is much code.
  // Replaced rather than assigned: Intent's move assignment is much wasm
  // code that nothing else needs.
  s_.intent.reset();
  s_.intent.emplace(std::move(intent));
  const Intent& in = *s_.intent;
  const CashappParams& p = s_.setup.params;
  if (p.operation == FlowOperation::retrieve) {
    return finish(Outcome::retrieved, kWithIntent);
  }
  switch (in.status) {
    case IntentStatus::requires_action:
      break;
    case IntentStatus::requires_payment_method: {
      Error e = error_from_last(in);
      // Stripe reports the end of the Cash App session (expiry, too many QR
      // refreshes) as "<kind>_authentication_failure".
      const Outcome outcome = e.code == authentication_failure_code(in.kind) ? Outcome::expired
                                                                              : Outcome::declined;
      return finish(outcome, kWithIntent, std::move(e));
    }
    case IntentStatus::canceled: {
      const bool setup = in.kind == IntentKind::setup;
      Error e = invalid_request(
          setup ? "setup_intent_unexpected_state" : "payment_intent_unexpected_state",
          setup ? "This setup_intent was canceled and can no longer be confirmed."
                : "This payment_intent was canceled and can no longer be confirmed.");
      return finish(Outcome::unexpected_state, kWithIntent, std::move(e));
    }
    default:
      return finish(final_outcome(in.status), kWithIntent);  // succeeded, processing, …
  }
  if (s_.phase == CashappPhase::confirming && !p.handle_actions) {
    return finish(Outcome::requires_action, kWithIntent);
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

void CashappStep::navigate(const CashappNextAction& action) {
  const std::string& url =
      !action.mobile_auth_url.empty() ? action.mobile_auth_url : action.hosted_instructions_url;
  if (!is_safe_action_url(url)) {
    return reject("invalid_response", "The Cash App Pay next action has no safe mobile_auth_url.");
  }
  s_.phase = CashappPhase::done;  // the page unloads; nothing more to do
  out_.push_back(Navigate{url});
}

void CashappStep::show_qr(const CashappNextAction& action, int64_t now_ms) {
  if (expire_if_due(now_ms)) {
    return;
  }
  const CashappQrCode& qr = action.qr_code;
  const bool same = s_.qr_expires_at == qr.expires_at && s_.qr_data == qr.data &&
                    s_.qr_image_url_svg == qr.image_url_svg;
  if ((!s_.qr_up || !same) && !present_qr(action, now_ms)) {
    return;  // rejected
  }
  if (s_.phase != CashappPhase::polling) {
    s_.phase = CashappPhase::polling;
    s_.driver.poll_step(build_retrieve_request(s_.setup));
  }
  schedule_poll(now_ms);
}

// Emits Present for a new QR (and, for the first, starts the session limit).
// False when the action has no QR that can be shown: the flow is rejected.
bool CashappStep::present_qr(const CashappNextAction& action, int64_t now_ms) {
  const CashappQrCode& qr = action.qr_code;
  QrPresentation show;
  show.expires_at_ms = seconds_to_ms(qr.expires_at);
  if (is_safe_action_url(action.hosted_instructions_url)) {
    show.hosted_instructions_url = action.hosted_instructions_url;
  }
  if (is_safe_action_url(action.mobile_auth_url)) {
    show.mobile_auth_url = action.mobile_auth_url;
  }
  const bool fallback_ok = is_safe_action_url(qr.image_url_svg);
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
    reject("invalid_response", "The Cash App Pay next action has no QR code that can be shown.");
    return false;
  }
  show.refresh_count = s_.qr_up ? s_.refresh_count + 1 : 0;
  s_.refresh_count = show.refresh_count;
  out_.push_back(Present{Present::Kind::qr, std::move(show), {}});
  s_.qr_expires_at = qr.expires_at;
  s_.qr_data = qr.data;
  s_.qr_image_url_svg = qr.image_url_svg;
  if (!s_.qr_up) {
    s_.qr_up = true;
    s_.driver.start_deadline(now_ms, CashappConfirm::kSessionLimitMs, out_);
  }
  return true;
}

// The regular cadence, brought forward to the QR's expiry so a fresh QR
// replaces it at once (an already-expired QR does not speed polling up, or
// a server that keeps sending it would be hammered).
void CashappStep::schedule_poll(int64_t now_ms) {
  int64_t until = -1;
  const int64_t expires_ms = seconds_to_ms(s_.qr_expires_at);
  if (expires_ms > now_ms) {
    // Unsigned: the true difference is positive and fits, even when the
    // shell's clock is wildly off and a signed subtraction would overflow.
    const uint64_t diff = static_cast<uint64_t>(expires_ms) - static_cast<uint64_t>(now_ms);
    until = diff < static_cast<uint64_t>(CashappConfirm::kPollHiddenMs)
                ? static_cast<int64_t>(diff)
                : CashappConfirm::kPollHiddenMs;
  }
  s_.driver.schedule_poll(out_, until);
}

}  // namespace setupflow
