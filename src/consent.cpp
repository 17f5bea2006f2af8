// The Cash App Pay authorisation text: locale resolution, merchant-name
// clean-up and substitution. The wording itself lives in consent_texts.cpp.
//
// The merchant name comes from the integrator's configuration and ends up in a
// legal text shown to shoppers and stored with the mandate, so it is cleaned
// (shown_text.hpp says how and why).
#include "setupflow/consent.hpp"

#include <string>

#include "consent_texts.hpp"
#include "shown_text.hpp"

namespace setupflow {
namespace {

constexpr std::string_view kPlaceholder = "{merchant}";
std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> consent_locales() {
  std::vector<std::string> out;
  for (const auto& t : consent_templates()) {
    bool seen = false;
    for (const auto& l : out) {
      seen = seen || l == t.locale;
    }
    if (!seen) {
      out.emplace_back(t.locale);
    }
  }
  return out;
}

std::string resolve_locale(std::string_view requested) {
  return pick_locale(requested, consent_templates(),
                     [](const ConsentTemplate& t) { return t.locale; });
}

ConsentText cashapp_consent(std::string_view locale, std::string_view merchant_name,
                            ConsentMode mode) {
  const std::string resolved = resolve_locale(locale);
  const ConsentTemplate* chosen = nullptr;
  const ConsentTemplate* english = nullptr;
  for (const auto& t : consent_templates()) {
    if (t.mode != mode) {
      continue;
    }
    if (t.locale == resolved) {
      chosen = &t;
    }
    if (t.locale == "en") {
      english = &t;
    }
  }
  // The table has every mode for every locale; the fallback only guards an
  // edit that forgets one.
  if (!chosen) {
    chosen = english ? english : &consent_templates().front();
  }

  const std::string name = clean_shown_text(merchant_name);
  ConsentText out;
  out.locale = std::string(chosen->locale);
  out.version = std::string(chosen->version);
  out.text = name.empty() ? std::string(chosen->neutral)
                          : fill_placeholder(chosen->named, kPlaceholder, name);
  return out;
}

std::string consent_html(const ConsentText& consent) { return html_escape(consent.text); }

}  // namespace setupflow
