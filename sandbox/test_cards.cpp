#include "test_cards.hpp"

#include <ctime>

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
  b.funding = number == "4000056655665556" || number == "5200828282828210" ? "debit" : "credit";
  for (const auto& d : kDeclines)
    if (number == d.number) {
      b.code = d.code;
      b.decline_code = d.decline_code;
      b.message = d.message;
    }
  b.declines_charges = number == "4000000000000341";
  return b;
}

}  // namespace setupflow::sandbox
