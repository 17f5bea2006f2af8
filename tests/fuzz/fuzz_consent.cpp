// libFuzzer: consent texts for arbitrary locales and merchant names.
// Input: byte 0 picks the mode, byte 1 the locale length, then the locale,
// then the merchant name.
// Invariants:
//  - resolve_locale always returns a listed locale, and cashapp_consent reports
//    that same locale with a non-empty version;
//  - the text is valid UTF-8 with no control characters and no bidi
//    overrides, even when the name is neither;
//  - the html has no raw < > " ' and every & starts an entity, and unescaping
//    it gives the text back;
//  - no "{merchant}" placeholder is left unless the name brought one.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "setupflow/consent.hpp"
#include "shown_text_checks.hpp"

namespace {

using namespace setupflow;
using setupflow::fuzz::check;
using setupflow::fuzz::check_shown_text;

std::string unescape_html(std::string_view html) {
  static constexpr std::pair<std::string_view, char> kEntities[] = {
      {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
  std::string out;
  size_t i = 0;
  while (i < html.size()) {
    bool matched = false;
    if (html[i] == '&') {
      for (const auto& [entity, c] : kEntities) {
        if (html.substr(i, entity.size()) == entity) {
          out.push_back(c);
          i += entity.size();
          matched = true;
          break;
        }
      }
      check(matched);  // a bare '&' would be ambiguous
      continue;
    }
    out.push_back(html[i++]);
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  const ConsentMode mode =
      data[0] & 1 ? ConsentMode::payment_with_future_usage : ConsentMode::setup;
  const size_t locale_len = data[1] < size - 2 ? data[1] : size - 2;
  const std::string_view locale(reinterpret_cast<const char*>(data + 2), locale_len);
  const std::string_view name(reinterpret_cast<const char*>(data + 2 + locale_len),
                              size - 2 - locale_len);

  const auto locales = consent_locales();
  const std::string resolved = resolve_locale(locale);
  bool listed = false;
  for (const auto& l : locales) listed = listed || l == resolved;
  check(listed);

  const ConsentText t = cashapp_consent(locale, name, mode);
  check(t.locale == resolved);
  check(!t.version.empty() && !t.text.empty());
  check_shown_text(t.text);
  const std::string html = setupflow::consent_html(t);
  for (char c : html) check(c != '<' && c != '>' && c != '"' && c != '\'');
  check(unescape_html(html) == t.text);

  // Cleaning can join "{merchant" and "}" across a removed byte, so only a
  // name without '{' is sure to leave no placeholder behind.
  if (name.find('{') == std::string_view::npos) {
    check(t.text.find("{merchant}") == std::string::npos);
  }
  return 0;
}
