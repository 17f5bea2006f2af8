// The registry of payment-method drivers. A new payment-method type adds its
// driver file and one line here.
#include <span>

#include "api_error.hpp"
#include "payment_method_driver.hpp"
#include "render.hpp"

namespace setupflow::sandbox {
namespace {

std::span<const PaymentMethodDriver* const> drivers() {
  static const PaymentMethodDriver* const kDrivers[] = {&cashapp_driver(), &card_driver()};
  return kDrivers;
}

}  // namespace

const PaymentMethodDriver* find_driver(std::string_view type) {
  for (const PaymentMethodDriver* d : drivers())
    if (d->type() == type) return d;
  return nullptr;
}

const PaymentMethodDriver& driver_of(const json& payment_method) {
  const PaymentMethodDriver* d = find_driver(jstr(payment_method, "type"));
  if (!d)
    throw invalid("payment_method_unactivated",
                  "The sandbox does not support payment methods of type " + jstr(payment_method, "type") + ".",
                  "payment_method");
  return *d;
}

bool refresh_intent(Ctx& ctx, json& intent) {
  bool changed = false;
  for (const PaymentMethodDriver* d : drivers()) changed = d->refresh(ctx, intent) || changed;
  return changed;
}

void abandon_intent(json& intent) {
  for (const PaymentMethodDriver* d : drivers()) d->abandon(intent);
}

}  // namespace setupflow::sandbox
