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

// How long the simulated reader takes to process a card keyed on its screen.
inline constexpr int64_t kProcessingSeconds = 2;

// The agent keys `card` on the simulated reader screen: the reader checks it
// (a 402 card_error as present_keyed_card) and processes it for
// kProcessingSeconds; finish_processing() then saves or declines it. While it
// processes, cancel_action and a second card are refused (busy).
void key_card_on_screen(Ctx& ctx, json& reader, KeyedCard card);

// True while a card keyed on the screen is being processed.
bool card_processing(const json& reader);

// Completes a keyed card whose processing time is over, on a reader that is
// online (load_reader calls it); true when `reader` changed (saved).
bool finish_processing(Ctx& ctx, json& reader);

// The customer presses Cancel on the reader (allowed when the action was
// started with process_config[enable_customer_cancellation]=true): the
// action fails with customer_canceled. Returns the reader after.
json customer_cancels(Ctx& ctx, json reader);

}  // namespace setupflow::sandbox
