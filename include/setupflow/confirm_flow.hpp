// The confirm flow: a sans-I/O state machine for Cash App Pay confirmation of a
// SetupIntent or a PaymentIntent (and for retrieve / handleNextAction, which
// are the same machine entered at a later step).
//
// The machine never performs I/O. Each input returns the effects the shell (the
// JS shim, or a test) must carry out; results of those effects come back as
// further inputs. Time is an input too: every call takes `now_ms` (the shell's
// clock, milliseconds since the Unix epoch), so every rule is testable with a
// fake clock.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "setupflow/client_secret.hpp"
#include "setupflow/errors.hpp"
#include "setupflow/intent.hpp"
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

struct FlowParams {
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

// ---- inputs ---------------------------------------------------------------------

// A parsed HTTP response, as the shell hands it over. The body has already been
// read into typed values by read_http_response() (intent_reader.hpp), so a
// malformed body arrives as `error` with type api_error.
struct HttpResponse {
  uint32_t request_id = 0;
  int status = 0;
  std::optional<Intent> intent;  // 2xx with a well-formed intent body
  std::optional<Error> error;    // non-2xx error body, or a malformed body
};

// ---- effects --------------------------------------------------------------------

struct SendRequest {
  uint32_t request_id = 0;
  std::string method;  // "GET" | "POST"
  std::string url;     // absolute
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;             // form-encoded for POST, empty for GET
  std::string idempotency_key;  // also present in headers for POST
};

struct ShowQr {
  std::string data;         // the payload the QR encodes
  std::string svg_path;     // qr.hpp path for a (size + 8)-unit viewBox
  int size = 0;             // modules per side, without quiet zone
  int64_t expires_at_ms = 0;
  std::string hosted_instructions_url;
  std::string mobile_auth_url;  // tablets show an "open Cash App" link too
  std::string image_url_svg;    // fallback when `data` is empty
  int refresh_count = 0;        // 0 for the first QR, then 1, 2, …
};

struct HideQr {};

struct Navigate {
  std::string url;  // the shell sets location to this; the page unloads
};

struct ScheduleWake {
  uint32_t timer_id = 0;
  int64_t delay_ms = 0;
};

struct CancelTimer {
  uint32_t timer_id = 0;
};

// The flow's one result. intent alone: success, or the shopper's cancel
// (Stripe resolves that with the intent still requires_action). error alone:
// an HTTP or network failure, or a cancel before any intent was known. Both:
// the intent itself reports the failure (declined → last_*_error, canceled →
// "<kind>_unexpected_state", session expired → "<kind>_authentication_failure",
// an unsupported next action); the shim attaches it as error.setup_intent /
// error.payment_intent as Stripe.js does. See src/confirm_flow.cpp.
struct Finish {
  std::optional<Intent> intent;
  std::optional<Error> error;
};

using Effect = std::variant<SendRequest, ShowQr, HideQr, Navigate, ScheduleWake, CancelTimer, Finish>;
using Effects = std::vector<Effect>;

// ---- the machine ------------------------------------------------------------------

namespace detail {
struct FlowState;  // defined in src/confirm_internal.hpp
}  // namespace detail

class ConfirmFlow {
 public:
  // Validates everything that can be checked without the network: the key
  // kind, the client secret and its kind, the return_url and the idempotency
  // key. Any failure is an integration_error and no machine is made, so no
  // request can be sent.
  static Result<ConfirmFlow> create(FlowConfig config, FlowParams params);

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

  bool finished() const;

  // Timing constants (WIRE.md, Cash App docs), public for tests and docs.
  static constexpr int64_t kPollVisibleMs = 1000;
  static constexpr int64_t kPollHiddenMs = 10000;
  static constexpr int64_t kSessionLimitMs = int64_t{10} * 60 * 1000;
  static constexpr int kMaxRetries = 4;             // per request, after the first try
  static constexpr int64_t kRetryBaseDelayMs = 500;  // doubled each retry, capped
  static constexpr int64_t kRetryMaxDelayMs = 8000;
  // While polling, this many consecutive failed retrieves (network, 429, 5xx)
  // end the flow with the last failure; fewer are backed off and retried.
  static constexpr int kMaxPollFailures = 5;

  // Move-only: a copy would either alias the state (two shells driving one
  // machine) or fork it (two machines reusing one idempotency key).
  ConfirmFlow(ConfirmFlow&&) noexcept;
  ConfirmFlow& operator=(ConfirmFlow&&) noexcept;
  ConfirmFlow(const ConfirmFlow&) = delete;
  ConfirmFlow& operator=(const ConfirmFlow&) = delete;
  ~ConfirmFlow();

 private:
  ConfirmFlow(FlowConfig&& config, FlowParams&& params);  // state made around them
  // Never null except in a moved-from object, whose inputs all return no
  // effects; see src/confirm_flow.cpp.
  std::unique_ptr<detail::FlowState> state_;
};

}  // namespace setupflow
