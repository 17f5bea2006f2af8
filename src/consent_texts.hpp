// Private to src/consent.cpp: the table of Cash App authorisation texts.
#pragma once

#include <span>
#include <string_view>

#include "setupflow/consent.hpp"

namespace setupflow {

struct ConsentTemplate {
  std::string_view locale;   // canonical spelling, e.g. "en", "fr"
  std::string_view version;  // recorded with the acceptance; changes with any wording change
  ConsentMode mode;
  std::string_view named;    // with one or more "{merchant}" placeholders
  std::string_view neutral;  // when no merchant name is known
};

// All rows; every locale has one row per ConsentMode, and "en" exists.
std::span<const ConsentTemplate> consent_templates();

}  // namespace setupflow
