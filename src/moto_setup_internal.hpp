// Private to the MOTO machine: its state, the step that applies one input,
// and the request builders (src/moto_setup.cpp, src/moto_setup_steps.cpp,
// src/moto_requests.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "setupflow/moto_setup.hpp"

namespace setupflow {

enum class MotoPhase {
  idle,       // created, start() not yet called
  starting,   // the start POST (and its retries) in progress
  watching,   // polling the setup until the reader's action ends
  canceling,  // the cancel POST (and its retries) in progress
  done,
};

// Why a cancel is wanted: it decides the outcome once the cancel is answered.
enum class CancelReason { none, agent, deadline, reader_lost };

namespace detail {
struct MotoSetupState {
  MotoSetupState(MotoConfig&& c, MotoSetupParams&& p)
      : config(std::move(c)), params(std::move(p)),
        driver(MotoSetup::kRetryPolicy, MotoSetup::kPollPolicy) {}

  MotoConfig config;  // endpoint normalised: no trailing '/'
  MotoSetupParams params;
  MotoConsentRecord record;  // made by create() from params.consent
  MotoPhase phase = MotoPhase::idle;
  RequestDriver driver;

  CancelReason cancel_reason = CancelReason::none;
  bool deadline_handled = false;  // the limit acted on once (a busy reader may outlast it)
  int cancels_sent = 0;           // numbers each cancel's own key
  std::string setup_intent_id;    // from the start's answer
  std::string reader_status;      // "online" | "offline", from the last answer
  int64_t offline_since_ms = -1;  // while the reader is offline, since when
  bool answered = false;          // a 2xx answer was taken: its body is the final object
  std::optional<ReaderActionPresentation> shown;  // the last Present
};
}  // namespace detail

// The transitions of one input, on the flow's state; collects the effects.
class MotoStep {
 public:
  explicit MotoStep(detail::MotoSetupState& s) : s_(s) {}
  Effects take() { return std::move(out_); }
  Effects& out() { return out_; }

  // Stops the driver and emits Finish; the object is the last 2xx body if
  // one was taken (never for a malformed answer: reject()).
  void finish(Outcome outcome, std::optional<Error> error);
  // api_error "invalid_response": the answer is not the documented one.
  void reject(Error&& error);
  // A network failure, 429 or 5xx: back off and resend, or give up.
  void fail(Error&& error);
  // A final refusal (any other non-2xx) of the request in flight.
  void refused(Error&& error);
  void on_answer(MotoSetupAnswer&& answer, int64_t now_ms);
  // The agent's cancel, in any phase.
  void cancel_by_agent();
  // Acts on the time limit once it has passed.
  void check_deadline(int64_t now_ms);
  // Emits Present when the phase, the reader's status or the SetupIntent
  // changed since the last one.
  void present(ReaderActionPresentation::Phase phase);

 private:
  void interpret(const MotoSetupAnswer& answer, int64_t now_ms);
  void watch();
  void send_cancel(CancelReason reason);
  void request_cancel(CancelReason reason);
  void end_cancel(std::optional<Error> cancel_error);

  detail::MotoSetupState& s_;
  Effects out_;
};

// Request builders (src/moto_requests.cpp), request_id left 0.
SendRequest build_moto_start_request(const detail::MotoSetupState& s);
SendRequest build_moto_watch_request(const detail::MotoSetupState& s);
SendRequest build_moto_cancel_request(const detail::MotoSetupState& s);

// All of create()'s checks; fills in `record` and normalises the endpoint.
Status validate_moto_setup(detail::MotoSetupState& s);

}  // namespace setupflow
