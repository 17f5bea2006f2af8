// The intent model: SetupIntent and PaymentIntent as setupflow reads and
// serves them (WIRE.md). Tolerant of unknown fields, strict about types.
//
// The field mapping is written once, in intent_reader.hpp, against a small
// reader interface; native code adapts nlohmann/json (src/intent_json.cpp),
// the wasm adapts emscripten::val (wasm/val_reader.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "setupflow/client_secret.hpp"
#include "setupflow/errors.hpp"

namespace setupflow {

enum class IntentStatus {
  requires_payment_method,
  requires_confirmation,
  requires_action,
  processing,
  requires_capture,
  canceled,
  succeeded,
};
std::string_view to_string(IntentStatus status);
// Unknown spellings are an error: a status the flow does not know cannot be
// acted on safely.
std::optional<IntentStatus> intent_status_from_string(std::string_view text);

// last_setup_error / last_payment_error.
struct LastError {
  std::string type;
  std::string code;
  std::string decline_code;
  std::string message;
  std::string param;
};

struct CashappQrCode {
  int64_t expires_at = 0;  // unix seconds
  std::string image_url_png;
  std::string image_url_svg;
  std::string data;  // (ours) raw QR payload; may be empty
};

struct CashappNextAction {
  std::string hosted_instructions_url;
  std::string mobile_auth_url;
  CashappQrCode qr_code;
};

struct NextAction {
  std::string type;  // e.g. "cashapp_handle_redirect_or_display_qr_code"
  std::optional<CashappNextAction> cashapp;  // set when type is the Cash App one
};

inline constexpr std::string_view kCashappNextActionType =
    "cashapp_handle_redirect_or_display_qr_code";

// An intent's metadata: key/value pairs sorted by key, keys unique (as
// read_intent produces them). A sorted vector rather than a std::map: the same
// container as request headers and form fields, so the wasm links no tree code
// for a field it never fills.
using Metadata = std::vector<std::pair<std::string, std::string>>;

struct Intent {
  IntentKind kind = IntentKind::setup;
  std::string id;
  std::string client_secret;
  IntentStatus status = IntentStatus::requires_payment_method;
  std::string usage;  // setup only: "off_session" | "on_session"
  std::optional<std::string> customer;
  std::optional<std::string> payment_method;  // id (expanded objects: their id)
  std::vector<std::string> payment_method_types;
  std::optional<NextAction> next_action;
  std::optional<LastError> last_error;  // last_setup_error or last_payment_error
  std::optional<std::string> mandate;
  std::optional<std::string> cancellation_reason;
  bool livemode = false;
  int64_t created = 0;
  Metadata metadata;
  // PaymentIntent only.
  int64_t amount = 0;
  std::string currency;
  std::optional<std::string> setup_future_usage;
  std::string capture_method;
  std::optional<std::string> statement_descriptor;
};

}  // namespace setupflow
