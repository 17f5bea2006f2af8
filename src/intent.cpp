#include "setupflow/intent.hpp"

#include <array>
#include <utility>

namespace setupflow {
namespace {

constexpr std::array<std::pair<IntentStatus, std::string_view>, 7> kStatusNames{{
    {IntentStatus::requires_payment_method, "requires_payment_method"},
    {IntentStatus::requires_confirmation, "requires_confirmation"},
    {IntentStatus::requires_action, "requires_action"},
    {IntentStatus::processing, "processing"},
    {IntentStatus::requires_capture, "requires_capture"},
    {IntentStatus::canceled, "canceled"},
    {IntentStatus::succeeded, "succeeded"},
}};

}  // namespace

std::string_view to_string(IntentStatus status) {
  for (const auto& [s, name] : kStatusNames) {
    if (s == status) {
      return name;
    }
  }
  // Only reachable with a value cast from outside the enum's range.
  return "requires_payment_method";
}

std::optional<IntentStatus> intent_status_from_string(std::string_view text) {
  for (const auto& [s, name] : kStatusNames) {
    if (name == text) {
      return s;
    }
  }
  return std::nullopt;
}

}  // namespace setupflow
