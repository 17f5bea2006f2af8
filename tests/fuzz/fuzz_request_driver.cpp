// libFuzzer: drives a RequestDriver alone with an arbitrary sequence of steps,
// answers, failures, timers, visibility changes, deadlines and a stop, and
// checks its promises after every call:
//  - at most one request in flight, ids strictly increasing from 1; a resend
//    is the step's request unchanged;
//  - accept() is true exactly for the request in flight, once;
//  - timer ids strictly increase, delays stay within the policy's bounds,
//    CancelTimer names only pending timers;
//  - after stop() nothing is pending and no answer is accepted.
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include "setupflow/request_driver.hpp"
#include "timer_ids.hpp"

namespace {

using namespace setupflow;

void check(bool ok) {
  if (!ok) __builtin_trap();
}

struct Harness {
  RequestDriver driver;
  RetryPolicy retry;
  PollPolicy poll;
  std::optional<uint32_t> in_flight;
  std::optional<SendRequest> step;
  std::set<uint32_t> timers;
  uint32_t last_request = 0;
  uint32_t last_timer = 0;

  void apply(const Effects& effects) {
    for (const Effect& e : effects) {
      if (const auto* r = std::get_if<SendRequest>(&e)) {
        check(!in_flight.has_value() && step.has_value());
        check(r->request_id == last_request + 1);
        check(r->url == step->url && r->body == step->body && r->headers == step->headers &&
              r->idempotency_key == step->idempotency_key);
        last_request = r->request_id;
        in_flight = r->request_id;
      } else if (const auto* w = std::get_if<ScheduleWake>(&e)) {
        check(w->timer_id > last_timer && w->delay_ms >= 0);
        last_timer = w->timer_id;
        timers.insert(w->timer_id);
      } else if (const auto* c = std::get_if<CancelTimer>(&e)) {
        check(timers.erase(c->timer_id) == 1);
      } else {
        check(false);  // the driver emits nothing else
      }
    }
  }

  SendRequest make_request(FuzzedDataProvider& in) const {
    SendRequest r;
    r.method = in.ConsumeBool() ? "POST" : "GET";
    r.url = "https://api.example.test/v1/things/" + std::to_string(in.ConsumeIntegral<uint8_t>());
    r.body = in.ConsumeRandomLengthString(8);
    r.idempotency_key = r.method == "POST" ? "key-1" : "";
    if (!r.idempotency_key.empty()) r.headers = {{"Idempotency-Key", r.idempotency_key}};
    return r;
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  Harness h;
  h.retry = RetryPolicy{in.ConsumeIntegralInRange<int>(0, 6), in.ConsumeIntegralInRange<int64_t>(0, 2000),
                        in.ConsumeIntegralInRange<int64_t>(0, 20000)};
  h.poll = PollPolicy{in.ConsumeIntegralInRange<int64_t>(0, 5000), in.ConsumeIntegralInRange<int64_t>(0, 50000),
                      in.ConsumeIntegralInRange<int>(1, 8)};
  h.driver = RequestDriver(h.retry, h.poll);
  const int64_t max_delay = std::max({h.retry.base_delay_ms, h.retry.max_delay_ms, h.poll.visible_ms,
                                      h.poll.hidden_ms});
  int64_t now = 0;
  bool deadline_started = false;
  for (int steps = 0; steps < 256 && in.remaining_bytes() > 0; ++steps) {
    Effects out;
    switch (in.ConsumeIntegralInRange<int>(0, 10)) {
      case 0:
        if (!h.in_flight) {
          h.step = h.make_request(in);
          h.driver.send_step(*h.step, out);
        }
        break;
      case 1:
        if (!h.driver.polling()) {
          h.step = h.make_request(in);
          h.driver.poll_step(*h.step);
        }
        break;
      case 2: {  // an answer: the one in flight, or any id
        const uint32_t id = h.in_flight && in.ConsumeBool() ? *h.in_flight : in.ConsumeIntegral<uint32_t>();
        const bool ours = h.in_flight && id == *h.in_flight;
        check(h.driver.accept(id) == ours);
        if (ours) h.in_flight.reset();
        if (ours && in.ConsumeBool()) h.driver.succeeded();
        break;
      }
      case 3:
        if (!h.in_flight) h.driver.back_off(out);
        break;
      case 4: {  // a timer: a pending one, or any id
        const uint32_t id = setupflow::fuzz::some_timer_id(in, h.timers);
        const bool pending = h.timers.erase(id) == 1;
        const RequestDriver::Wake wake = h.driver.on_timer(id, now);
        if (!pending) check(wake == RequestDriver::Wake::none);
        if (wake == RequestDriver::Wake::deadline) check(h.driver.past_deadline(now));
        if (wake == RequestDriver::Wake::resend) h.driver.resend(out);
        break;
      }
      case 5:
        if (h.driver.on_visibility(in.ConsumeBool())) h.driver.poll_now(out);
        break;
      case 6:
        if (h.driver.polling() && !h.in_flight) h.driver.schedule_poll(out, in.ConsumeIntegralInRange<int64_t>(-1, 60000));
        break;
      case 7:  // once per flow (request_driver.hpp)
        if (!deadline_started) {
          h.driver.start_deadline(now, in.ConsumeIntegralInRange<int64_t>(0, 600000), out);
          deadline_started = true;
        }
        break;
      case 8:
        now += in.ConsumeIntegralInRange<int64_t>(0, 100000);
        break;
      case 9:
        h.driver.stop(out);
        h.apply(out);
        check(h.timers.empty());
        h.in_flight.reset();
        continue;
      case 10:
        if (!h.in_flight) h.driver.resend(out);
        break;
    }
    h.apply(out);
    for (const Effect& e : out) {
      if (const auto* w = std::get_if<ScheduleWake>(&e)) check(w->delay_ms <= std::max<int64_t>(max_delay, 600000));
    }
  }
  return 0;
}
