// The Cash App Pay authorisation (mandate) text, table-driven by locale.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace setupflow {

enum class ConsentMode { setup, payment_with_future_usage };

struct ConsentText {
  std::string locale;   // the locale actually used after fallback, e.g. "fr"
  std::string version;  // text version id recorded with the acceptance, e.g. "cashapp-2026-11-en"
  std::string text;     // plain text with the merchant name substituted
};

// Locales with a text, e.g. {"en", "fr"}.
std::vector<std::string> consent_locales();

// Picks the best available locale: exact ("fr-CA" when present), then the
// language ("fr"), then "en". Case and '_' vs '-' are normalised. Total.
std::string resolve_locale(std::string_view requested);

// The authorisation text for `merchant_name` (trimmed; an empty name falls back
// to a neutral wording; control characters removed). Total.
ConsentText cashapp_consent(std::string_view locale, std::string_view merchant_name,
                            ConsentMode mode = ConsentMode::setup);

// The text HTML-escaped (& < > " '), for a page that inserts it as markup.
// Separate from cashapp_consent so the wasm, whose shim sets textContent,
// does not build it. Total.
std::string consent_html(const ConsentText& consent);

}  // namespace setupflow
