// The MOTO reader-action machine: save a card keyed in on a Terminal reader
// through the merchant's own routes (docs/moto.md), on the shared request
// driver (request_driver.hpp). Sans-I/O like every flow: each input returns
// effects (effects.hpp) for the shell, and time is an input (`now_ms`).
//
//   start     POST {endpoint}/setups, JSON {reader, customer, consent}, with
//             the start's Idempotency-Key (every retry resends it unchanged)
//   watch     GET {endpoint}/setups/{seti}?reader=… on the poll cadence until
//             the reader's action ends
//   cancel    POST {endpoint}/setups/{seti}/cancel, JSON {reader}, with a key
//             of its own derived from the start's
//
// Present{reader_action} tells the console where the action stands (phase
// starting, waiting or canceling, and the reader's status); Finish ends it
// with one of the outcomes listed at on_cancel below.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "setupflow/effects.hpp"
#include "setupflow/flow_input.hpp"
#include "setupflow/moto_answers.hpp"
#include "setupflow/moto_terms.hpp"
#include "setupflow/request_driver.hpp"
#include "setupflow/result.hpp"

namespace setupflow {

// Where the merchant's MOTO routes are. https anywhere; plain http to a
// loopback host, or to any host when allow_http (the console's own origin:
// the shim sets it only then).
struct MotoConfig {
  std::string endpoint;  // e.g. "https://shop.example/moto"; no trailing slash needed
  bool allow_http = false;
};

struct MotoSetupParams {
  std::string reader;          // "tmr_…"
  MotoConsentInput consent;    // customer, agent, channel, terms, agreed, … (moto_terms.hpp)
  std::string idempotency_key; // one per start; 1..200 visible ASCII characters
  int64_t timeout_ms = int64_t{5} * 60 * 1000;  // the whole flow's limit
};

namespace detail {
struct MotoSetupState;  // defined in src/moto_setup_internal.hpp
}  // namespace detail

class MotoSetup {
 public:
  // Validates the endpoint, the reader id, the key, the time limit and the
  // consent (record_moto_consent: "consent_not_collected" when not agreed).
  // Any failure is an integration_error and no machine is made, so nothing
  // is sent.
  static Result<MotoSetup> create(MotoConfig config, MotoSetupParams params);

  Effects start(int64_t now_ms);
  Effects on_response(MotoResponse<MotoSetupAnswer> response, int64_t now_ms);
  Effects on_network_failure(uint32_t request_id, int64_t now_ms);
  Effects on_timer(uint32_t timer_id, int64_t now_ms);
  Effects on_visibility(bool visible, int64_t now_ms);
  // The agent canceled. While the start is in flight, its answer is awaited
  // and what it started is then canceled; while watching, the cancel is sent.
  Effects on_cancel(int64_t now_ms);
  // Finish's outcome (error codes in docs/moto.md):
  //   succeeded   the SetupIntent succeeded with a card
  //   declined    the reader's action failed with a decline (card_error)
  //   canceled    the agent canceled (no error), or the customer did on the
  //               reader ("customer_canceled")
  //   expired     the time limit passed; the cancel was sent first
  //               ("moto_setup_timeout")
  //   error       the start refused (the server's error), the reader lost
  //               mid-action ("reader_lost", after a cancel attempt), the
  //               network after retries, a malformed answer
  Effects on_event(const FlowEvent& event, int64_t now_ms);

  bool finished() const;
  bool awaits(uint32_t request_id) const;

  static constexpr int64_t kPollVisibleMs = 1000;
  static constexpr int64_t kPollHiddenMs = 5000;
  static constexpr int kMaxPollFailures = 5;
  // An offline reader is given this long to come back while the card is awaited.
  static constexpr int64_t kReaderGraceMs = 30 * 1000;
  static constexpr int64_t kMaxTimeoutMs = int64_t{60} * 60 * 1000;
  static constexpr size_t kMaxIdempotencyKey = 200;  // what the merchant's server accepts
  static constexpr RetryPolicy kRetryPolicy{};
  static constexpr PollPolicy kPollPolicy{kPollVisibleMs, kPollHiddenMs, kMaxPollFailures};

  MotoSetup(MotoSetup&&) noexcept;
  MotoSetup& operator=(MotoSetup&&) noexcept;
  MotoSetup(const MotoSetup&) = delete;
  MotoSetup& operator=(const MotoSetup&) = delete;
  ~MotoSetup();

 private:
  explicit MotoSetup(std::unique_ptr<detail::MotoSetupState> state);
  std::unique_ptr<detail::MotoSetupState> state_;
};

// The endpoint's checks, shared with MotoReaders: trailing slashes dropped
// in place; integration_error "invalid_endpoint" or "insecure_endpoint".
Status normalise_moto_endpoint(MotoConfig& config);

}  // namespace setupflow
