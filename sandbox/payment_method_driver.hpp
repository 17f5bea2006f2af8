// What the intents ask of a payment-method type. One driver per type
// (cashapp_driver.cpp, card_driver.cpp), so the intents code holds no
// type checks and never reads a type's private state. A driver keeps its
// private state on the intent or the PaymentMethod in "_" fields of its own
// (never rendered, never in events).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sandbox.hpp"

namespace setupflow::sandbox {

// Why an off-session charge is declined: a 402 card_error with these codes.
struct Decline {
  std::string code;          // e.g. "payment_method_provider_decline"
  std::string decline_code;  // e.g. "insufficient_funds"; "" for none
  std::string message;
};

class PaymentMethodDriver {
 public:
  virtual ~PaymentMethodDriver() = default;

  // The PaymentMethod type it drives ("cashapp").
  virtual std::string_view type() const = 0;

  // The PaymentMethod's `<type>` hash for payment_method_data[<type>] (`node`
  // may be null; `param` names it in errors). Throws ApiError when the type
  // cannot be created from payment_method_data.
  virtual json details_from_data(const FormNode* node, const std::string& param) const = 0;

  // Confirms a SetupIntent, or a PaymentIntent on session, with `pm` (already
  // checked against the intent's types and customer): reads the confirm's
  // own parameters from ctx and moves the intent on (requires_action with a
  // next action, say). Does not save it. Throws ApiError.
  virtual void confirm(Ctx& ctx, json& intent, const json& pm) const = 0;

  // Applies the clock to an intent this driver is acting on (no-op for
  // others); true when `intent` changed (the caller saves it; events are
  // already emitted).
  virtual bool refresh(Ctx& ctx, json& intent) const = 0;

  // The intent leaves the driver's action (canceled): drops its private state.
  virtual void abandon(json& intent) const = 0;

  // Whether the customer authorised `pm` for charges made without them;
  // checked before anything else of an off-session charge.
  virtual std::optional<Decline> off_session_authorisation(Ctx& ctx, const json& pm) const = 0;

  // The issuer's answer to an off-session charge of `intent` with `pm`
  // (authorised, attached to the intent's customer): nullopt approves it.
  virtual std::optional<Decline> charge(Ctx& ctx, const json& intent, const json& pm) const = 0;

  // The id prefix of the charge an approved payment makes: Stripe's card
  // charges are "ch_", its Cash App payments "py_".
  virtual std::string_view charge_id_prefix() const = 0;

  // Refuses (ApiError) attaching `pm` to a customer when its type does not
  // allow it yet.
  virtual void check_attachable(const json& pm) const = 0;

  // `pm` was detached from its customer: ends what depended on it (mandates).
  virtual void detached(Ctx& ctx, const json& pm) const = 0;
};

// The drivers (one file each); payment_method_drivers.cpp lists them.
const PaymentMethodDriver& cashapp_driver();  // cashapp_driver.cpp
const PaymentMethodDriver& card_driver();     // card_driver.cpp

// The driver of `type`, or null when the sandbox does not support the type.
const PaymentMethodDriver* find_driver(std::string_view type);

// The driver of a stored PaymentMethod (its "type" is always supported).
const PaymentMethodDriver& driver_of(const json& payment_method);

// Every driver's refresh() on `intent`: true when one changed it.
bool refresh_intent(Ctx& ctx, json& intent);

// Every driver's abandon() on `intent`: no driver state is left on it.
void abandon_intent(json& intent);

}  // namespace setupflow::sandbox
