// Helpers for the texts setupflow shows people and records as agreed to (the
// Cash App authorisation, the MOTO terms): locale matching, cleaning values a
// merchant or an agent supplies, and filling placeholders.
//
// Values supplied by an integrator end up in a legal text shown to people and
// stored with their agreement, so they are cleaned rather than trusted:
// invalid UTF-8 becomes U+FFFD (the text must survive a JSON encoder), control
// characters go, and bidirectional overrides go too (a right-to-left override
// inside a name could make the sentence around it read differently on screen
// from what was recorded).
#pragma once

#include <string>
#include <string_view>

namespace setupflow {

// Lower-case, '_' → '-', surrounding spaces dropped: "FR_fr " → "fr-fr".
std::string normalise_locale(std::string_view s);

// The best locale among `rows` for `requested` (`locale_of(row)` gives a
// row's locale; repeats are harmless): exact ("fr-CA" when present), then the
// language ("fr"), then "en". Case and '_' vs '-' are normalised. Total.
template <class Rows, class LocaleOf>
std::string pick_locale(std::string_view requested, const Rows& rows, LocaleOf locale_of) {
  const std::string norm = normalise_locale(requested);
  const auto find = [&](std::string_view wanted) -> std::string_view {
    for (const auto& row : rows) {
      if (normalise_locale(locale_of(row)) == wanted) {
        return locale_of(row);
      }
    }
    return {};
  };
  if (const auto exact = find(norm); !exact.empty()) {
    return std::string(exact);
  }
  if (const auto language = find(norm.substr(0, norm.find('-'))); !language.empty()) {
    return std::string(language);
  }
  return "en";
}

// `raw` cleaned as the file comment says; runs of spaces (and line breaks)
// collapse to one and the ends are trimmed. Total.
std::string clean_shown_text(std::string_view raw);

// `tmpl` with every `placeholder` replaced by `value`. Total.
std::string fill_placeholder(std::string_view tmpl, std::string_view placeholder,
                             std::string_view value);

}  // namespace setupflow
