// The intents' shared steps (loading for a caller, the payment method of a
// create or confirm, create and cancel endings) and the outcomes a
// payment-method driver gives an intent.
#include "intents.hpp"

#include "crypto.hpp"
#include "params.hpp"
#include "payment_method_driver.hpp"
#include "payment_methods.hpp"
#include "render.hpp"
#include "setup_attempts.hpp"

namespace setupflow::sandbox {

bool is_setup(const json& intent) { return jstr(intent, "object") == "setup_intent"; }

std::string event_prefix(const json& intent) { return is_setup(intent) ? "setup_intent." : "payment_intent."; }

bool saves_payment_method(const json& intent) { return is_setup(intent) || intent["setup_future_usage"].is_string(); }

void check_payment_method_types(const std::vector<std::string>& types, const std::string& message) {
  for (size_t i = 0; i < types.size(); ++i)
    if (!find_driver(types[i]))
      throw invalid("payment_method_type_invalid", message, "payment_method_types[" + std::to_string(i) + "]");
}

json load_intent_for_caller(Ctx& ctx, const char* object, const char* what) {
  const std::string& id = ctx.parts.at(2);
  auto secret = param_string(ctx, "client_secret");
  json intent = load(ctx, id, object, what, ctx.publishable ? "intent" : "id");
  if (ctx.publishable) {
    if (!secret)
      throw invalid("parameter_missing", "A client_secret is required with a publishable key.", "client_secret");
    if (!secure_equals(*secret, jstr(intent, "client_secret")))
      throw invalid("client_secret_mismatch",
                    std::string("The client_secret provided does not match the client_secret associated with the ") +
                        what + ".",
                    "client_secret");
  }
  if (refresh_intent(ctx, intent)) save(ctx, intent, intent_owner(intent));
  return intent;
}

json payment_method_for_confirm(Ctx& ctx, const json& intent) {
  json pm;
  if (ctx.params.get("payment_method_data") && ctx.params.get("payment_method"))
    throw invalid("parameter_invalid_string", "You cannot provide both payment_method and payment_method_data.",
                  "payment_method_data");
  if (const FormNode* data = ctx.params.get("payment_method_data")) {
    pm = payment_method_from_data(ctx, data);
  } else if (auto id = param_string(ctx, "payment_method")) {
    pm = load(ctx, *id, "payment_method", "PaymentMethod", "payment_method");
  } else if (intent["payment_method"].is_string()) {
    pm = load(ctx, intent["payment_method"].get<std::string>(), "payment_method", "PaymentMethod", "payment_method");
  } else {
    throw invalid("parameter_missing",
                  "You must provide a payment_method or payment_method_data to confirm this intent.",
                  "payment_method");
  }
  refuse_foreign_payment_method(pm, intent["customer"]);
  bool allowed = false;
  for (const auto& t : intent["payment_method_types"]) allowed = allowed || t == pm["type"];
  if (!allowed)
    throw invalid("payment_method_type_invalid",
                  "The payment method type " + jstr(pm, "type") + " is not in this intent's payment_method_types.",
                  "payment_method");
  return pm;
}

void refuse_foreign_payment_method(const json& pm, const json& customer) {
  const std::string owner = jstr(pm, "customer");
  if (owner.empty() || (customer.is_string() && owner == customer.get<std::string>())) return;
  // The message names neither customer: a publishable key must not learn
  // whose payment method an id is.
  throw invalid("payment_method_unexpected_state",
                "The provided PaymentMethod is attached to another customer. Use a PaymentMethod attached to "
                "this intent's customer, or a new one (payment_method_data).",
                "payment_method");
}

std::string intent_owner(const json& intent) { return jstr(intent, "customer"); }

ApiError unexpected_state(Ctx& ctx, const json& intent, const std::string& action) {
  const std::string object = jstr(intent, "object");
  const char* shown = object == "payment_intent" ? "PaymentIntent" : "SetupIntent";
  ApiError e = invalid(object + "_unexpected_state", "You cannot " + action + " this " + shown +
                                                         " because it has a status of " +
                                                         jstr(intent, "status") + ".");
  e.extra[object] = render(ctx, intent);
  return e;
}

IntentRefs refs_for_create(Ctx& ctx) {
  IntentRefs refs;
  if (auto c = param_string(ctx, "customer"); c && !c->empty())
    refs.customer = load(ctx, *c, "customer", "customer", "customer")["id"];
  if (auto p = param_string(ctx, "payment_method"); p && !p->empty()) {
    json pm = load(ctx, *p, "payment_method", "PaymentMethod", "payment_method");
    refuse_foreign_payment_method(pm, refs.customer);
    refs.payment_method = pm["id"];
  }
  // As on Stripe: payment_method_data creates the PaymentMethod and sets it
  // on the intent (requires_confirmation), so a later server-side confirm
  // uses it. It is consumed here: a confirm=true that follows must not
  // create a second one.
  if (const FormNode* data = ctx.params.get("payment_method_data")) {
    if (!refs.payment_method.is_null())
      throw invalid("parameter_invalid_string", "You cannot provide both payment_method and payment_method_data.",
                    "payment_method_data");
    refs.payment_method = payment_method_from_data(ctx, data)["id"];
    ctx.params.fields.erase("payment_method_data");
  }
  return refs;
}

Response finish_create(Ctx& ctx, json intent, Response (*confirm)(Ctx&, json)) {
  const bool confirm_now = param_bool(ctx, "confirm").value_or(false);
  if (!confirm_now)
    for (const char* name : {"return_url", "mandate_data"})
      if (ctx.params.get(name))
        throw invalid("parameter_invalid_string", std::string(name) + " can only be used with confirm=true.", name);
  save(ctx, intent, intent_owner(intent));
  ctx.emit(jstr(intent, "object") + ".created", intent);
  if (confirm_now) return confirm(ctx, std::move(intent));
  return json_response(render(ctx, intent));
}

Response finish_cancel(Ctx& ctx, json intent, json reason) {
  setup_attempt_finish(ctx, intent, "abandoned");
  intent["status"] = "canceled";
  intent["cancellation_reason"] = std::move(reason);
  intent["next_action"] = nullptr;
  abandon_intent(intent);
  save(ctx, intent, intent_owner(intent));
  ctx.emit(jstr(intent, "object") + ".canceled", intent);
  return json_response(render(ctx, intent));
}

void fail_intent(Ctx& ctx, json& intent, json error) {
  if (intent["payment_method"].is_string()) {
    if (auto pm = ctx.store.get(intent["payment_method"].get<std::string>())) {
      const bool was_attached = (*pm)["customer"].is_string();
      (*pm)["customer"] = nullptr;
      save(ctx, *pm);
      if (was_attached) ctx.emit("payment_method.detached", *pm);
      error["payment_method"] = without_private(*pm);
    }
  }
  setup_attempt_finish(ctx, intent, "failed", error);
  intent["status"] = "requires_payment_method";
  intent["payment_method"] = nullptr;
  intent["next_action"] = nullptr;
  abandon_intent(intent);
  intent[is_setup(intent) ? "last_setup_error" : "last_payment_error"] = std::move(error);
  save(ctx, intent, intent_owner(intent));
  ctx.emit(event_prefix(intent) + (is_setup(intent) ? "setup_failed" : "payment_failed"), intent);
}

void succeed_intent(Ctx& ctx, json& intent, json pm) {
  const bool attach = saves_payment_method(intent) && intent["customer"].is_string();
  if (attach) pm["customer"] = intent["customer"];
  save(ctx, pm, attach ? intent_owner(intent) : "");
  if (attach) ctx.emit("payment_method.attached", pm);
  intent["next_action"] = nullptr;
  abandon_intent(intent);
  if (is_setup(intent)) {
    intent["status"] = "succeeded";
    setup_attempt_finish(ctx, intent, "succeeded");
  } else if (jstr(intent, "capture_method") == "manual") {
    intent["status"] = "requires_capture";
    intent["amount_capturable"] = intent["amount"];
  } else {
    intent["status"] = "succeeded";
    intent["amount_received"] = intent["amount"];
  }
  save(ctx, intent, intent_owner(intent));
  ctx.emit(event_prefix(intent) + (intent["status"] == "requires_capture" ? "amount_capturable_updated" : "succeeded"),
           intent);
}

}  // namespace setupflow::sandbox
