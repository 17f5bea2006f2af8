// Outcome names (include/setupflow/effects.hpp).
#include "setupflow/effects.hpp"

#include <cstddef>
#include <iterator>

namespace setupflow {

std::string_view to_string(Outcome outcome) {
  // Indexed by the enum: one table instead of a branch per name.
  static constexpr std::string_view kNames[] = {
      "succeeded", "processing", "requires_action",  "retrieved", "canceled",
      "declined",  "expired",    "unexpected_state", "error",
  };
  static_assert(std::size(kNames) == static_cast<size_t>(Outcome::error) + 1,
                "one name per Outcome, in its order");
  return kNames[static_cast<size_t>(outcome)];
}

std::string_view to_string(ReaderActionPresentation::Phase phase) {
  using Phase = ReaderActionPresentation::Phase;
  return phase == Phase::starting ? "starting" : phase == Phase::waiting ? "waiting" : "canceling";
}

}  // namespace setupflow
