// /v1/payment_methods and the PaymentMethod object: list, retrieve, attach,
// detach; creation from payment_method_data (through the type's driver) or
// by a driver (a card keyed on a reader).
#pragma once

#include <string>
#include <vector>

#include "sandbox.hpp"

namespace setupflow::sandbox {

// A new, unattached PaymentMethod from payment_method_data (type,
// billing_details, metadata and the type's own hash, read by its driver),
// saved.
json payment_method_from_data(Ctx& ctx, const FormNode* data);

// A new, unattached PaymentMethod of `type` with its type hash `details`,
// not yet saved. billing_details all null, metadata empty.
json new_payment_method(Ctx& ctx, const std::string& type, json details);

// A customer's PaymentMethods for a listing (the `type` and `limit`
// parameters), rendered.
std::vector<json> payment_methods_of(Ctx& ctx, const std::string& customer);

}  // namespace setupflow::sandbox
