#include "test_cards.hpp"

#include <ctime>
#include <utility>

namespace setupflow::sandbox {
namespace {

bool luhn_valid(const std::string& digits) {
  int sum = 0;
  bool twice = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int d = *it - '0';
    if (twice) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

bool all_digits(const std::string& s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

std::string brand_of(const std::string& n) {
  if (n.rfind('4', 0) == 0) return "visa";
  if (n.rfind("34", 0) == 0 || n.rfind("37", 0) == 0) return "amex";
  if (n.rfind("6011", 0) == 0 || n.rfind("65", 0) == 0) return "discover";
  const int two = (n[0] - '0') * 10 + (n[1] - '0');
  const int four = std::stoi(n.substr(0, 4));
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return "mastercard";
  return "unknown";
}

struct TestDecline {
  const char* number;
  const char* code;
  const char* decline_code;
  const char* message;
};

// Stripe's documented test numbers for declines.
constexpr TestDecline kDeclines[] = {
    {"4000000000000002", "card_declined", "generic_decline", "Your card was declined."},
    {"4000000000009995", "card_declined", "insufficient_funds", "Your card has insufficient funds."},
    {"4000000000009987", "card_declined", "lost_card", "Your card was declined."},
    {"4000000000009979", "card_declined", "stolen_card", "Your card was declined."},
    {"4000000000000069", "expired_card", "expired_card", "Your card has expired."},
    {"4000000000000127", "incorrect_cvc", "incorrect_cvc", "Your card's security code is incorrect."},
    {"4000000000000119", "processing_error", "", "An error occurred while processing your card. Try again."},
};

// Stripe's test numbers that save (and charge) normally, with their funding.
constexpr std::pair<const char*, const char*> kSuccesses[] = {
    {"4242424242424242", "credit"}, {"4000056655665556", "debit"},  {"5555555555554444", "credit"},
    {"2223003122003222", "credit"}, {"5200828282828210", "debit"},  {"378282246310005", "credit"},
    {"371449635398431", "credit"},  {"6011111111111117", "credit"}, {"4000000000000341", "credit"},
};

}  // namespace

std::optional<KeyedCardProblem> check_keyed_card(KeyedCard& card, int64_t now) {
  std::string digits;
  for (char c : card.number)
    if (c != ' ' && c != '-') digits.push_back(c);
  card.number = digits;
  if (!all_digits(digits) || digits.size() < 13 || digits.size() > 19 || !luhn_valid(digits))
    return KeyedCardProblem{"invalid_number", "The card number is not a valid card number.", "number"};
  if (card.exp_month < 1 || card.exp_month > 12)
    return KeyedCardProblem{"invalid_expiry_month", "The card's expiration month is invalid.", "exp_month"};
  if (card.exp_year >= 0 && card.exp_year < 100) card.exp_year += 2000;
  std::time_t t = static_cast<std::time_t>(now);
  std::tm utc{};
  gmtime_r(&t, &utc);
  const int64_t year = utc.tm_year + 1900, month = utc.tm_mon + 1;
  if (card.exp_year < year || card.exp_year > year + 50 || (card.exp_year == year && card.exp_month < month))
    return KeyedCardProblem{"invalid_expiry_year", "The card's expiration date is in the past or invalid.",
                            "exp_year"};
  const size_t cvc_length = brand_of(digits) == "amex" ? 4 : 3;
  if (!all_digits(card.cvc) || card.cvc.size() != cvc_length)
    return KeyedCardProblem{"invalid_cvc", "The card's security code must be " + std::to_string(cvc_length) +
                                               " digits.",
                            "cvc"};
  return std::nullopt;
}

CardBehaviour card_behaviour(const std::string& number) {
  CardBehaviour b;
  b.brand = brand_of(number);
  b.funding = "credit";
  b.declines_charges = number == "4000000000000341";
  for (const auto& [n, funding] : kSuccesses)
    if (number == n) {
      b.funding = funding;
      return b;
    }
  for (const auto& d : kDeclines)
    if (number == d.number) {
      b.code = d.code;
      b.decline_code = d.decline_code;
      b.message = d.message;
      return b;
    }
  // As in Stripe's test mode: any other number is refused, so a real card
  // keyed into the simulated reader is never saved.
  b.code = "card_declined";
  b.decline_code = "test_mode_live_card";
  b.message = "Your card was declined. The sandbox accepts Stripe's test card numbers only.";
  return b;
}

}  // namespace setupflow::sandbox
