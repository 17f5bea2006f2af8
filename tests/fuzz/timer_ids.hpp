// The timer a fuzzed wake names, shared by the harnesses that drive flows
// (fuzz_confirm_flow, fuzz_request_driver): one of the pending timers, or any
// id at all (a stale or unknown timer the flow must ignore).
#pragma once

#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <set>

namespace setupflow::fuzz {

inline uint32_t some_timer_id(FuzzedDataProvider& in, const std::set<uint32_t>& pending) {
  uint32_t id = in.ConsumeIntegral<uint32_t>();
  if (!pending.empty() && in.ConsumeBool()) {
    auto it = pending.begin();
    std::advance(it, in.ConsumeIntegralInRange<size_t>(0, pending.size() - 1));
    id = *it;
  }
  return id;
}

}  // namespace setupflow::fuzz
