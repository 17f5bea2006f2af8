// Percent-encoding, bytewise, with strict UTF-8 checking on the way in.
//
// Decoding refuses bytes that are not valid UTF-8 (overlong forms, surrogates,
// code points above U+10FFFF, stray or missing continuation bytes): every
// decoded string may end up in JSON, whose encoders reject or mangle them.
#include <cstdint>
#include <string>

#include "setupflow/form_encoding.hpp"  // percent_encode and percent_decode are declared there

namespace setupflow {
namespace {

bool is_unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

// Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above
// U+10FFFF, no lone or missing continuation bytes.
bool is_valid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const unsigned b0 = static_cast<unsigned char>(s[i]);
    // Sequence length from the lead byte; 0 for a continuation byte, a C0/C1
    // overlong lead, or F5..FF.
    const size_t len = b0 < 0x80 ? 1 : b0 < 0xC2 ? 0 : b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : b0 < 0xF5 ? 4 : 0;
    if (len == 0 || s.size() - i < len) {
      return false;
    }
    // Allowed range of the second byte: E0 and F0 exclude overlong forms, ED
    // the surrogates, F4 everything above U+10FFFF; later bytes 80..BF.
    unsigned lo = b0 == 0xE0 ? 0xA0 : b0 == 0xF0 ? 0x90 : 0x80;
    unsigned hi = b0 == 0xED ? 0x9F : b0 == 0xF4 ? 0x8F : 0xBF;
    for (size_t k = 1; k < len; ++k) {
      const unsigned b = static_cast<unsigned char>(s[i + k]);
      if (b < lo || b > hi) {
        return false;
      }
      lo = 0x80;
      hi = 0xBF;
    }
    i += len;
  }
  return true;
}

[[gnu::noinline]] Error coding_error(const char* code, const char* message) {
  return invalid_request(code, message, {});
}

}  // namespace

std::string percent_encode(std::string_view text, bool space_as_plus) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (is_unreserved(c)) {
      out.push_back(ch);
    } else if (c == ' ' && space_as_plus) {
      out.push_back('+');
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0x0F]);
    }
  }
  return out;
}

Result<std::string> percent_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      const int hi = i + 1 < text.size() ? hex_value(text[i + 1]) : -1;
      const int lo = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
      if (hi < 0 || lo < 0) {
        return coding_error("invalid_percent_encoding",
                            "Malformed percent-escape: '%' must be followed by two hex digits.");
      }
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  if (!is_valid_utf8(out)) {
    return coding_error("invalid_utf8", "The decoded text is not valid UTF-8.");
  }
  return out;
}

}  // namespace setupflow
