// A card keyed into a simulated reader during process_setup_intent: the
// reader's checks, the issuer's answer (test_cards.cpp), and the outcome on
// the SetupIntent (intents.cpp), the PaymentMethod and the reader's action.
#include "api_error.hpp"
#include "intents.hpp"
#include "payment_methods.hpp"
#include "render.hpp"
#include "setup_attempts.hpp"
#include "terminal_actions.hpp"
#include "terminal_readers.hpp"
#include "webhook_signing.hpp"

namespace setupflow::sandbox {
namespace {

// The card hash of a card PaymentMethod, as Stripe shapes it.
json card_details(Ctx& ctx, const KeyedCard& card, const CardBehaviour& b) {
  const bool cvc_fails = b.code == "incorrect_cvc";
  // Stable per card number and database, as Stripe's is per account.
  const std::string fingerprint = hmac_sha256_hex(*page_secret(ctx, true), "card:" + card.number).substr(0, 16);
  return {{"brand", b.brand},
          {"checks",
           {{"address_line1_check", nullptr},
            {"address_postal_code_check", card.postal_code.empty() ? json() : json("pass")},
            {"cvc_check", cvc_fails ? "fail" : "pass"}}},
          {"country", "US"},
          {"display_brand", b.brand},
          {"exp_month", card.exp_month},
          {"exp_year", card.exp_year},
          {"fingerprint", fingerprint},
          {"funding", b.funding},
          {"generated_from", nullptr},
          {"last4", card.number.substr(card.number.size() - 4)},
          {"networks", {{"available", json::array({b.brand})}, {"preferred", nullptr}}},
          {"regulated_status", nullptr},
          {"three_d_secure_usage", {{"supported", true}}},
          {"wallet", nullptr}};
}

// The setup attempt's payment_method_details.card (moto: keyed by the agent).
json attempt_details(const json& card) {
  json details = {{"type", "card"}, {"card", json::object()}};
  for (const char* k : {"brand", "checks", "country", "exp_month", "exp_year", "fingerprint", "funding", "last4"})
    details["card"][k] = card[k];
  details["card"]["moto"] = true;
  details["card"]["network"] = card["brand"];
  details["card"]["three_d_secure"] = nullptr;
  details["card"]["wallet"] = nullptr;
  return details;
}

// Ends the reader's action and sends its webhook.
json end_action(Ctx& ctx, json reader, const std::string& failure_code = {}, const std::string& message = {}) {
  json& action = reader["action"];
  action["status"] = failure_code.empty() ? "succeeded" : "failed";
  action["failure_code"] = failure_code.empty() ? json() : json(failure_code);
  action["failure_message"] = message.empty() ? json() : json(message);
  reader.erase("_action");
  reader.erase("_keyed");
  reader["_ended_at"] = ctx.now;  // the screen shows the result for a while
  save_reader(ctx, reader);
  ctx.emit(failure_code.empty() ? "terminal.reader.action_succeeded" : "terminal.reader.action_failed", reader);
  return reader;
}

// The reader's process_setup_intent action, else a 400.
json in_progress_action(const json& reader) {
  const json* action = action_in_progress(reader);
  if (!action || jstr(*action, "type") != "process_setup_intent")
    throw invalid("", "This reader has no process_setup_intent action in progress.", "reader");
  return *action;
}

}  // namespace

namespace {

// The reader's checks on a keyed card: a refused card is a 402 card_error
// naming the field, and nothing is sent.
void check_on_reader(Ctx& ctx, KeyedCard& card) {
  if (auto problem = check_keyed_card(card, ctx.now)) {
    ApiError e = invalid(problem->code, problem->message, "card[" + problem->param + "]");
    e.status = 402;
    e.type = "card_error";
    throw e;
  }
}

// The issuer's answer for a checked card, applied to the action's SetupIntent.
json authorise(Ctx& ctx, json reader, const KeyedCard& card) {
  const json& action = reader["action"];
  json intent = load(ctx, jstr(action["process_setup_intent"], "setup_intent"), "setup_intent", "SetupIntent");
  const std::string status = jstr(intent, "status");
  if (status != "requires_payment_method" && status != "requires_confirmation")
    return end_action(ctx, std::move(reader), "intent_invalid_state",
                      "The SetupIntent has a status of " + status + " and can no longer be processed.");
  const CardBehaviour behaviour = card_behaviour(card.number);
  json pm = new_payment_method(ctx, "card", card_details(ctx, card, behaviour));
  pm["allow_redisplay"] = reader["_action"].value("allow_redisplay", "unspecified");
  if (!card.postal_code.empty()) pm["billing_details"]["address"]["postal_code"] = card.postal_code;
  if (behaviour.declines_charges)
    pm["_charge_decline"] = {{"code", "card_declined"}, {"decline_code", "generic_decline"},
                             {"message", "Your card was declined."}};
  save(ctx, pm);
  intent["payment_method"] = pm["id"];
  setup_attempt_finish(ctx, intent, "abandoned");
  setup_attempt_start(ctx, intent, pm, attempt_details(pm["card"]));
  if (!behaviour.code.empty()) {
    json error = {{"type", "card_error"}, {"code", behaviour.code}, {"message", behaviour.message}};
    if (!behaviour.decline_code.empty()) error["decline_code"] = behaviour.decline_code;
    fail_intent(ctx, intent, std::move(error));
    return end_action(ctx, std::move(reader), behaviour.code, behaviour.message);
  }
  succeed_intent(ctx, intent, std::move(pm));
  return end_action(ctx, std::move(reader));
}

}  // namespace

json present_keyed_card(Ctx& ctx, json reader, KeyedCard card) {
  require_reachable(reader);
  in_progress_action(reader);
  if (card_processing(reader))
    throw invalid("terminal_reader_busy", "The reader is processing a card.", "reader");
  check_on_reader(ctx, card);
  return authorise(ctx, std::move(reader), card);
}

void key_card_on_screen(Ctx& ctx, json& reader, KeyedCard card) {
  require_reachable(reader);
  in_progress_action(reader);
  if (card_processing(reader)) return;  // a second submit while the first is processed
  check_on_reader(ctx, card);
  // The card number is kept only while processing, and only a test number
  // is ever saved (test_cards.hpp); the CVC was checked and is not kept.
  reader["_keyed"] = {{"number", card.number},
                      {"exp_month", card.exp_month},
                      {"exp_year", card.exp_year},
                      {"postal_code", card.postal_code},
                      {"until", ctx.now + kProcessingSeconds}};
  save_reader(ctx, reader);
}

bool card_processing(const json& reader) { return reader.contains("_keyed"); }

bool finish_processing(Ctx& ctx, json& reader) {
  if (!card_processing(reader) || jstr(reader, "_link") != "online") return false;
  const json& keyed = reader["_keyed"];
  if (ctx.now < keyed.value("until", int64_t(0))) return false;
  KeyedCard card;
  card.number = jstr(keyed, "number");
  card.exp_month = keyed.value("exp_month", int64_t(0));
  card.exp_year = keyed.value("exp_year", int64_t(0));
  card.postal_code = jstr(keyed, "postal_code");
  reader.erase("_keyed");
  if (!action_in_progress(reader)) {  // canceled meanwhile: nothing is sent
    save_reader(ctx, reader);
    return true;
  }
  reader = authorise(ctx, std::move(reader), card);
  return true;
}

json customer_cancels(Ctx& ctx, json reader) {
  require_reachable(reader);
  if (card_processing(reader)) throw invalid("terminal_reader_busy", "The reader is processing a card.", "reader");
  const json action = in_progress_action(reader);
  if (!action["process_setup_intent"]["process_config"].value("enable_customer_cancellation", false))
    throw invalid("", "Customer cancellation was not enabled for this action.", "reader");
  return end_action(ctx, std::move(reader), "customer_canceled", "The customer canceled on the reader.");
}

}  // namespace setupflow::sandbox
