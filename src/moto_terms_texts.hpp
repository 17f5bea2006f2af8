// Private to src/moto_terms.cpp: the wording of the MOTO terms, per locale.
#pragma once

#include <span>
#include <string_view>

namespace setupflow {

// A sentence with the merchant's name in it, and the same sentence for when
// no name is known ("we", "us").
struct NamedWording {
  std::string_view named;  // with "{merchant}"
  std::string_view neutral;
};

// A sentence that carries a part the merchant supplies, and the sentence used
// when it supplies none.
struct PartWording {
  std::string_view given;  // with the part's placeholder ("{schedule}", …)
  std::string_view fallback;
};

struct MotoTermsTemplate {
  std::string_view locale;        // canonical spelling, e.g. "en", "fr"
  std::string_view version;       // recorded with the agreement; changes with any wording change
  NamedWording authorization;     // charges on the customer's behalf, without them present
  PartWording schedule;           // timing and frequency
  PartWording amounts;            // how each amount is set
  std::string_view cancellation;  // how to cancel, with "{cancellation}"
  NamedWording cancellation_contact;  // how to cancel when the merchant does not say
  std::string_view closing;           // what cancelling does; the written copy
};

// All locales; "en" is first.
std::span<const MotoTermsTemplate> moto_terms_templates();

}  // namespace setupflow
