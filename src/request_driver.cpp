// The request driver (include/setupflow/request_driver.hpp).
#include "setupflow/request_driver.hpp"

#include <algorithm>
#include <limits>
#include <utility>

namespace setupflow {

bool retryable_status(int status) { return status == 429 || (status >= 500 && status <= 599); }

void RequestDriver::send_step(SendRequest request, Effects& out) {
  cancel_wake(out);  // a poll or retry of the previous step must not resend this one
  set_request(std::move(request));
  polling_ = false;
  failures_ = 0;
  send(out);
}

void RequestDriver::poll_step(SendRequest request) {
  if (polling_) {
    return;
  }
  set_request(std::move(request));
  polling_ = true;
  failures_ = 0;
}

// The regular cadence, brought forward to cap_ms when that is sooner.
void RequestDriver::schedule_poll(Effects& out, int64_t cap_ms) {
  int64_t delay = cadence();
  if (cap_ms >= 0 && cap_ms < delay) {
    delay = cap_ms;
  }
  schedule_wake(out, delay, /*is_poll=*/true);
}

bool RequestDriver::accept(uint32_t request_id) {
  if (!awaits(request_id)) {
    return false;
  }
  in_flight_ = 0;
  return true;
}

bool RequestDriver::back_off(Effects& out) {
  ++failures_;
  if (polling_) {
    if (failures_ >= poll_.max_failures) {
      return false;
    }
    schedule_wake(out, std::max(backoff_ms(failures_), cadence()), /*is_poll=*/false);
    return true;
  }
  if (failures_ > retry_.max_retries) {
    return false;
  }
  schedule_wake(out, backoff_ms(failures_), /*is_poll=*/false);
  return true;
}

RequestDriver::Wake RequestDriver::on_timer(uint32_t timer_id, int64_t now_ms) {
  if (timer_id == 0) {
    return Wake::none;
  }
  if (timer_id == deadline_timer_) {
    deadline_timer_ = 0;
    // The timer means the limit has passed even if the shell's clock disagrees.
    deadline_ms_ = std::min(deadline_ms_, now_ms);
    return Wake::deadline;
  }
  if (timer_id != wake_timer_) {
    return Wake::none;
  }
  wake_timer_ = 0;
  return Wake::resend;
}

void RequestDriver::resend(Effects& out) {
  if (in_flight_ == 0) {
    send(out);
  }
}

bool RequestDriver::on_visibility(bool visible) {
  const bool came_back = visible && !visible_;
  visible_ = visible;
  // A failure back-off is left alone: only a regular poll is brought forward.
  return came_back && polling_ && in_flight_ == 0 && wake_timer_ != 0 && wake_is_poll_;
}

void RequestDriver::poll_now(Effects& out) {
  cancel_wake(out);
  send(out);
}

void RequestDriver::start_deadline(int64_t now_ms, int64_t limit_ms, Effects& out) {
  has_deadline_ = true;
  deadline_ms_ = now_ms > std::numeric_limits<int64_t>::max() - limit_ms
                     ? std::numeric_limits<int64_t>::max()
                     : now_ms + limit_ms;
  deadline_timer_ = next_timer_id_++;
  out.push_back(ScheduleWake{deadline_timer_, limit_ms});
}

void RequestDriver::stop(Effects& out) {
  cancel_wake(out);
  if (deadline_timer_ != 0) {
    out.push_back(CancelTimer{deadline_timer_});
  }
  deadline_timer_ = 0;
  in_flight_ = 0;
}

void RequestDriver::set_request(SendRequest&& request) {
  request_.reset();
  request_.emplace(std::move(request));
}

void RequestDriver::send(Effects& out) {
  if (!request_) {
    return;  // no step yet: nothing to send
  }
  SendRequest r = *request_;
  r.request_id = next_request_id_++;
  in_flight_ = r.request_id;
  out.push_back(std::move(r));
}

void RequestDriver::schedule_wake(Effects& out, int64_t delay_ms, bool is_poll) {
  cancel_wake(out);  // one wake at a time: a new one replaces a pending one
  wake_timer_ = next_timer_id_++;
  wake_is_poll_ = is_poll;
  out.push_back(ScheduleWake{wake_timer_, std::max<int64_t>(delay_ms, 0)});
}

void RequestDriver::cancel_wake(Effects& out) {
  if (wake_timer_ == 0) {
    return;
  }
  out.push_back(CancelTimer{wake_timer_});
  wake_timer_ = 0;
}

// n-th consecutive failure (n >= 1) → base · 2^(n−1), capped.
int64_t RequestDriver::backoff_ms(int failures) const {
  int64_t delay = retry_.base_delay_ms;
  for (int i = 1; i < failures && delay < retry_.max_delay_ms; ++i) {
    delay *= 2;
  }
  return std::min(delay, retry_.max_delay_ms);
}

}  // namespace setupflow
