// Fault injection for integrators' tests (--faults SPEC, --seed N).
//
// SPEC is a comma-separated list of rules `ROUTE:KIND[=ARG][@PROBABILITY]`:
//   ROUTE        a route name such as `setup_intents.confirm` (see README) or `*`
//   KIND         `5xx` (ARG = status, default 500; answered before any change),
//                `drop` (the change is committed, then the connection is cut
//                before a response is read), `latency` (ARG = milliseconds;
//                the latencies of all matching rules add up, to at most 60 s)
//   PROBABILITY  0..1, default 1
// Example: `setup_intents.confirm:drop@0.3,*:latency=50`.
// Draws come from one seeded generator, so a given seed and request order
// always inject the same faults.
#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace setupflow::sandbox {

struct FaultRule {
  std::string route;  // "*" matches all
  enum class Kind { server_error, drop, latency } kind = Kind::server_error;
  int arg = 500;
  double probability = 1.0;
};

struct FaultDecision {
  int server_error_status = 0;  // 0: none
  bool drop = false;
  int delay_ms = 0;
};

class FaultPlan {
 public:
  // Parses SPEC; an error message on malformed input.
  static std::optional<FaultPlan> parse(std::string_view spec, uint64_t seed, std::string* error);
  FaultPlan() = default;

  // The longest delay one request gets, whatever the rules add up to.
  static constexpr int kMaxDelayMs = 60000;

  bool empty() const { return rules_.empty(); }
  // Draws the faults for one request to `route`. Not thread-safe (the
  // sandbox calls it under its mutex).
  FaultDecision draw(std::string_view route);

 private:
  std::vector<FaultRule> rules_;
  std::mt19937_64 rng_;
};

}  // namespace setupflow::sandbox
