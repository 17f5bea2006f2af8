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

#include <span>
#include <string>
#include <string_view>

namespace setupflow {

// Lower-case, '_' → '-', surrounding spaces dropped: "FR_fr " → "fr-fr".
std::string normalise_locale(std::string_view s);

// The best of `available` for `requested`: exact ("fr-CA" when present), then
// the language ("fr"), then "en". Case and '_' vs '-' are normalised. Total.
std::string pick_locale(std::string_view requested, std::span<const std::string_view> available);

// `raw` cleaned as the file comment says; runs of spaces (and line breaks)
// collapse to one and the ends are trimmed. Total.
std::string clean_shown_text(std::string_view raw);

// `tmpl` with every `placeholder` replaced by `value`. Total.
std::string fill_placeholder(std::string_view tmpl, std::string_view placeholder,
                             std::string_view value);

}  // namespace setupflow
