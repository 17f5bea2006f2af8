// Private to the Cash App confirm flow: the machine's state and the request
// builders shared by src/cashapp_confirm.cpp, src/cashapp_confirm_steps.cpp
// and src/cashapp_requests.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "setupflow/cashapp_confirm.hpp"
#include "setupflow/client_secret.hpp"
#include "setupflow/intent.hpp"
#include "setupflow/request_driver.hpp"
#include "setupflow/result.hpp"

namespace setupflow {

enum class CashappPhase {
  idle,        // created, start() not yet called
  confirming,  // the confirm POST (and its retries) in progress
  retrieving,  // the first GET of retrieve / handle_next_action
  polling,     // the QR is up; GETs on a timer until a final status
  done,        // finished, or navigated away
};

// What create() validated; immutable afterwards.
struct CashappSetup {
  CashappSetup(FlowConfig&& c, CashappParams&& p) : config(std::move(c)), params(std::move(p)) {}

  FlowConfig config;  // api_base normalised: no trailing '/'
  CashappParams params;
  ClientSecret secret;
};

namespace detail {
struct CashappState {
  // The config and params are moved straight in; create() then validates
  // them in place (validate_cashapp), so their strings move only once.
  CashappState(FlowConfig&& c, CashappParams&& p)
      : setup(std::move(c), std::move(p)),
        driver(CashappConfirm::kRetryPolicy, CashappConfirm::kPollPolicy) {}

  CashappSetup setup;
  CashappPhase phase = CashappPhase::idle;
  RequestDriver driver;

  bool qr_up = false;
  int refresh_count = 0;
  // The QR on screen (set with qr_up): only what tells a new QR from it.
  int64_t qr_expires_at = 0;
  std::string qr_data;
  std::string qr_image_url_svg;
  std::optional<Intent> intent;  // the last intent the API returned
};
}  // namespace detail

// The transitions of one input (src/cashapp_confirm_steps.cpp): made per
// call on the flow's state, it applies changes and collects the effects.
class CashappStep {
 public:
  explicit CashappStep(detail::CashappState& s) : s_(s) {}

  Effects take() { return std::move(out_); }
  Effects& out() { return out_; }

  // Dismisses the QR, stops the driver and emits Finish with `outcome`, the
  // last intent (moved out of the state) when with_intent, and `error` if
  // given. A flag and an Error&& rather than optional arguments: one move in
  // here instead of optionals built and destroyed at every caller.
  static constexpr bool kWithIntent = true;
  static constexpr bool kNoIntent = false;
  void finish(Outcome outcome, bool with_intent);
  void finish(Outcome outcome, bool with_intent, Error&& error);
  // finish() with outcome error, the last intent attached and api_error `code`.
  void reject(const char* code, const char* message);
  // True (and finished) when polling has outlived the session limit.
  bool expire_if_due(int64_t now_ms);
  // A network failure, 429 or 5xx of the current step: back off and resend,
  // or give up with `error` once the step's budget is spent.
  void fail(Error&& error);
  // A 2xx intent from the API (confirm, first retrieve or poll).
  void on_intent(Intent&& intent, int64_t now_ms);

 private:
  void finish_with(Outcome outcome, bool with_intent, Error* error);  // error: null for none
  void navigate(const CashappNextAction& action);
  void show_qr(const CashappNextAction& action, int64_t now_ms);
  bool present_qr(const CashappNextAction& action, int64_t now_ms);
  void schedule_poll(int64_t now_ms);

  detail::CashappState& s_;
  Effects out_;
};

// invalid_request_error "<kind>_authentication_failure" with `message`.
const char* authentication_failure_code(IntentKind kind);
Error authentication_failure(IntentKind kind, const char* message);

// Request builders (src/cashapp_requests.cpp), request_id left 0.
// Precondition: `setup` passed create()'s checks.
SendRequest build_confirm_request(const CashappSetup& setup);
SendRequest build_retrieve_request(const CashappSetup& setup);

// All of create()'s checks on the config and params already in `setup`; the
// first failure is returned. On success it normalises config.api_base and
// fills in secret.
Status validate_cashapp(CashappSetup& setup);

// True when the API may send the shopper's browser to `url`: an absolute
// https URL without credentials, or plain http to a loopback host (a local
// sandbox's pages). Guards Navigate and the QR fallback image against
// javascript:, data:, cleartext and similar URLs.
bool is_safe_action_url(std::string_view url);

}  // namespace setupflow
