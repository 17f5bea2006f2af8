// Decimal text of an integer. std::to_string pulls libc++'s generic itoa
// tables into the wasm; this small loop is all setupflow needs. Total.
#pragma once

#include <cstdint>
#include <string>

namespace setupflow {

// Appends v in decimal ("-" for negatives, no leading zeros) to out.
inline void append_decimal(std::string& out, int64_t v) {
  // Unsigned arithmetic: -INT64_MIN does not fit an int64_t.
  uint64_t u = v < 0 ? uint64_t{0} - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  char digits[20];  // 2^64 has 20 digits
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + u % 10);
    u /= 10;
  } while (u != 0);
  if (v < 0) {
    out += '-';
  }
  while (n > 0) {
    out += digits[--n];
  }
}

// v in decimal, as std::to_string writes it.
inline std::string decimal(int64_t v) {
  std::string out;
  append_decimal(out, v);
  return out;
}

}  // namespace setupflow
