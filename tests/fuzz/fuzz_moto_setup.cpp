// Drives a MotoSetup with fuzzed inputs: answers of every kind (well-formed
// for this reader and SetupIntent or not, each action status, errors with
// each refusal code), network failures, timers (pending or any id),
// visibility, cancels and a clock that jumps. Checks the machine's promises:
// at most one Finish and nothing after it, request ids strictly increasing,
// every POST carrying its Idempotency-Key, retries of a step resending it
// unchanged.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>
#include <cstdlib>
#include <optional>
#include <set>
#include <string>

#include "setupflow/moto_setup.hpp"
#include "timer_ids.hpp"

namespace {

using namespace setupflow;

void check(bool ok) {
  if (!ok) std::abort();
}

MotoSetupAnswer some_answer(FuzzedDataProvider& in) {
  MotoSetupAnswer a;
  a.setup_intent.id = in.ConsumeBool() ? "seti_1" : "seti_2";
  static const char* kStatuses[] = {"requires_payment_method", "succeeded", "canceled", "processing"};
  a.setup_intent.status = kStatuses[in.ConsumeIntegralInRange<int>(0, 3)];
  if (in.ConsumeBool()) a.setup_intent.last_setup_error = MotoSetupError{"card_declined", "lost_card", ""};
  a.reader.id = in.ConsumeBool() ? "tmr_1" : "tmr_2";
  a.reader.status = in.ConsumeBool() ? ReaderStatus::online : ReaderStatus::offline;
  if (in.ConsumeBool()) {
    MotoReaderAction action;
    action.status = static_cast<ActionStatus>(in.ConsumeIntegralInRange<int>(0, 2));
    action.failure_code = in.ConsumeBool() ? "customer_canceled" : "card_declined";
    action.setup_intent = in.ConsumeBool() ? "seti_1" : "seti_2";
    a.reader.action = action;
  }
  a.has_card = in.ConsumeBool();
  return a;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  MotoSetupParams p;
  p.reader = "tmr_1";
  p.consent = {"en", {}, "cus_1", "Ada", "telephone", true, in.ConsumeBool(), 1767225600000};
  p.idempotency_key = "k-1";
  p.timeout_ms = in.ConsumeIntegralInRange<int64_t>(1, MotoSetup::kMaxTimeoutMs);
  Result<MotoSetup> made = MotoSetup::create(MotoConfig{"https://shop.example/moto", false}, p);
  check(made.ok());
  MotoSetup flow = std::move(made).value();
  int64_t now = 1767225600000;
  uint32_t last_request = 0;
  std::optional<SendRequest> in_flight;
  std::set<uint32_t> timers;
  bool finished = false;
  auto take = [&](const Effects& effects) {
    for (const Effect& e : effects) {
      check(!finished);
      if (const auto* r = std::get_if<SendRequest>(&e)) {
        check(r->request_id > last_request);
        last_request = r->request_id;
        check(r->method == "GET" || !r->idempotency_key.empty());
        in_flight = *r;
      } else if (const auto* w = std::get_if<ScheduleWake>(&e)) {
        timers.insert(w->timer_id);
      } else if (const auto* c = std::get_if<CancelTimer>(&e)) {
        timers.erase(c->timer_id);
      } else if (std::holds_alternative<Finish>(e)) {
        finished = true;
      }
    }
  };
  take(flow.start(now));
  while (in.remaining_bytes() > 0 && !finished) {
    now += in.ConsumeIntegralInRange<int64_t>(0, 120000);
    const uint32_t id = in_flight && in.ConsumeBool() ? in_flight->request_id : in.ConsumeIntegral<uint32_t>();
    switch (in.ConsumeIntegralInRange<int>(0, 6)) {
      case 0:
        take(flow.on_response({id, 200, some_answer(in), std::nullopt}, now));
        break;
      case 1: {
        static const char* kCodes[] = {"terminal_reader_busy", "intent_invalid_state", "resource_missing", "api_error"};
        Error e = invalid_request(kCodes[in.ConsumeIntegralInRange<int>(0, 3)], "refused");
        e.http_status = in.ConsumeBool() ? 400 : 503;
        take(flow.on_response({id, e.http_status, std::nullopt, e}, now));
        break;
      }
      case 2:
        take(flow.on_network_failure(id, now));
        break;
      case 3:
        take(flow.on_timer(setupflow::fuzz::some_timer_id(in, timers), now));
        break;
      case 4:
        take(flow.on_visibility(in.ConsumeBool(), now));
        break;
      case 5:
        take(flow.on_cancel(now));
        break;
      default:
        take(flow.on_response({id, 200, std::nullopt, api_error("invalid_response", "x")}, now));
        break;
    }
  }
  check(finished == flow.finished());
  return 0;
}
