// SetupAttempts: Stripe records one for every confirmation of a SetupIntent
// (`latest_attempt`), listed by `GET /v1/setup_attempts?setup_intent=…`.
// Saved with the intent's id as owner, so the listing is one index lookup.
#pragma once

#include <string>

#include "sandbox.hpp"

namespace setupflow::sandbox {

// A new attempt for a SetupIntent confirmed with `pm` (status
// requires_action); sets intent["latest_attempt"]. Its
// payment_method_details are `details`, else {type, <type>: {}}. No-op for
// other objects.
void setup_attempt_start(Ctx& ctx, json& intent, const json& pm, json details = nullptr);

// Ends the intent's latest attempt if it is still requires_action: status
// succeeded, failed (with `error` as setup_error) or abandoned.
void setup_attempt_finish(Ctx& ctx, const json& intent, const std::string& status, const json& error = nullptr);

}  // namespace setupflow::sandbox
