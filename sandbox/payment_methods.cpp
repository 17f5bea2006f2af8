// /v1/payment_methods: list, retrieve, attach, detach; and PaymentMethods
// made from payment_method_data through their type's driver.
#include "payment_methods.hpp"

#include "params.hpp"
#include "payment_method_driver.hpp"
#include "render.hpp"
#include "route.hpp"

namespace setupflow::sandbox {

json new_payment_method(Ctx& ctx, const std::string& type, json details) {
  json address = {{"city", nullptr}, {"country", nullptr}, {"line1", nullptr}, {"line2", nullptr},
                  {"postal_code", nullptr}, {"state", nullptr}};
  return {{"id", ctx.new_id("pm")},
          {"object", "payment_method"},
          {"allow_redisplay", "unspecified"},
          {"billing_details", {{"address", address}, {"email", nullptr}, {"name", nullptr}, {"phone", nullptr}}},
          {type, std::move(details)},
          {"created", ctx.now},
          {"customer", nullptr},
          {"customer_account", nullptr},
          {"livemode", false},
          {"metadata", json::object()},
          {"type", type}};
}

json payment_method_from_data(Ctx& ctx, const FormNode* data) {
  const std::string p = "payment_method_data";
  if (data->kind != FormNode::Kind::object) throw invalid("parameter_invalid_object", "Invalid object", p);
  auto type = param_string(*data, "type", p + "[type]");
  const PaymentMethodDriver* driver = type ? find_driver(*type) : nullptr;
  if (type && driver) allow_children(data, p, {"type", "billing_details", "metadata", driver->type()});
  else allow_children(data, p, {"type", "billing_details", "metadata"});
  if (!type) throw invalid("parameter_missing", "Missing required param: payment_method_data[type].", p + "[type]");
  if (!driver)
    throw invalid("parameter_invalid_string",
                  "Invalid payment_method_data[type]: " + type->substr(0, 40) + ". The sandbox creates cashapp "
                  "payment methods here (cards come from Terminal readers).",
                  p + "[type]");
  json pm = new_payment_method(ctx, *type, driver->details_from_data(data->get(*type), p + "[" + *type + "]"));
  if (const FormNode* bd = data->get("billing_details")) {
    const std::string b = p + "[billing_details]";
    json& billing = pm["billing_details"];
    allow_children(bd, b, {"address", "email", "name", "phone"});
    for (const char* f : {"email", "name", "phone"})
      if (auto v = param_string(*bd, f, b + "[" + f + "]"); v && !v->empty()) billing[f] = *v;
    if (const FormNode* a = bd->get("address")) {
      allow_children(a, b + "[address]", {"city", "country", "line1", "line2", "postal_code", "state"});
      for (auto& [k, v] : billing["address"].items())
        if (auto s = param_string(*a, k, b + "[address][" + k + "]"); s && !s->empty()) v = *s;
    }
  }
  if (const FormNode* md = data->get("metadata")) {
    if (md->kind != FormNode::Kind::object) throw invalid("parameter_invalid_object", "Invalid metadata", p + "[metadata]");
    for (const auto& [k, v] : md->fields) {
      if (!v || v->kind != FormNode::Kind::string)
        throw invalid("parameter_invalid_string", "Invalid metadata value", p + "[metadata][" + k + "]");
      if (!v->value.empty()) pm["metadata"][k] = v->value;
    }
    if (pm["metadata"].size() > 50)
      throw invalid("parameter_invalid_object", "At most 50 metadata keys", p + "[metadata]");
  }
  save(ctx, pm);
  return pm;
}

std::vector<json> payment_methods_of(Ctx& ctx, const std::string& customer) {
  auto type = param_string(ctx, "type");
  auto limit = param_int(ctx, "limit", 1, 100).value_or(10);
  std::vector<json> data;
  for (auto& pm : ctx.store.list("payment_method", customer, 1000)) {
    if (jstr(pm, "customer") != customer) continue;
    if (type && jstr(pm, "type") != *type) continue;
    if (int64_t(data.size()) == limit) break;
    data.push_back(render(ctx, pm));
  }
  return data;
}

namespace {

Response payment_method_list(Ctx& ctx) {
  refuse_unsupported(ctx, {"ending_before", "starting_after"});
  allow_params(ctx, {"type", "customer", "limit"});
  auto customer = param_string(ctx, "customer");
  if (!customer) throw invalid("parameter_missing", "Missing required param: customer.", "customer");
  load(ctx, *customer, "customer", "customer", "customer");
  return json_response(list_object("/v1/payment_methods", payment_methods_of(ctx, *customer)));
}

Response payment_method_retrieve(Ctx& ctx) {
  allow_params(ctx, {});
  return json_response(render(ctx, load(ctx, ctx.parts.at(2), "payment_method", "PaymentMethod")));
}

Response payment_method_attach(Ctx& ctx) {
  allow_params(ctx, {"customer"});
  json pm = load(ctx, ctx.parts.at(2), "payment_method", "PaymentMethod");
  auto customer = param_string(ctx, "customer");
  if (!customer) throw invalid("parameter_missing", "Missing required param: customer.", "customer");
  load(ctx, *customer, "customer", "customer", "customer");
  if (!jstr(pm, "customer").empty() && jstr(pm, "customer") != *customer)
    throw invalid("payment_method_unexpected_state", "This PaymentMethod is already attached to another customer.",
                  "customer");
  driver_of(pm).check_attachable(pm);
  if (jstr(pm, "customer").empty()) {
    pm["customer"] = *customer;
    save(ctx, pm, *customer);
    ctx.emit("payment_method.attached", pm);
  }
  return json_response(render(ctx, pm));
}

Response payment_method_detach(Ctx& ctx) {
  allow_params(ctx, {});
  json pm = load(ctx, ctx.parts.at(2), "payment_method", "PaymentMethod");
  if (jstr(pm, "customer").empty())
    throw invalid("payment_method_unexpected_state", "The payment method you provided is not attached to a customer.");
  pm["customer"] = nullptr;
  save(ctx, pm);
  driver_of(pm).detached(ctx, pm);
  ctx.emit("payment_method.detached", pm);
  return json_response(render(ctx, pm));
}

const Route kRoutes[] = {
    {"GET", "/v1/payment_methods", "payment_methods.list", payment_method_list, Access::secret},
    {"GET", "/v1/payment_methods/:", "payment_methods.retrieve", payment_method_retrieve, Access::secret},
    {"POST", "/v1/payment_methods/:/attach", "payment_methods.attach", payment_method_attach, Access::secret},
    {"POST", "/v1/payment_methods/:/detach", "payment_methods.detach", payment_method_detach, Access::secret},
};

}  // namespace

std::span<const Route> payment_method_routes() { return kRoutes; }

}  // namespace setupflow::sandbox
