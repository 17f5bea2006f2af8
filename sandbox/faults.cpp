#include "faults.hpp"

#include <charconv>
#include <cstdlib>

namespace setupflow::sandbox {
namespace {

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(sep, start);
    if (end == std::string_view::npos) end = s.size();
    out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool parse_int(std::string_view s, int lo, int hi, int* out) {
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v < lo || v > hi) return false;
  *out = v;
  return true;
}

}  // namespace

std::optional<FaultPlan> FaultPlan::parse(std::string_view spec, uint64_t seed, std::string* error) {
  FaultPlan plan;
  plan.rng_.seed(seed);
  if (spec.empty()) return plan;
  for (std::string_view item : split(spec, ',')) {
    FaultRule rule;
    auto fail = [&](const std::string& why) {
      if (error) *error = "fault rule '" + std::string(item) + "': " + why;
      return std::nullopt;
    };
    size_t colon = item.find(':');
    if (colon == std::string_view::npos || colon == 0) return fail("expected ROUTE:KIND");
    rule.route = std::string(item.substr(0, colon));
    std::string_view rest = item.substr(colon + 1);
    if (size_t at = rest.find('@'); at != std::string_view::npos) {
      std::string prob(rest.substr(at + 1));
      char* end = nullptr;
      double p = std::strtod(prob.c_str(), &end);
      if (prob.empty() || end != prob.c_str() + prob.size() || !(p >= 0.0 && p <= 1.0))
        return fail("probability must be a number in [0, 1]");
      rule.probability = p;
      rest = rest.substr(0, at);
    }
    std::string_view kind = rest, arg;
    if (size_t eq = rest.find('='); eq != std::string_view::npos) {
      kind = rest.substr(0, eq);
      arg = rest.substr(eq + 1);
    }
    if (kind == "5xx") {
      rule.kind = FaultRule::Kind::server_error;
      rule.arg = 500;
      if (!arg.empty() && !parse_int(arg, 500, 599, &rule.arg)) return fail("status must be 500..599");
    } else if (kind == "drop") {
      rule.kind = FaultRule::Kind::drop;
      if (!arg.empty()) return fail("drop takes no argument");
    } else if (kind == "latency") {
      rule.kind = FaultRule::Kind::latency;
      if (!parse_int(arg, 0, kMaxDelayMs, &rule.arg)) return fail("latency needs =MS (0..60000)");
    } else {
      return fail("kind must be 5xx, drop or latency");
    }
    plan.rules_.push_back(std::move(rule));
  }
  return plan;
}

FaultDecision FaultPlan::draw(std::string_view route) {
  FaultDecision d;
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  for (const auto& rule : rules_) {
    if (rule.route != "*" && rule.route != route) continue;
    // Always draw, so one rule's outcome does not shift the others' sequence.
    bool hit = uniform(rng_) < rule.probability;
    if (!hit) continue;
    switch (rule.kind) {
      case FaultRule::Kind::server_error:
        if (!d.server_error_status) d.server_error_status = rule.arg;
        break;
      case FaultRule::Kind::drop: d.drop = true; break;
      case FaultRule::Kind::latency:
        // Rules add up (each is at most kMaxDelayMs): saturate, never overflow.
        d.delay_ms = d.delay_ms > kMaxDelayMs - rule.arg ? kMaxDelayMs : d.delay_ms + rule.arg;
        break;
    }
  }
  return d;
}

}  // namespace setupflow::sandbox
