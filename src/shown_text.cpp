// See shown_text.hpp.
#include "shown_text.hpp"

#include <cstdint>

namespace setupflow {
namespace {

constexpr uint32_t kReplacement = 0xFFFD;

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Decodes one code point at s[i], advancing i; invalid sequences (overlong,
// surrogate, out of range, truncated, stray continuation) yield U+FFFD and
// consume one byte.
uint32_t next_code_point(std::string_view s, size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  size_t len;
  uint32_t cp;
  unsigned char lo = 0x80, hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
    cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    cp = b0 & 0x0F;
    if (b0 == 0xE0) {
      lo = 0xA0;
    }
    if (b0 == 0xED) {
      hi = 0x9F;
    }
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    cp = b0 & 0x07;
    if (b0 == 0xF0) {
      lo = 0x90;
    }
    if (b0 == 0xF4) {
      hi = 0x8F;
    }
  } else {
    ++i;
    return kReplacement;
  }
  if (s.size() - i < len) {
    ++i;
    return kReplacement;
  }
  for (size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    const unsigned char min = k == 1 ? lo : 0x80;
    const unsigned char max = k == 1 ? hi : 0xBF;
    if (b < min || b > max) {
      ++i;
      return kReplacement;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  i += len;
  return cp;
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Line breaks and tabs separate words, so they become spaces.
bool is_breaking(uint32_t cp) {
  return cp == '\t' || cp == '\n' || cp == '\v' || cp == '\f' || cp == '\r' || cp == 0x85 ||
         cp == 0x2028 || cp == 0x2029;
}

bool is_removed(uint32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) ||  // C0, DEL, C1
         cp == 0x200E || cp == 0x200F ||             // LRM, RLM
         (cp >= 0x202A && cp <= 0x202E) ||           // embeddings and overrides
         (cp >= 0x2066 && cp <= 0x2069) ||           // isolates
         cp == 0xFEFF;                               // BOM / zero-width no-break space
}

}  // namespace

std::string clean_shown_text(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  bool pending_space = false;
  size_t i = 0;
  while (i < raw.size()) {
    uint32_t cp = next_code_point(raw, i);
    if (is_breaking(cp)) {
      cp = ' ';
    }
    if (cp == ' ') {
      pending_space = !out.empty();
      continue;
    }
    if (is_removed(cp)) {
      continue;
    }
    if (pending_space) {
      out.push_back(' ');
    }
    pending_space = false;
    append_utf8(out, cp);
  }
  return out;
}

std::string normalise_locale(std::string_view s) {
  while (!s.empty() && s.front() == ' ') {
    s.remove_prefix(1);
  }
  while (!s.empty() && s.back() == ' ') {
    s.remove_suffix(1);
  }
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    out.push_back(c == '_' ? '-' : lower(c));
  }
  return out;
}

std::string fill_placeholder(std::string_view tmpl, std::string_view placeholder,
                             std::string_view value) {
  std::string out;
  out.reserve(tmpl.size() + 2 * value.size());
  size_t pos = 0;
  while (true) {
    const size_t at = tmpl.find(placeholder, pos);
    if (at == std::string_view::npos) {
      break;
    }
    out += tmpl.substr(pos, at - pos);
    out += value;
    pos = at + placeholder.size();
  }
  out += tmpl.substr(pos);
  return out;
}

}  // namespace setupflow
