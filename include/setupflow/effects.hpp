// The effects every flow returns, and the outcome it finishes with.
//
// A flow (Cash App confirm, a reader's action, …) never performs I/O: each
// input returns effects that the shell (the JS runner, or a test) carries out,
// and the results of those effects come back as further inputs. The effects
// are the same for every flow, so one runner performs them all:
//   SendRequest   fetch this; answer with a response or a network failure
//   Present       put this in front of the user (a QR code is one presentation)
//   Dismiss       take the presentation down
//   Navigate      leave the page for this URL (the page unloads)
//   ScheduleWake  call back after delay_ms with this timer id
//   CancelTimer   forget that timer
//   Finish        the flow's one result: an outcome, the final object, an error
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "setupflow/errors.hpp"
#include "setupflow/intent.hpp"

namespace setupflow {

struct SendRequest {
  uint32_t request_id = 0;
  std::string method;  // "GET" | "POST"
  std::string url;     // absolute
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;             // form-encoded for POST, empty for GET
  std::string idempotency_key;  // also present in headers for POST; empty for GET
};

// A QR code for the user to scan with their phone (Cash App Pay).
struct QrPresentation {
  std::string data;         // the payload the QR encodes
  std::string svg_path;     // qr.hpp path for a (size + 8)-unit viewBox
  int size = 0;             // modules per side, without quiet zone
  int64_t expires_at_ms = 0;
  std::string hosted_instructions_url;
  std::string mobile_auth_url;  // tablets show an "open Cash App" link too
  std::string image_url_svg;    // fallback when `data` is empty
  int refresh_count = 0;        // 0 for the first QR, then 1, 2, …
};

// Where a reader's action stands, for an agent's console (MOTO).
struct ReaderActionPresentation {
  enum class Phase {
    starting,   // the start request is in flight
    waiting,    // the reader asks for the card
    canceling,  // the agent canceled (or the flow gave up); the cancel is in flight
  };
  Phase phase = Phase::starting;
  std::string reader_id;
  std::string reader_status;    // "online" | "offline"; empty until an answer said
  std::string setup_intent_id;  // empty until the start answered
};
std::string_view to_string(ReaderActionPresentation::Phase phase);

// What a flow asks the shell to present, tagged by kind; a new flow adds its
// kind and member here (and the runner a presenter for it). A tag rather
// than a std::variant: the same meaning, without the variant's machinery in
// the wasm (~150 bytes gzip).
struct Present {
  enum class Kind { qr, reader_action } kind = Kind::qr;
  QrPresentation qr;                       // kind == qr
  ReaderActionPresentation reader_action;  // kind == reader_action
};

struct Dismiss {};

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

// How a flow ended, decided by the core so that no shell has to infer it
// from an error code or a status.
enum class Outcome {
  succeeded,         // the object reached its goal (e.g. intent succeeded, requires_capture)
  processing,        // accepted; the final result comes later (webhooks)
  requires_action,   // left waiting for the user on purpose (handleActions: false)
  retrieved,         // a read-only flow fetched the object; its status says the rest
  canceled,          // the user (shopper, agent) canceled
  declined,          // the object reports a refusal (last_setup_error, a decline code)
  expired,           // a session or time limit ran out
  unexpected_state,  // the object is in a state the flow cannot act on (e.g. canceled)
  error,             // HTTP, network or malformed answer; an action the flow cannot handle
};
// The outcome's snake_case name, as the bindings hand it to JavaScript.
std::string_view to_string(Outcome outcome);

// The flow's one result. `intent` is the final object as the core read it
// (absent when none was known or the answer did not match); `error` says
// what went wrong (absent on success and on a plain cancel). Both may be
// set: the object itself reports the failure, and the shim attaches it as
// error.setup_intent / error.payment_intent as Stripe.js does.
// `intent` is always the one read from the last 2xx answer the flow took (a
// 2xx answer without a usable intent ends the flow without one), so a shell
// that keeps that answer's body can hand out the API's whole object.
// A flow whose answers are not intents (a reader's action) sets
// `from_last_body` instead: the outcome was read from the last 2xx answer the
// flow took, whose body is the final object. has_object() says either.
struct Finish {
  Outcome outcome = Outcome::error;
  std::optional<Intent> intent;
  std::optional<Error> error;
  bool from_last_body = false;

  bool has_object() const { return intent.has_value() || from_last_body; }
};

using Effect = std::variant<SendRequest, Present, Dismiss, Navigate, ScheduleWake, CancelTimer, Finish>;
using Effects = std::vector<Effect>;

}  // namespace setupflow
