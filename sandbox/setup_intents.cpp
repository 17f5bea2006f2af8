// /v1/setup_intents: create, retrieve, update, confirm, cancel, list.
#include "intents.hpp"
#include "params.hpp"
#include "payment_method_driver.hpp"
#include "render.hpp"
#include "route.hpp"
#include "setup_attempts.hpp"

namespace setupflow::sandbox {
namespace {

Response confirm(Ctx& ctx, json intent) {
  const std::string status = jstr(intent, "status");
  if (status != "requires_payment_method" && status != "requires_confirmation" && status != "requires_action")
    throw unexpected_state(ctx, intent, "confirm");
  json pm = payment_method_for_confirm(ctx, intent);
  const PaymentMethodDriver& driver = driver_of(pm);
  intent["payment_method"] = pm["id"];
  // A confirm while an action is open replaces it: its attempt is abandoned.
  setup_attempt_finish(ctx, intent, "abandoned");
  driver.confirm(ctx, intent, pm);
  setup_attempt_start(ctx, intent, pm);
  save(ctx, intent, intent_owner(intent));
  ctx.emit("setup_intent." + jstr(intent, "status"), intent);
  return json_response(render(ctx, intent));
}

Response setup_intent_create(Ctx& ctx) {
  refuse_unsupported(ctx, kUnsupportedOnIntents);
  allow_params(ctx, {"payment_method_types", "usage", "customer", "payment_method", "confirm", "return_url",
                     "mandate_data", "metadata", "description", "payment_method_data"});
  auto types = param_string_list(ctx, "payment_method_types");
  if (types.empty()) types = {"cashapp"};
  check_payment_method_types(types, "The sandbox supports the payment method types cashapp and card.");
  std::string usage = param_string(ctx, "usage").value_or("off_session");
  if (usage != "off_session" && usage != "on_session")
    throw invalid("parameter_invalid_string", "usage must be off_session or on_session.", "usage");
  const IntentRefs refs = refs_for_create(ctx);
  std::string id = ctx.new_id("seti");
  json intent = {{"id", id},
                 {"object", "setup_intent"},
                 {"application", nullptr},
                 {"automatic_payment_methods", nullptr},
                 {"cancellation_reason", nullptr},
                 {"client_secret", id + "_secret_" + ctx.env.random_alnum(24)},
                 {"created", ctx.now},
                 {"customer", refs.customer},
                 {"description", param_string(ctx, "description") ? json(*param_string(ctx, "description")) : json()},
                 {"excluded_payment_method_types", nullptr},
                 {"flow_directions", nullptr},
                 {"last_setup_error", nullptr},
                 {"latest_attempt", nullptr},
                 {"livemode", false},
                 {"mandate", nullptr},
                 {"metadata", apply_metadata(ctx, json::object())},
                 {"next_action", nullptr},
                 {"on_behalf_of", nullptr},
                 {"payment_method", refs.payment_method},
                 {"payment_method_configuration_details", nullptr},
                 {"payment_method_options", json::object()},
                 {"payment_method_types", types},
                 {"single_use_mandate", nullptr},
                 {"status", refs.payment_method.is_null() ? "requires_payment_method" : "requires_confirmation"},
                 {"usage", usage}};
  return finish_create(ctx, std::move(intent), confirm);
}

Response setup_intent_retrieve(Ctx& ctx) {
  allow_params(ctx, {"client_secret"});
  return json_response(render(ctx, load_intent_for_caller(ctx, "setup_intent", "SetupIntent")));
}

Response setup_intent_update(Ctx& ctx) {
  allow_params(ctx, {"metadata", "description"});
  json intent = load(ctx, ctx.parts.at(2), "setup_intent", "SetupIntent");
  intent["metadata"] = apply_metadata(ctx, intent["metadata"]);
  if (auto d = param_string(ctx, "description")) intent["description"] = d->empty() ? json() : json(*d);
  save(ctx, intent, intent_owner(intent));
  return json_response(render(ctx, intent));
}

Response setup_intent_confirm(Ctx& ctx) {
  refuse_unsupported(ctx, kUnsupportedOnIntents);
  allow_params(ctx, {"client_secret", "payment_method", "payment_method_data", "return_url", "mandate_data"});
  return confirm(ctx, load_intent_for_caller(ctx, "setup_intent", "SetupIntent"));
}

Response setup_intent_cancel(Ctx& ctx) {
  allow_params(ctx, {"cancellation_reason"});
  json intent = load_intent_for_caller(ctx, "setup_intent", "SetupIntent");
  const std::string status = jstr(intent, "status");
  if (status == "succeeded" || status == "canceled") throw unexpected_state(ctx, intent, "cancel");
  json reason = nullptr;
  if (auto r = param_string(ctx, "cancellation_reason")) {
    if (*r != "abandoned" && *r != "requested_by_customer" && *r != "duplicate")
      throw invalid("parameter_invalid_string", "Invalid cancellation_reason.", "cancellation_reason");
    reason = *r;
  }
  return finish_cancel(ctx, std::move(intent), std::move(reason));
}

Response setup_intent_list(Ctx& ctx) {
  allow_params(ctx, {"customer", "limit"});
  auto limit = param_int(ctx, "limit", 1, 100).value_or(10);
  auto customer = param_string(ctx, "customer");
  std::vector<json> data;
  for (auto& si : ctx.store.list("setup_intent", customer, size_t(limit))) data.push_back(render(ctx, si));
  return json_response(list_object("/v1/setup_intents", data));
}

const Route kRoutes[] = {
    {"POST", "/v1/setup_intents", "setup_intents.create", setup_intent_create, Access::secret},
    {"GET", "/v1/setup_intents", "setup_intents.list", setup_intent_list, Access::secret},
    {"GET", "/v1/setup_intents/:", "setup_intents.retrieve", setup_intent_retrieve, Access::browser},
    {"POST", "/v1/setup_intents/:", "setup_intents.update", setup_intent_update, Access::secret},
    {"POST", "/v1/setup_intents/:/confirm", "setup_intents.confirm", setup_intent_confirm, Access::browser},
    {"POST", "/v1/setup_intents/:/cancel", "setup_intents.cancel", setup_intent_cancel, Access::secret},
};

}  // namespace

std::span<const Route> setup_intent_routes() { return kRoutes; }

}  // namespace setupflow::sandbox
