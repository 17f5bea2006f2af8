// Invariants every text setupflow shows and records must keep, whatever the
// integrator supplied (fuzz_consent, fuzz_moto_terms): valid UTF-8, no control
// characters, no bidirectional embeddings, overrides or isolates.
#pragma once

#include <string_view>

#include "setupflow/form_encoding.hpp"

namespace setupflow::fuzz {

inline void check(bool ok) {
  if (!ok) __builtin_trap();
}

inline bool valid_utf8(std::string_view s) { return percent_decode(percent_encode(s), false).ok(); }

inline void check_shown_text(std::string_view text) {
  check(valid_utf8(text));
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    check(c >= 0x20 && c != 0x7F);
    // C1 controls (U+0080..U+009F) and U+202A..U+202E, U+2066..U+2069.
    if (c == 0xC2 && i + 1 < text.size()) {
      check(static_cast<unsigned char>(text[i + 1]) > 0x9F);
    }
    if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80) {
      const auto c2 = static_cast<unsigned char>(text[i + 2]);
      check(c2 < 0xAA || c2 > 0xAE);
    }
    if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x81) {
      const auto c2 = static_cast<unsigned char>(text[i + 2]);
      check(c2 < 0xA6 || c2 > 0xA9);
    }
  }
}

}  // namespace setupflow::fuzz
