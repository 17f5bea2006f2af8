// Pieces shared by setup_intents.cpp and payment_intents.cpp (intents.cpp),
// and the outcomes a payment-method driver gives an intent.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "api_error.hpp"
#include "sandbox.hpp"

namespace setupflow::sandbox {

// Stripe parameters of the intent endpoints the sandbox refuses as unsupported.
inline const std::initializer_list<std::string_view> kUnsupportedOnIntents = {
    "payment_method_options", "use_stripe_sdk", "payment_method_configuration", "automatic_payment_methods",
    "on_behalf_of", "attach_to_self", "flow_directions", "single_use", "confirmation_token", "shipping",
    "receipt_email", "application_fee_amount", "transfer_data", "transfer_group", "radar_options",
    "error_on_requires_action", "confirmation_method", "statement_descriptor_suffix", "capture_method_options"};

// Every entry of payment_method_types must have a driver; else a 400
// payment_method_type_invalid with `message`, naming the entry.
void check_payment_method_types(const std::vector<std::string>& types, const std::string& message);

// Loads the intent named by ctx.parts[2]; with the publishable key the
// `client_secret` parameter must match it (constant-time), else a 400 that
// never echoes either secret. Applies the clock of the payment-method driver
// acting on it (saving if changed).
json load_intent_for_caller(Ctx& ctx, const char* object, const char* what);

// The payment method a confirm uses: payment_method_data (creates one),
// payment_method (an existing one), or the intent's own; its type must be in
// payment_method_types.
json payment_method_for_confirm(Ctx& ctx, const json& intent);

// Stripe refuses a payment method attached to a customer other than the
// intent's (400 payment_method_unexpected_state, param payment_method).
void refuse_foreign_payment_method(const json& pm, const json& customer);

// The owner index for an intent: its customer id or "".
std::string intent_owner(const json& intent);

// Stripe's 400 for acting on an intent in the wrong state:
// "<object>_unexpected_state", the intent attached under its object name.
ApiError unexpected_state(Ctx& ctx, const json& intent, const std::string& action);

// A create's `customer` and `payment_method` parameters, loaded (an unknown id
// is a 404, as with Stripe) and reduced to their ids; null when absent.
struct IntentRefs {
  json customer = nullptr;
  json payment_method = nullptr;
};
// payment_method_data creates a PaymentMethod and is set as `payment_method`
// (both given is a 400); it is removed from ctx.params so that confirm=true
// uses that one.
IntentRefs refs_for_create(Ctx& ctx);

// The end of a create: saves the new intent, emits "<object>.created", then
// confirms it at once when the `confirm` parameter is true, else renders it.
Response finish_create(Ctx& ctx, json intent, Response (*confirm)(Ctx&, json));

// The end of a cancel whose state check passed: status canceled with the
// reason (already validated, or null), no next action and no driver
// action (every driver abandons its state); saves and emits "<object>.canceled".
Response finish_cancel(Ctx& ctx, json intent, json reason);

// True for a SetupIntent, false for a PaymentIntent.
bool is_setup(const json& intent);
// "setup_intent." or "payment_intent.": the prefix of the intent's events.
std::string event_prefix(const json& intent);

// An action on the intent failed (declined, expired): requires_payment_method
// with `error` (a Stripe error hash) as last_setup_error / last_payment_error,
// the attempted payment method detached and shown in the error, the setup
// attempt failed; saves and emits "…setup_failed" / "…payment_failed".
void fail_intent(Ctx& ctx, json& intent, json error);

// An action on the intent succeeded with its payment_method: when the method
// is saved for later (a SetupIntent, or setup_future_usage) and the intent
// has a customer, `pm` is attached to it (payment_method.attached); the
// intent succeeds (or requires_capture), its attempt too; saves both and
// emits the intent's event. `pm` may carry the driver's new details.
void succeed_intent(Ctx& ctx, json& intent, json pm);

// Whether a successful action saves the payment method for later.
bool saves_payment_method(const json& intent);

}  // namespace setupflow::sandbox
