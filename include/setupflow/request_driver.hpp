// The request driver: what every flow does with requests and timers, so a
// flow's machine only decides what its answers mean.
//
//  - Request ids: every send gets a fresh id (1, 2, …); an answer is taken
//    only for the one request in flight (accept), so stale and unknown
//    answers are ignored.
//  - Steps: a flow sends one request at a time, the step's request. A retry
//    or a poll resends it unchanged (same body, same headers, so a POST keeps
//    the one Idempotency-Key of the user action) under a fresh id.
//  - Retries: a failed send (network, 429, 5xx: the machine says which) is
//    backed off (base · 2^(n−1), capped) and resent, up to a budget per step.
//  - Polling: the step's request is resent on a timer, at one cadence while
//    the page is visible and a slower one while hidden; back in view, a poll
//    waiting for the slow cadence goes at once. A run of consecutive failed
//    polls ends the flow; fewer are backed off.
//  - A deadline: one optional limit with its own timer, checked on every
//    input too (background tabs run timers late).
//
// Nothing here knows intents, Cash App or any API: it is usable unchanged by
// every flow. It emits only SendRequest, ScheduleWake and CancelTimer.
#pragma once

#include <cstdint>
#include <optional>

#include "setupflow/effects.hpp"

namespace setupflow {

// 429 and 5xx: worth the same request again after a back-off (as is a
// network failure). Every other answer is final.
bool retryable_status(int status);

struct RetryPolicy {
  int max_retries = 4;           // per request, after the first try
  int64_t base_delay_ms = 500;   // doubled each retry, capped
  int64_t max_delay_ms = 8000;
};

struct PollPolicy {
  int64_t visible_ms = 1000;
  int64_t hidden_ms = 10000;
  // This many consecutive failed polls end the flow with the last failure.
  int max_failures = 5;
};

class RequestDriver {
 public:
  RequestDriver() = default;
  RequestDriver(RetryPolicy retry, PollPolicy poll) : retry_(retry), poll_(poll) {}

  // ---- steps -----------------------------------------------------------------
  // A step that sends `request` now and retries it on failure (a pending
  // wake of the previous step is cancelled).
  void send_step(SendRequest request, Effects& out);
  // A step that resends `request` on the poll cadence; nothing is sent now
  // (call schedule_poll). A no-op when already polling.
  void poll_step(SendRequest request);
  bool polling() const { return polling_; }

  // Schedules the next poll after the cadence, or after `cap_ms` if sooner
  // (a flow that knows something changes then). cap_ms < 0: no cap. Like
  // back_off's, this wake replaces a pending one (cancelling its timer).
  void schedule_poll(Effects& out, int64_t cap_ms = -1);

  // ---- answers ---------------------------------------------------------------
  // True (and the request no longer in flight) when `request_id` is the
  // request in flight; false for a stale, unknown or 0 id: ignore the answer.
  bool accept(uint32_t request_id);
  bool awaits(uint32_t request_id) const { return request_id != 0 && request_id == in_flight_; }
  // The step's request was answered usefully: its failure count restarts.
  void succeeded() { failures_ = 0; }
  // The step's request failed in a way worth retrying. True: a retry (or the
  // next poll) is scheduled. False: the budget is spent; end the flow.
  bool back_off(Effects& out);

  // ---- timers and visibility -------------------------------------------------
  enum class Wake {
    none,      // not a timer of this driver (or one already cancelled)
    resend,    // a retry or poll is due: check the deadline, then resend()
    deadline,  // the deadline's timer fired: past_deadline() is now true
  };
  Wake on_timer(uint32_t timer_id, int64_t now_ms);
  // Sends the step's request again, if none is in flight.
  void resend(Effects& out);
  // Records the page's visibility. True when the page came back into view
  // while a regular poll waits: call poll_now() (after the deadline check).
  bool on_visibility(bool visible);
  void poll_now(Effects& out);
  bool visible() const { return visible_; }

  // Starts the deadline: `limit_ms` from now, with its own timer. Once per
  // flow: a second call moves the deadline, but the first timer stays with
  // the shell (it is ignored when it fires, and stop() no longer cancels it).
  void start_deadline(int64_t now_ms, int64_t limit_ms, Effects& out);
  bool past_deadline(int64_t now_ms) const { return has_deadline_ && now_ms >= deadline_ms_; }

  // Cancels every timer and forgets the request in flight; later answers and
  // timers are ignored. Call before the flow finishes.
  void stop(Effects& out);

 private:
  void send(Effects& out);
  void set_request(SendRequest&& request);
  void schedule_wake(Effects& out, int64_t delay_ms, bool is_poll);
  void cancel_wake(Effects& out);
  int64_t backoff_ms(int failures) const;
  int64_t cadence() const { return visible_ ? poll_.visible_ms : poll_.hidden_ms; }

  RetryPolicy retry_;
  PollPolicy poll_;

  uint32_t next_request_id_ = 1;
  uint32_t next_timer_id_ = 1;
  // The step's request, resent under fresh ids. Replaced, never assigned
  // (reset + emplace): SendRequest's move assignment is wasm code nothing
  // else needs.
  std::optional<SendRequest> request_;
  uint32_t in_flight_ = 0;  // request_id awaited, 0 when none
  int failures_ = 0;        // consecutive failures of the step
  bool polling_ = false;

  uint32_t wake_timer_ = 0;  // the pending retry or poll wake, 0 when none
  bool wake_is_poll_ = false;
  bool visible_ = true;

  bool has_deadline_ = false;
  int64_t deadline_ms_ = 0;
  uint32_t deadline_timer_ = 0;  // 0 once fired or cancelled
};

}  // namespace setupflow
