// Cards keyed on a simulated Terminal reader: the checks a reader makes
// before it sends a card anywhere (Luhn, expiry, CVC), and what Stripe's test
// card numbers do (brand, funding, and each decline).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace setupflow::sandbox {

// What the agent keys in. exp_year may be two digits (27) or four (2027).
struct KeyedCard {
  std::string number;  // digits; spaces and dashes are removed by the reader
  int64_t exp_month = 0;
  int64_t exp_year = 0;
  std::string cvc;
  std::string postal_code;  // optional
};

// A keyed card the reader refuses (it is not sent): a card_error code
// (invalid_number, invalid_expiry_month, invalid_expiry_year, invalid_cvc)
// and a message for the reader's screen.
struct KeyedCardProblem {
  std::string code;
  std::string message;
  std::string param;  // "number", "exp_month", "exp_year" or "cvc"
};

// Normalises `card` (digits only, four-digit year) and checks it at `now`
// (unix seconds, UTC): nullopt when the reader would send it.
std::optional<KeyedCardProblem> check_keyed_card(KeyedCard& card, int64_t now);

// What the issuer does with a (checked) test card.
struct CardBehaviour {
  std::string brand;    // visa, mastercard, amex, discover, unknown
  std::string funding;  // credit, debit, prepaid, unknown
  // The setup is declined: card_error `code` (card_declined, expired_card,
  // incorrect_cvc, processing_error) with `decline_code` ("" for none).
  std::string code, decline_code, message;
  // Saved, but every later charge is declined (4000000000000341).
  bool declines_charges = false;
};

// Stripe's test numbers; any other number is declined (test_mode_live_card).
CardBehaviour card_behaviour(const std::string& number);

}  // namespace setupflow::sandbox
