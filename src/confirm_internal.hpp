// Private to the confirm flow: the machine's state and the request builders
// shared by src/confirm_flow.cpp and src/confirm_requests.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "setupflow/client_secret.hpp"
#include "setupflow/confirm_flow.hpp"
#include "setupflow/intent.hpp"
#include "setupflow/result.hpp"

namespace setupflow {

enum class FlowPhase {
  idle,        // created, start() not yet called
  confirming,  // the confirm POST (and its retries) in progress
  retrieving,  // the first GET of retrieve / handle_next_action
  polling,     // the QR is up; GETs on a timer until a final status
  done,        // finished, or navigated away
};

// What create() validated; immutable afterwards.
struct FlowSetup {
  FlowSetup(FlowConfig&& c, FlowParams&& p) : config(std::move(c)), params(std::move(p)) {}

  FlowConfig config;  // api_base normalised: no trailing '/'
  FlowParams params;
  ClientSecret secret;
};

namespace detail {
struct FlowState {
  // The config and params are moved straight in; create() then validates
  // them in place (validate_flow), so their strings move only once.
  FlowState(FlowConfig&& c, FlowParams&& p) : setup(std::move(c), std::move(p)) {}

  FlowSetup setup;

  FlowPhase phase = FlowPhase::idle;
  uint32_t next_request_id = 1;
  uint32_t next_timer_id = 1;

  // The request of the current step. Retries and polls resend it unchanged
  // (same body, same Idempotency-Key) under a fresh request_id.
  SendRequest request;
  uint32_t in_flight = 0;  // request_id awaited, 0 when none
  int failures = 0;        // consecutive failures of the current step

  uint32_t wake_timer = 0;     // the pending retry or poll wake, 0 when none
  bool wake_is_poll = false;   // false: a retry back-off
  uint32_t session_timer = 0;  // kSessionLimitMs after the first QR, 0 when none
  int64_t session_deadline_ms = 0;

  bool visible = true;
  bool qr_up = false;
  int refresh_count = 0;
  // The QR on screen (set with qr_up): only what tells a new QR from it.
  int64_t qr_expires_at = 0;
  std::string qr_data;
  std::string qr_image_url_svg;
  std::optional<Intent> intent;  // the last intent the API returned
};
}  // namespace detail

// The transitions of one input (src/confirm_machine.cpp): made per call on
// the flow's state, it applies changes and collects the effects to return.
class FlowMachine {
 public:
  explicit FlowMachine(detail::FlowState& s) : s_(s) {}

  Effects take();  // the effects collected so far

  void send();  // resends s_.request under a fresh request_id
  void schedule_wake(int64_t delay_ms, bool is_poll);
  void cancel_wake();
  // Hides the QR, cancels every timer, forgets the request in flight, and
  // emits Finish with `error` (if given) and, when with_intent, the last
  // intent (moved out of the state). A flag and an Error&& rather than
  // optional arguments: one move in here instead of optionals built and
  // destroyed at every caller.
  static constexpr bool kWithIntent = true;
  static constexpr bool kNoIntent = false;
  void finish(bool with_intent);
  void finish(bool with_intent, Error&& error);
  // finish() with the last intent attached and api_error `code`.
  void reject(const char* code, const char* message);
  // True (and finished) when polling has outlived the session limit.
  bool expire_if_due(int64_t now_ms);
  // A network failure, 429 or 5xx of the current step: back off and resend,
  // or give up with `error` once the step's budget is spent.
  void fail(Error&& error);
  // A 2xx intent from the API (confirm, first retrieve or poll).
  void on_intent(Intent&& intent, int64_t now_ms);

 private:
  void emit(Effect effect);
  void finish_with(bool with_intent, Error* error);  // error: null for none
  int64_t poll_cadence() const;
  bool safe_url(const std::string& url) const;  // is_safe_action_url for this flow's API
  void navigate(const CashappNextAction& action);
  void show_qr(const CashappNextAction& action, int64_t now_ms);
  void schedule_poll(int64_t now_ms);

  detail::FlowState& s_;
  Effects out_;
};

// invalid_request_error "<kind>_authentication_failure" with `message`.
Error authentication_failure(IntentKind kind, const char* message);
// 429 and 5xx: worth the same request again after a back-off.
bool retryable_status(int status);

// Request builders (src/confirm_requests.cpp), request_id left 0.
// Precondition: `setup` passed create()'s checks.
SendRequest build_confirm_request(const FlowSetup& setup);
SendRequest build_retrieve_request(const FlowSetup& setup);

// All of create()'s checks on the config and params already in `setup`; the
// first failure is returned. On success it normalises config.api_base and
// fills in secret.
Status validate_flow(FlowSetup& setup);

// True when the API may send the shopper's browser to `url`: an absolute
// https URL without credentials, or plain http to a loopback host (a local
// sandbox's pages). Guards Navigate and the QR fallback image against
// javascript:, data:, cleartext and similar URLs.
bool is_safe_action_url(std::string_view url);

}  // namespace setupflow
