// /v1/customers: create, retrieve, update, list, and a customer's payment methods.
#include "params.hpp"
#include "payment_methods.hpp"
#include "render.hpp"
#include "route.hpp"

namespace setupflow::sandbox {
namespace {

Response customer_create(Ctx& ctx) {
  allow_params(ctx, {"email", "name", "description", "phone", "metadata"});
  json c = {{"id", ctx.new_id("cus")},
            {"object", "customer"},
            {"address", nullptr},
            {"balance", 0},
            {"created", ctx.now},
            {"currency", nullptr},
            {"default_source", nullptr},
            {"delinquent", false},
            {"description", param_nullable(ctx, "description")},
            {"discount", nullptr},
            {"email", param_nullable(ctx, "email")},
            {"invoice_prefix", ctx.env.random_alnum(8)},
            {"invoice_settings", {{"custom_fields", nullptr}, {"default_payment_method", nullptr},
                                  {"footer", nullptr}, {"rendering_options", nullptr}}},
            {"livemode", false},
            {"metadata", apply_metadata(ctx, json::object())},
            {"name", param_nullable(ctx, "name")},
            {"next_invoice_sequence", 1},
            {"phone", param_nullable(ctx, "phone")},
            {"preferred_locales", json::array()},
            {"shipping", nullptr},
            {"tax_exempt", "none"},
            {"test_clock", nullptr}};
  save(ctx, c, jstr(c, "email"));
  ctx.emit("customer.created", c);
  return json_response(render(ctx, c));
}

Response customer_retrieve(Ctx& ctx) {
  allow_params(ctx, {});
  return json_response(render(ctx, load(ctx, ctx.parts.at(2), "customer", "customer")));
}

Response customer_list(Ctx& ctx) {
  allow_params(ctx, {"email", "limit"});
  auto email = param_string(ctx, "email");
  auto limit = param_int(ctx, "limit", 1, 100).value_or(10);
  // Customers are indexed by email (their owner key): an email filter is one
  // bounded index lookup, not a scan.
  std::vector<json> found = email ? ctx.store.list("customer", *email, size_t(limit) + 1)
                                  : ctx.store.list("customer", std::nullopt, size_t(limit) + 1);
  const bool more = int64_t(found.size()) > limit;
  if (more) found.pop_back();
  std::vector<json> data;
  for (auto& c : found) data.push_back(render(ctx, c));
  json out = list_object("/v1/customers", data);
  out["has_more"] = more;
  return json_response(out);
}

Response customer_update(Ctx& ctx) {
  allow_params(ctx, {"email", "name", "description", "phone", "metadata"});
  json c = load(ctx, ctx.parts.at(2), "customer", "customer");
  for (const char* f : {"email", "name", "description", "phone"})
    if (ctx.params.get(f)) c[f] = param_nullable(ctx, f);
  c["metadata"] = apply_metadata(ctx, c["metadata"]);
  save(ctx, c, jstr(c, "email"));
  ctx.emit("customer.updated", c);
  return json_response(render(ctx, c));
}

Response customer_list_payment_methods(Ctx& ctx) {
  refuse_unsupported(ctx, {"allow_redisplay", "ending_before", "starting_after"});
  allow_params(ctx, {"type", "limit"});
  const std::string customer = load(ctx, ctx.parts.at(2), "customer", "customer")["id"];
  return json_response(list_object("/v1/customers/" + customer + "/payment_methods", payment_methods_of(ctx, customer)));
}

const Route kRoutes[] = {
    {"POST", "/v1/customers", "customers.create", customer_create, Access::secret},
    {"GET", "/v1/customers", "customers.list", customer_list, Access::secret},
    {"GET", "/v1/customers/:", "customers.retrieve", customer_retrieve, Access::secret},
    {"POST", "/v1/customers/:", "customers.update", customer_update, Access::secret},
    {"GET", "/v1/customers/:/payment_methods", "customers.list_payment_methods", customer_list_payment_methods,
     Access::secret},
};

}  // namespace

std::span<const Route> customer_routes() { return kRoutes; }

}  // namespace setupflow::sandbox
