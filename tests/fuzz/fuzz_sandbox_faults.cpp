// The fault plan parser (`--faults SPEC`) on any text: a plan, or an error
// message that says what is wrong; never a crash or undefined behaviour. A
// plan draws decisions within the documented ranges (a 5xx status in
// 500..599, a delay of 0..FaultPlan::kMaxDelayMs), and the same spec and seed
// always draw the same faults, as integrators' reproducible runs rely on.
//
// Input: byte 0 is the seed, the rest the spec.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "faults.hpp"

namespace sb = setupflow::sandbox;

namespace {

// The routes the spec names (ROUTE before each ':'), plus some it may not.
std::vector<std::string> routes_of(std::string_view spec) {
  std::vector<std::string> routes = {"setup_intents.confirm", "payment_intents.retrieve", "*", ""};
  size_t start = 0;
  while (start <= spec.size() && routes.size() < 32) {
    size_t end = spec.find(',', start);
    if (end == std::string_view::npos) end = spec.size();
    const std::string_view item = spec.substr(start, end - start);
    routes.emplace_back(item.substr(0, item.find(':')));
    start = end + 1;
  }
  return routes;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const uint64_t seed = data[0];
  const std::string_view spec(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::string error;
  auto plan = sb::FaultPlan::parse(spec, seed, &error);
  if (!plan) {
    if (error.empty()) std::abort();  // a refusal always says why
    return 0;
  }
  auto again = sb::FaultPlan::parse(spec, seed, nullptr);
  if (!again) std::abort();
  for (const std::string& route : routes_of(spec)) {
    for (int i = 0; i < 4; ++i) {
      const sb::FaultDecision a = plan->draw(route);
      const sb::FaultDecision b = again->draw(route);
      if (a.server_error_status != b.server_error_status || a.drop != b.drop || a.delay_ms != b.delay_ms) std::abort();
      if (a.server_error_status != 0 && (a.server_error_status < 500 || a.server_error_status > 599)) std::abort();
      if (a.delay_ms < 0 || a.delay_ms > sb::FaultPlan::kMaxDelayMs) std::abort();
    }
  }
  return 0;
}
