// /v1/payment_intents: create, retrieve, confirm, cancel.
//
// Off-session charges with a saved payment method succeed at once unless its
// driver declines them (cashapp_driver.cpp: the magic amounts and revoked
// mandates); a decline is a 402 card_error recorded on the intent. On-session
// confirms go through the driver (the simulated Cash App approval).
#include "api_error.hpp"
#include "intents.hpp"
#include "params.hpp"
#include "payment_method_driver.hpp"
#include "render.hpp"
#include "route.hpp"

namespace setupflow::sandbox {
namespace {

// Records a failed off-session charge and answers 402, as Stripe does.
[[noreturn]] void decline(Ctx& ctx, json& intent, const json& pm, const Decline& why) {
  const std::string& code = why.code;
  const std::string& decline_code = why.decline_code;
  const std::string& message = why.message;
  json error = {{"type", "card_error"}, {"code", code}, {"message", message}, {"payment_method", without_private(pm)}};
  if (!decline_code.empty()) error["decline_code"] = decline_code;
  intent["status"] = "requires_payment_method";
  intent["payment_method"] = nullptr;
  intent["last_payment_error"] = error;
  save(ctx, intent, intent_owner(intent));
  ctx.emit("payment_intent.payment_failed", intent);
  ApiError e;
  e.status = 402;
  e.type = "card_error";
  e.code = code;
  e.decline_code = decline_code;
  e.message = message;
  e.extra["payment_intent"] = render(ctx, intent);
  e.extra["payment_method"] = render(ctx, pm);
  e.keep_changes = true;
  throw e;
}

// setup_future_usage from the parameters ("" clears it), else `current`.
json setup_future_usage_param(Ctx& ctx, json current) {
  auto s = param_string(ctx, "setup_future_usage");
  if (!s) return current;
  if (s->empty()) return nullptr;
  if (*s != "off_session" && *s != "on_session")
    throw invalid("parameter_invalid_string", "Invalid setup_future_usage.", "setup_future_usage");
  return *s;
}

// An off-session charge with a saved payment method: the driver decides.
Response charge_off_session(Ctx& ctx, json intent, const json& pm) {
  const PaymentMethodDriver& driver = driver_of(pm);
  if (auto refused = driver.off_session_authorisation(ctx, pm)) decline(ctx, intent, pm, *refused);
  if (jstr(pm, "customer").empty() || jstr(pm, "customer") != jstr(intent, "customer"))
    throw invalid("payment_method_unexpected_state",
                  "The payment method must be attached to this PaymentIntent's customer to charge it off-session.",
                  "payment_method");
  if (auto declined = driver.charge(ctx, intent, pm)) decline(ctx, intent, pm, *declined);
  const int64_t amount = intent.value("amount", int64_t(0));
  intent["payment_method"] = pm["id"];
  intent["next_action"] = nullptr;
  intent["latest_charge"] = ctx.new_id(std::string(driver.charge_id_prefix()));
  if (jstr(intent, "capture_method") == "manual") {
    intent["status"] = "requires_capture";
    intent["amount_capturable"] = amount;
  } else {
    intent["status"] = "succeeded";
    intent["amount_received"] = amount;
  }
  save(ctx, intent, intent_owner(intent));
  ctx.emit(intent["status"] == "succeeded" ? "payment_intent.succeeded" : "payment_intent.amount_capturable_updated",
           intent);
  return json_response(render(ctx, intent));
}

Response confirm(Ctx& ctx, json intent) {
  const std::string status = jstr(intent, "status");
  if (status != "requires_payment_method" && status != "requires_confirmation" && status != "requires_action")
    throw unexpected_state(ctx, intent, "confirm");
  json pm = payment_method_for_confirm(ctx, intent);
  bool off_session = intent.value("_off_session", false);
  if (auto o = param_bool(ctx, "off_session")) {
    if (ctx.publishable)
      throw invalid("parameter_not_allowed_with_publishable_key",
                    "You cannot set off_session with a publishable key: off-session charges are made by your "
                    "server with the secret key.",
                    "off_session");
    off_session = *o;
  }
  if (ctx.publishable) off_session = false;
  intent["setup_future_usage"] = setup_future_usage_param(ctx, intent["setup_future_usage"]);
  intent["last_payment_error"] = nullptr;
  if (off_session) return charge_off_session(ctx, std::move(intent), pm);
  intent["payment_method"] = pm["id"];
  driver_of(pm).confirm(ctx, intent, pm);
  save(ctx, intent, intent_owner(intent));
  ctx.emit("payment_intent." + jstr(intent, "status"), intent);
  return json_response(render(ctx, intent));
}

Response payment_intent_create(Ctx& ctx) {
  refuse_unsupported(ctx, kUnsupportedOnIntents);
  allow_params(ctx, {"amount", "currency", "customer", "payment_method", "payment_method_types", "confirm",
                     "off_session", "capture_method", "statement_descriptor", "setup_future_usage", "metadata",
                     "description", "return_url", "mandate_data", "payment_method_data"});
  auto amount = param_int(ctx, "amount", 1, 99999999);
  if (!amount) throw invalid("parameter_missing", "Missing required param: amount.", "amount");
  auto currency = param_string(ctx, "currency");
  if (!currency) throw invalid("parameter_missing", "Missing required param: currency.", "currency");
  auto types = param_string_list(ctx, "payment_method_types");
  check_payment_method_types(types, "The sandbox's PaymentIntents support the payment method types cashapp and card.");
  if (*currency != "usd")
    throw invalid("parameter_invalid_string", "Cash App Pay supports the currency usd only.", "currency");
  std::string capture = param_string(ctx, "capture_method").value_or("automatic");
  if (capture != "automatic" && capture != "automatic_async" && capture != "manual")
    throw invalid("parameter_invalid_string", "Invalid capture_method.", "capture_method");
  json sfu = setup_future_usage_param(ctx, nullptr);
  json descriptor = nullptr;
  if (auto d = param_string(ctx, "statement_descriptor"); d && !d->empty()) {
    if (d->size() > 22) throw invalid("parameter_invalid_string", "statement_descriptor is at most 22 characters.",
                                      "statement_descriptor");
    descriptor = *d;
  }
  const IntentRefs refs = refs_for_create(ctx);
  // Without payment_method_types: the given payment method's type (a saved
  // card charged off-session), else cashapp.
  if (types.empty())
    types = {refs.payment_method.is_string() ? jstr(*ctx.store.get(refs.payment_method.get<std::string>()), "type")
                                             : std::string("cashapp")};
  auto description = param_string(ctx, "description");
  std::string id = ctx.new_id("pi");
  json intent = {{"id", id},
                 {"object", "payment_intent"},
                 {"amount", *amount},
                 {"amount_capturable", 0},
                 {"amount_details", {{"tip", json::object()}}},
                 {"amount_received", 0},
                 {"application", nullptr},
                 {"application_fee_amount", nullptr},
                 {"automatic_payment_methods", nullptr},
                 {"canceled_at", nullptr},
                 {"cancellation_reason", nullptr},
                 {"capture_method", capture},
                 {"client_secret", id + "_secret_" + ctx.env.random_alnum(24)},
                 {"confirmation_method", "automatic"},
                 {"created", ctx.now},
                 {"currency", *currency},
                 {"customer", refs.customer},
                 {"customer_account", nullptr},
                 {"description", description ? json(*description) : json()},
                 {"excluded_payment_method_types", nullptr},
                 {"last_payment_error", nullptr},
                 {"latest_charge", nullptr},
                 {"livemode", false},
                 {"metadata", apply_metadata(ctx, json::object())},
                 {"managed_payments", nullptr},
                 {"next_action", nullptr},
                 {"on_behalf_of", nullptr},
                 {"payment_method", refs.payment_method},
                 {"payment_method_configuration_details", nullptr},
                 {"payment_method_options", json::object()},
                 {"payment_method_types", types},
                 {"processing", nullptr},
                 {"receipt_email", nullptr},
                 {"review", nullptr},
                 {"setup_future_usage", sfu},
                 {"shipping", nullptr},
                 {"source", nullptr},
                 {"statement_descriptor", descriptor},
                 {"statement_descriptor_suffix", nullptr},
                 {"status", refs.payment_method.is_null() ? "requires_payment_method" : "requires_confirmation"},
                 {"transfer_data", nullptr},
                 {"transfer_group", nullptr},
                 {"_off_session", param_bool(ctx, "off_session").value_or(false)}};
  return finish_create(ctx, std::move(intent), confirm);
}

Response payment_intent_retrieve(Ctx& ctx) {
  allow_params(ctx, {"client_secret"});
  return json_response(render(ctx, load_intent_for_caller(ctx, "payment_intent", "PaymentIntent")));
}

Response payment_intent_confirm(Ctx& ctx) {
  refuse_unsupported(ctx, kUnsupportedOnIntents);
  allow_params(ctx, {"client_secret", "payment_method", "payment_method_data", "return_url", "mandate_data",
                     "off_session", "setup_future_usage"});
  return confirm(ctx, load_intent_for_caller(ctx, "payment_intent", "PaymentIntent"));
}

Response payment_intent_cancel(Ctx& ctx) {
  allow_params(ctx, {"cancellation_reason"});
  json intent = load_intent_for_caller(ctx, "payment_intent", "PaymentIntent");
  const std::string status = jstr(intent, "status");
  if (status == "succeeded" || status == "canceled" || status == "processing")
    throw unexpected_state(ctx, intent, "cancel");
  json reason = nullptr;
  if (auto r = param_string(ctx, "cancellation_reason")) {
    if (*r != "abandoned" && *r != "requested_by_customer" && *r != "duplicate" && *r != "fraudulent")
      throw invalid("parameter_invalid_string", "Invalid cancellation_reason.", "cancellation_reason");
    reason = *r;
  }
  intent["canceled_at"] = ctx.now;
  intent["amount_capturable"] = 0;
  return finish_cancel(ctx, std::move(intent), std::move(reason));
}

const Route kRoutes[] = {
    {"POST", "/v1/payment_intents", "payment_intents.create", payment_intent_create, Access::secret},
    {"GET", "/v1/payment_intents/:", "payment_intents.retrieve", payment_intent_retrieve, Access::browser},
    {"POST", "/v1/payment_intents/:/confirm", "payment_intents.confirm", payment_intent_confirm, Access::browser},
    {"POST", "/v1/payment_intents/:/cancel", "payment_intents.cancel", payment_intent_cancel, Access::secret},
};

}  // namespace

std::span<const Route> payment_intent_routes() { return kRoutes; }

}  // namespace setupflow::sandbox
