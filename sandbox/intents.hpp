// Pieces shared by setup_intents.cpp and payment_intents.cpp.
#pragma once

#include <string>

#include "sandbox.hpp"

namespace setupflow::sandbox {

// Loads the intent named by ctx.parts[2]; with the publishable key the
// `client_secret` parameter must match it (constant-time), else a 400 that
// never echoes either secret. Applies the Cash App clock (saving if changed).
json load_intent_for_caller(Ctx& ctx, const char* object, const char* what);

// The payment method a confirm uses: payment_method_data (creates one),
// payment_method (an existing one), or the intent's own; its type must be in
// payment_method_types.
json payment_method_for_confirm(Ctx& ctx, const json& intent);

// A validated return_url from the parameters (required for Cash App).
std::string return_url_for_confirm(Ctx& ctx);

// The owner index for an intent: its customer id or "".
std::string intent_owner(const json& intent);

}  // namespace setupflow::sandbox
