// The Cash App confirm flow: a sans-I/O state machine for Cash App Pay
// confirmation of a SetupIntent or a PaymentIntent (and for retrieve /
// handleNextAction, which are the same machine entered at a later step),
// on the shared request driver (request_driver.hpp).
//
// The machine never performs I/O. Each input returns the effects
// (effects.hpp) the shell (the JS runner, or a test) must carry out; results
// of those effects come back as further inputs. Time is an input too: every
// call takes `now_ms` (the shell's clock, milliseconds since the Unix epoch),
// so every rule is testable with a fake clock.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "setupflow/client_secret.hpp"
#include "setupflow/effects.hpp"
#include "setupflow/errors.hpp"
#include "setupflow/flow_input.hpp"
#include "setupflow/http_response.hpp"
#include "setupflow/intent.hpp"
#include "setupflow/request_driver.hpp"
#include "setupflow/result.hpp"

namespace setupflow {

// ---- configuration and parameters --------------------------------------------

struct FlowConfig {
  std::string publishable_key;  // must pass validate_publishable_key
  std::string api_base;         // e.g. "https://api.stripe.com"; no trailing slash needed
};

enum class FlowOperation {
  confirm,             // POST …/confirm, then handle the next action
  handle_next_action,  // GET the intent, then handle its next action
  retrieve,            // GET the intent once (with retries), then finish
};

enum class Device { desktop, mobile };

struct CashappParams {
  FlowOperation operation = FlowOperation::confirm;
  IntentKind expected_kind = IntentKind::setup;
  std::string client_secret;
  // confirm only:
  std::string return_url;      // required for confirm; validated by redirect.hpp
  std::string payment_method;  // "pm_…" to reuse a saved one; empty → payment_method_data[type]=cashapp
  bool handle_actions = true;  // false: finish as soon as confirm answers
  bool expand_payment_method = false;
  // Both:
  Device device = Device::desktop;
  // One key per user action; the shell makes it (random) and the machine reuses
  // it on every retry of that action. Required for confirm (1..255 chars).
  std::string idempotency_key;
};

// ---- the machine ------------------------------------------------------------------

namespace detail {
struct CashappState;  // defined in src/cashapp_confirm_internal.hpp
}  // namespace detail

class CashappConfirm {
 public:
  // Validates everything that can be checked without the network: the key
  // kind, the client secret and its kind, the return_url and the idempotency
  // key. Any failure is an integration_error and no machine is made, so no
  // request can be sent.
  static Result<CashappConfirm> create(FlowConfig config, CashappParams params);

  // The first effects: the confirm (or retrieve) request.
  Effects start(int64_t now_ms);
  // By value: its intent moves on into the Finish effect (an Intent copy is
  // a lot of wasm code). Callers holding an lvalue pass a copy as before.
  Effects on_response(HttpResponse response, int64_t now_ms);
  // The fetch for `request_id` failed without an HTTP response.
  Effects on_network_failure(uint32_t request_id, int64_t now_ms);
  Effects on_timer(uint32_t timer_id, int64_t now_ms);
  Effects on_visibility(bool visible, int64_t now_ms);
  // The shopper closed the QR dialog (button or Escape).
  Effects on_cancel(int64_t now_ms);
  // Finish's outcome, by what ended the flow:
  //   succeeded        the intent succeeded (or, a payment, requires_capture)
  //   processing       the intent is processing
  //   requires_action  confirm with handle_actions false left it requires_action
  //   retrieved        a retrieve finished (whatever the intent's status)
  //   canceled         the shopper canceled
  //   declined         requires_payment_method: Cash App refused the method
  //   expired          the session limit passed here, or the API reports the
  //                    session's end (requires_payment_method with
  //                    "<kind>_authentication_failure", Stripe's code for it)
  //   unexpected_state the intent was canceled
  //   error            HTTP, network or malformed answers; unsupported actions

  // An input other than a response (flow_input.hpp): the matching entry
  // point above. A response event gives no effects: use on_response.
  Effects on_event(const FlowEvent& event, int64_t now_ms);

  bool finished() const;
  // The kind of intent the flow expects (params.expected_kind): what its
  // responses are read as.
  IntentKind intent_kind() const;
  // True when `request_id` is the request in flight: its answer will be read.
  bool awaits(uint32_t request_id) const;

  // Timing constants (WIRE.md, Cash App docs), public for tests and docs;
  // the driver's policies (kRetryPolicy, kPollPolicy) are made of them.
  static constexpr int64_t kPollVisibleMs = 1000;
  static constexpr int64_t kPollHiddenMs = 10000;
  static constexpr int64_t kSessionLimitMs = int64_t{10} * 60 * 1000;
  static constexpr int kMaxRetries = 4;             // per request, after the first try
  static constexpr int64_t kRetryBaseDelayMs = 500;  // doubled each retry, capped
  static constexpr int64_t kRetryMaxDelayMs = 8000;
  // While polling, this many consecutive failed retrieves (network, 429, 5xx)
  // end the flow with the last failure; fewer are backed off and retried.
  static constexpr int kMaxPollFailures = 5;
  static constexpr RetryPolicy kRetryPolicy{kMaxRetries, kRetryBaseDelayMs, kRetryMaxDelayMs};
  static constexpr PollPolicy kPollPolicy{kPollVisibleMs, kPollHiddenMs, kMaxPollFailures};

  // Move-only: a copy would either alias the state (two shells driving one
  // machine) or fork it (two machines reusing one idempotency key).
  CashappConfirm(CashappConfirm&&) noexcept;
  CashappConfirm& operator=(CashappConfirm&&) noexcept;
  CashappConfirm(const CashappConfirm&) = delete;
  CashappConfirm& operator=(const CashappConfirm&) = delete;
  ~CashappConfirm();

 private:
  CashappConfirm(FlowConfig&& config, CashappParams&& params);  // state made around them
  // Never null except in a moved-from object, whose inputs all return no
  // effects; see src/cashapp_confirm.cpp.
  std::unique_ptr<detail::CashappState> state_;
};

}  // namespace setupflow
