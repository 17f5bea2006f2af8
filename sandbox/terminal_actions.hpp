// What happens on a simulated reader during a process_setup_intent action:
// a card keyed in (by the test helper or on the simulated reader screen) and
// the customer canceling on the reader.
#pragma once

#include "sandbox.hpp"
#include "test_cards.hpp"

namespace setupflow::sandbox {

// The agent keys `card` into `reader` (loaded, its action in progress): the
// reader checks it (a refused card is a 402 card_error and the action goes
// on), then saves it through the SetupIntent (a card PaymentMethod attached
// to its customer) or records the decline; the action ends succeeded or
// failed with its webhook. Returns the reader after.
json present_keyed_card(Ctx& ctx, json reader, KeyedCard card);

// The customer presses Cancel on the reader (allowed when the action was
// started with process_config[enable_customer_cancellation]=true): the
// action fails with customer_canceled. Returns the reader after.
json customer_cancels(Ctx& ctx, json reader);

}  // namespace setupflow::sandbox
