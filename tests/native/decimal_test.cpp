// decimal.hpp must write exactly what std::to_string writes, for every int64.
#include "setupflow/decimal.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <string>

namespace setupflow {
namespace {

TEST(Decimal, MatchesToStringAtTheEdges) {
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  const int64_t cases[] = {
      0,    1,        -1,   9,       10, -10, 99, 100, -9007199254740991, 9007199254740991,
      kMin, kMin + 1, kMax, kMax - 1};
  for (const int64_t v : cases) {
    EXPECT_EQ(decimal(v), std::to_string(v)) << v;
  }
}

TEST(Decimal, MatchesToStringOnRandomValues) {
  std::mt19937_64 rng(20261123);
  for (int i = 0; i < 2000; ++i) {
    const uint64_t bits = rng() >> (rng() % 64);  // all magnitudes
    // Negated in unsigned arithmetic (no overflow at INT64_MIN); the
    // conversion to int64_t is modular in C++20.
    const auto signed_v = static_cast<int64_t>((i % 2 == 0) ? bits : uint64_t{0} - bits);
    ASSERT_EQ(decimal(signed_v), std::to_string(signed_v));
  }
}

TEST(Decimal, AppendsAfterExistingText) {
  std::string out = "M";
  append_decimal(out, 12);
  out += ',';
  append_decimal(out, -3);
  EXPECT_EQ(out, "M12,-3");
}

}  // namespace
}  // namespace setupflow
