// The terms an agent reads to a caller before saving their card for a mail or
// telephone order (MOTO), and the record of the caller's agreement that the
// merchant keeps (WIRE.md, "Saving a card by mail or telephone order").
//
// Card networks and Stripe's MOTO guide ask that, before a card is saved for
// later charges, the customer agrees to terms that say: that the merchant may
// charge the card on their behalf without them being present; when and how
// often; how each amount is set; and how to cancel. The merchant supplies the
// parts only it knows (its name, its schedule, its amounts, its way to
// cancel); the core supplies the wording around them, versioned, per locale.
//
// The record is what the merchant stores with the saved card: the version and
// the exact text read, the locale, which customer agreed, which agent took
// the agreement, when, by which channel, and whether the customer also asked
// for the card to be offered at future checkouts (Stripe's allow_redisplay).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "setupflow/result.hpp"

namespace setupflow {

// What only the merchant knows. Each part is optional: an empty part gets a
// neutral wording. Values are cleaned (control and bidi characters removed,
// spaces collapsed) before they enter the text.
struct MotoTermsParams {
  std::string merchant_name;  // "Acme Supplies"; empty → "we" / "nous"
  std::string schedule;       // when and how often: "on the 1st of each month"
  std::string amounts;        // how amounts are set: "the price of each order, shipping included"
  std::string cancellation;   // how to cancel: "calling 0800 123 456"
};

struct MotoTerms {
  std::string locale;   // the locale used after fallback ("en", "fr")
  std::string version;  // the wording's version, e.g. "moto-2026-12-en"
  std::string text;     // plain text, the parts filled in
};

// Locales with terms, e.g. {"en", "fr"}.
std::vector<std::string> moto_terms_locales();

// The terms in the best locale for `locale` (exact, language, then English).
// Total.
MotoTerms moto_terms(std::string_view locale, const MotoTermsParams& params);

// How the agreement was taken.
enum class MotoChannel { telephone, mail };

// Stripe's allow_redisplay, as an agent's console sets it: "always" needs the
// customer's explicit request to see the card at future checkouts.
enum class AllowRedisplay { limited, always };

std::string_view to_string(MotoChannel channel);
std::string_view to_string(AllowRedisplay allow_redisplay);

struct MotoConsentInput {
  std::string locale;     // as passed to moto_terms
  MotoTermsParams terms;  // as passed to moto_terms
  std::string customer;   // the Customer the card is saved to, "cus_…"
  std::string agent;      // who took the agreement (a name or an id), 1–100 characters
  std::string channel;    // "telephone" | "mail"
  bool agreed = false;    // the agent ticked "the customer agreed"
  bool offer_at_future_checkouts = false;  // → allow_redisplay "always", else "limited"
  int64_t accepted_at_ms = 0;              // the console's clock, ms since the Unix epoch
};

struct MotoConsentRecord {
  std::string terms_version;
  std::string locale;
  std::string text;  // exactly what moto_terms gave for this locale and these parts
  std::string customer;
  std::string agent;
  MotoChannel channel = MotoChannel::telephone;
  AllowRedisplay allow_redisplay = AllowRedisplay::limited;
  int64_t accepted_at = 0;  // Unix seconds, as Stripe's timestamps
};

// The record, or an integration_error naming the field: consent not collected
// (`agreed` false; code "consent_not_collected"), a customer id that is not
// "cus_…", an empty or over-long agent, an unknown channel, a time not after
// the epoch. The text is made here from the same inputs as moto_terms, so the
// record cannot disagree with what the console showed. Total.
Result<MotoConsentRecord> record_moto_consent(const MotoConsentInput& input);

// The record as Stripe metadata for the SetupIntent (keys ≤ 40 characters,
// values ≤ 500): version, locale, channel, agent, time and allow_redisplay.
// The full text is too long for metadata; the merchant keeps the record
// itself, and the version names the wording. Total.
std::vector<std::pair<std::string, std::string>> moto_consent_metadata(
    const MotoConsentRecord& record);

}  // namespace setupflow
