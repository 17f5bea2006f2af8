// Reader actions: POST /v1/terminal/readers/{id}/process_setup_intent and
// /cancel_action, and the test helper
// POST /v1/test_helpers/terminal/readers/{id}/present_payment_method
// (type=card: a card keyed in for a mail or telephone order).
#include "terminal_actions.hpp"

#include "intents.hpp"
#include "params.hpp"
#include "render.hpp"
#include "route.hpp"
#include "terminal_readers.hpp"

namespace setupflow::sandbox {
namespace {

// allow_redisplay, or the older customer_consent_collected (true: limited).
std::string allow_redisplay_param(Ctx& ctx) {
  auto redisplay = param_string(ctx, "allow_redisplay");
  auto consent = param_bool(ctx, "customer_consent_collected");
  if (redisplay && consent)
    throw invalid("parameter_invalid_string", "Pass allow_redisplay or customer_consent_collected, not both.",
                  "customer_consent_collected");
  if (consent) {
    if (!*consent)
      throw invalid("parameter_invalid_boolean",
                    "customer_consent_collected must be true: collect the customer's consent before saving the card.",
                    "customer_consent_collected");
    return "limited";
  }
  if (!redisplay) throw invalid("parameter_missing", "Missing required param: allow_redisplay.", "allow_redisplay");
  if (*redisplay != "always" && *redisplay != "limited" && *redisplay != "unspecified")
    throw invalid("parameter_invalid_string", "allow_redisplay must be always, limited or unspecified.",
                  "allow_redisplay");
  return *redisplay;
}

// process_config: moto must be true (the sandbox's readers take keyed MOTO
// cards only); enable_customer_cancellation is optional.
bool customer_cancellation_param(Ctx& ctx) {
  const FormNode* config = ctx.params.get("process_config");
  allow_children(config, "process_config", {"moto", "enable_customer_cancellation"});
  auto moto = config ? param_bool(*config, "moto", "process_config[moto]") : std::nullopt;
  if (moto != true)
    throw invalid("parameter_unsupported",
                  "The sandbox's readers save cards keyed in for mail or telephone orders only: set "
                  "process_config[moto]=true (tapped or inserted cards are not simulated).",
                  "process_config[moto]");
  return config ? param_bool(*config, "enable_customer_cancellation", "process_config[enable_customer_cancellation]")
                      .value_or(false)
                : false;
}

json setup_intent_for_reader(Ctx& ctx) {
  auto id = param_string(ctx, "setup_intent");
  if (!id) throw invalid("parameter_missing", "Missing required param: setup_intent.", "setup_intent");
  json intent = load(ctx, *id, "setup_intent", "SetupIntent", "setup_intent");
  bool card = false;
  for (const auto& t : intent["payment_method_types"]) card = card || t == "card";
  if (!card)
    throw invalid("payment_method_type_invalid",
                  "This SetupIntent cannot be processed on a reader: its payment_method_types must include card.",
                  "setup_intent");
  const std::string status = jstr(intent, "status");
  if (status != "requires_payment_method" && status != "requires_confirmation") {
    ApiError e = invalid("intent_invalid_state", "This SetupIntent cannot be processed because it has a status of " +
                                                     status + ".",
                         "setup_intent");
    e.extra["setup_intent"] = render(ctx, intent);
    throw e;
  }
  return intent;
}

Response process_setup_intent(Ctx& ctx) {
  allow_params(ctx, {"setup_intent", "allow_redisplay", "customer_consent_collected", "process_config"});
  json reader = load_reader(ctx, ctx.parts.at(3));
  require_reachable(reader);
  if (action_in_progress(reader))
    throw invalid("terminal_reader_busy",
                  "Reader is currently busy processing another request. Cancel its action or wait for it to end.",
                  "reader");
  const json intent = setup_intent_for_reader(ctx);
  const std::string redisplay = allow_redisplay_param(ctx);
  const bool customer_cancellation = customer_cancellation_param(ctx);
  reader["action"] = {{"api_error", nullptr},
                      {"failure_code", nullptr},
                      {"failure_message", nullptr},
                      {"process_setup_intent",
                       {{"process_config", {{"enable_customer_cancellation", customer_cancellation}}},
                        {"setup_intent", intent["id"]}}},
                      {"status", "in_progress"},
                      {"type", "process_setup_intent"}};
  reader["_action"] = {{"allow_redisplay", redisplay}, {"moto", true}};
  save_reader(ctx, reader);
  return json_response(render(ctx, reader));
}

Response cancel_action(Ctx& ctx) {
  allow_params(ctx, {});
  json reader = load_reader(ctx, ctx.parts.at(3));
  // An offline reader's action is cleared on Stripe's side (it may have
  // dropped mid-action); an unresponsive one does not answer.
  if (jstr(reader, "_link") == "unresponsive") require_reachable(reader);
  if (!action_in_progress(reader))
    throw invalid("", "This reader has no action in progress to cancel.", "reader");
  if (card_processing(reader))
    throw invalid("terminal_reader_busy", "The reader is processing a card and cannot cancel now.", "reader");
  reader["action"] = nullptr;
  reader.erase("_action");
  save_reader(ctx, reader);
  return json_response(render(ctx, reader));
}

KeyedCard keyed_card_param(Ctx& ctx) {
  const FormNode* card = ctx.params.get("card");
  if (!card) throw invalid("parameter_missing", "Missing required param: card.", "card");
  allow_children(card, "card", {"number", "exp_month", "exp_year", "cvc"});
  KeyedCard keyed;
  auto number = param_string(*card, "number", "card[number]");
  if (!number) throw invalid("parameter_missing", "Missing required param: card[number].", "card[number]");
  keyed.number = *number;
  auto month = param_int(*card, "exp_month", "card[exp_month]", 1, 12);
  auto year = param_int(*card, "exp_year", "card[exp_year]", 0, 9999);
  if (!month) throw invalid("parameter_missing", "Missing required param: card[exp_month].", "card[exp_month]");
  if (!year) throw invalid("parameter_missing", "Missing required param: card[exp_year].", "card[exp_year]");
  keyed.exp_month = *month;
  keyed.exp_year = *year;
  // A MOTO card needs its CVC (the reader asks for it); refused if absent.
  keyed.cvc = param_string(*card, "cvc", "card[cvc]").value_or("");
  return keyed;
}

Response present_payment_method(Ctx& ctx) {
  refuse_unsupported(ctx, {"amount_tip", "card_present", "interac_present"});
  allow_params(ctx, {"type", "card"});
  json reader = load_reader(ctx, ctx.parts.at(4));
  const std::string type = param_string(ctx, "type").value_or("card_present");
  if (type != "card")
    throw invalid("parameter_unsupported",
                  "The sandbox's readers take keyed cards (type=card) only; card_present and interac_present are "
                  "not simulated.",
                  "type");
  return json_response(render(ctx, present_keyed_card(ctx, std::move(reader), keyed_card_param(ctx))));
}

const Route kRoutes[] = {
    {"POST", "/v1/terminal/readers/:/process_setup_intent", "terminal.readers.process_setup_intent",
     process_setup_intent, Access::secret},
    {"POST", "/v1/terminal/readers/:/cancel_action", "terminal.readers.cancel_action", cancel_action,
     Access::secret},
    {"POST", "/v1/test_helpers/terminal/readers/:/present_payment_method",
     "test_helpers.terminal.readers.present_payment_method", present_payment_method, Access::secret},
};

}  // namespace

std::span<const Route> terminal_action_routes() { return kRoutes; }

}  // namespace setupflow::sandbox
