// /v1/setup_intents: create, retrieve, update, confirm, cancel, list.
#include "api_error.hpp"
#include "cashapp.hpp"
#include "endpoints.hpp"
#include "intents.hpp"
#include "objects.hpp"
#include "setup_attempts.hpp"
#include "setupflow/redirect.hpp"

namespace setupflow::sandbox {
namespace {

Response confirm(Ctx& ctx, json intent) {
  const std::string status = jstr(intent, "status");
  if (status != "requires_payment_method" && status != "requires_confirmation" && status != "requires_action")
    throw unexpected_state(ctx, intent, "confirm");
  json pm = payment_method_for_confirm(ctx, intent);
  if (pm["type"] != "cashapp")
    throw invalid("payment_method_unactivated",
                  "The sandbox confirms cashapp SetupIntents here; cards are saved through Terminal readers.",
                  "payment_method");
  std::string return_url = return_url_for_confirm(ctx);
  json acceptance = customer_acceptance_from(ctx);
  intent["payment_method"] = pm["id"];
  // A confirm while a session is open replaces it: its attempt is abandoned.
  setup_attempt_finish(ctx, intent, "abandoned");
  cashapp_start(ctx, intent, return_url, acceptance);
  setup_attempt_start(ctx, intent, pm["id"]);
  save(ctx, intent, intent_owner(intent));
  ctx.emit("setup_intent.requires_action", intent);
  return json_response(render(ctx, intent));
}

}  // namespace

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
  if (cashapp_refresh(ctx, intent)) save(ctx, intent, intent_owner(intent));
  return intent;
}

json payment_method_from_data(Ctx& ctx, const FormNode* data) {
  const std::string p = "payment_method_data";
  allow_children(data, p, {"type", "billing_details", "metadata", "cashapp"});
  auto type = param_string(*data, "type", p + "[type]");
  if (!type) throw invalid("parameter_missing", "Missing required param: payment_method_data[type].", p + "[type]");
  if (*type != "cashapp")
    throw invalid("parameter_invalid_string",
                  "Invalid payment_method_data[type]: " + type->substr(0, 40) +
                      ". The sandbox creates cashapp payment methods here (cards come from Terminal readers).",
                  p + "[type]");
  // payment_method_data[cashapp] is an empty hash in Stripe's API.
  if (const FormNode* c = data->get("cashapp"); c && !(c->kind == FormNode::Kind::string && c->value.empty()))
    allow_children(c, p + "[cashapp]", {});
  json address = {{"city", nullptr}, {"country", nullptr}, {"line1", nullptr}, {"line2", nullptr},
                  {"postal_code", nullptr}, {"state", nullptr}};
  json billing = {{"address", address}, {"email", nullptr}, {"name", nullptr}, {"phone", nullptr}};
  if (const FormNode* bd = data->get("billing_details")) {
    const std::string b = p + "[billing_details]";
    allow_children(bd, b, {"address", "email", "name", "phone"});
    for (const char* f : {"email", "name", "phone"})
      if (auto v = param_string(*bd, f, b + "[" + f + "]"); v && !v->empty()) billing[f] = *v;
    if (const FormNode* a = bd->get("address")) {
      allow_children(a, b + "[address]", {"city", "country", "line1", "line2", "postal_code", "state"});
      for (auto& [k, v] : billing["address"].items())
        if (auto s = param_string(*a, k, b + "[address][" + k + "]"); s && !s->empty()) v = *s;
    }
  }
  json metadata = json::object();
  if (const FormNode* md = data->get("metadata")) {
    if (md->kind != FormNode::Kind::object) throw invalid("parameter_invalid_object", "Invalid metadata", p + "[metadata]");
    for (const auto& [k, v] : md->fields) {
      if (!v || v->kind != FormNode::Kind::string)
        throw invalid("parameter_invalid_string", "Invalid metadata value", p + "[metadata][" + k + "]");
      if (!v->value.empty()) metadata[k] = v->value;
    }
    if (metadata.size() > 50) throw invalid("parameter_invalid_object", "At most 50 metadata keys", p + "[metadata]");
  }
  json pm = {{"id", ctx.new_id("pm")},
             {"object", "payment_method"},
             {"allow_redisplay", "unspecified"},
             {"billing_details", billing},
             {"cashapp", {{"buyer_id", nullptr}, {"cashtag", nullptr}}},
             {"created", ctx.now},
             {"customer", nullptr},
             {"customer_account", nullptr},
             {"livemode", false},
             {"metadata", metadata},
             {"type", *type}};
  save(ctx, pm);
  return pm;
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

std::string return_url_for_confirm(Ctx& ctx) {
  auto url = param_string(ctx, "return_url");
  if (!url || url->empty())
    throw invalid("parameter_missing", "A return_url is required to confirm with cashapp.", "return_url");
  if (auto st = validate_return_url(*url); !st.ok()) throw invalid("url_invalid", st.error().message, "return_url");
  return *url;
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
  intent.erase("_cashapp");
  save(ctx, intent, intent_owner(intent));
  ctx.emit(jstr(intent, "object") + ".canceled", intent);
  return json_response(render(ctx, intent));
}

Response setup_intent_create(Ctx& ctx) {
  refuse_unsupported(ctx, kUnsupportedOnIntents);
  allow_params(ctx, {"payment_method_types", "usage", "customer", "payment_method", "confirm", "return_url",
                     "mandate_data", "metadata", "description", "payment_method_data"});
  auto types = param_string_list(ctx, "payment_method_types");
  if (types.empty()) types = {"cashapp"};
  for (size_t i = 0; i < types.size(); ++i)
    if (types[i] != "cashapp" && types[i] != "card")
      throw invalid("payment_method_type_invalid", "The sandbox supports the payment method types cashapp and card.",
                    "payment_method_types[" + std::to_string(i) + "]");
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

}  // namespace setupflow::sandbox
