// Customers, payment methods, mandates, events, webhook endpoints and the
// clock test helper.
#include "api_error.hpp"
#include "cashapp.hpp"
#include "endpoints.hpp"
#include "objects.hpp"
#include "setupflow/redirect.hpp"

namespace setupflow::sandbox {
namespace {

json optional_string(Ctx& ctx, std::string_view name) {
  auto v = param_string(ctx, name);
  return v && !v->empty() ? json(*v) : json();
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

}  // namespace

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
            {"description", optional_string(ctx, "description")},
            {"discount", nullptr},
            {"email", optional_string(ctx, "email")},
            {"invoice_prefix", ctx.env.random_alnum(8)},
            {"invoice_settings", {{"custom_fields", nullptr}, {"default_payment_method", nullptr},
                                  {"footer", nullptr}, {"rendering_options", nullptr}}},
            {"livemode", false},
            {"metadata", apply_metadata(ctx, json::object())},
            {"name", optional_string(ctx, "name")},
            {"next_invoice_sequence", 1},
            {"phone", optional_string(ctx, "phone")},
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
    if (ctx.params.get(f)) c[f] = optional_string(ctx, f);
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
  if (pm["type"] == "cashapp" && jstr(pm["cashapp"], "buyer_id").empty())
    throw invalid("payment_method_unexpected_state",
                  "A cashapp PaymentMethod must be authorised through a SetupIntent before it is attached.");
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
  deactivate_mandates_of(ctx, pm);
  ctx.emit("payment_method.detached", pm);
  return json_response(render(ctx, pm));
}

Response mandate_retrieve(Ctx& ctx) {
  allow_params(ctx, {});
  return json_response(render(ctx, load(ctx, ctx.parts.at(2), "mandate", "mandate")));
}

Response event_list(Ctx& ctx) {
  allow_params(ctx, {"type", "limit", "starting_after"});
  auto type = param_string(ctx, "type");
  auto limit = param_int(ctx, "limit", 1, 100).value_or(10);
  auto after = param_string(ctx, "starting_after");
  // Indexed and bounded: one page (and one row to know has_more) is read.
  std::vector<json> data;
  if (after) {
    auto cursor = ctx.store.get(*after);
    if (!cursor || jstr(*cursor, "object") != "event" || (type && jstr(*cursor, "type") != *type))
      throw missing_resource("event", *after, "starting_after");
    data = ctx.store.list_after("event", type, *after, size_t(limit) + 1);
  } else {
    data = ctx.store.list("event", type, size_t(limit) + 1);
  }
  const bool more = int64_t(data.size()) > limit;
  if (more) data.pop_back();
  json out = list_object("/v1/events", data);
  out["has_more"] = more;
  return json_response(out);
}

Response event_retrieve(Ctx& ctx) {
  allow_params(ctx, {});
  return json_response(load(ctx, ctx.parts.at(2), "event", "event"));
}

Response webhook_endpoint_create(Ctx& ctx) {
  refuse_unsupported(ctx, {"connect"});
  allow_params(ctx, {"url", "enabled_events", "description", "metadata", "api_version"});
  if (auto v = param_string(ctx, "api_version"); v && *v != kApiVersion)
    throw invalid("parameter_unsupported",
                  "The sandbox does not support api_version " + v->substr(0, 40) + ": it renders events in " +
                      kApiVersion + " only.",
                  "api_version");
  auto url = param_string(ctx, "url");
  if (!url) throw invalid("parameter_missing", "Missing required param: url.", "url");
  if (auto u = parse_url(*url); !u.ok() || (u->scheme != "http" && u->scheme != "https"))
    throw invalid("url_invalid", "Invalid URL: an absolute http(s) URL is required.", "url");
  auto events = param_string_list(ctx, "enabled_events");
  if (events.empty()) throw invalid("parameter_missing", "Missing required param: enabled_events.", "enabled_events");
  std::string secret = "whsec_" + ctx.env.random_alnum(32);
  json we = {{"id", ctx.new_id("we")},
             {"object", "webhook_endpoint"},
             {"api_version", optional_string(ctx, "api_version")},
             {"application", nullptr},
             {"created", ctx.now},
             {"description", optional_string(ctx, "description")},
             {"enabled_events", events},
             {"livemode", false},
             {"metadata", apply_metadata(ctx, json::object())},
             {"status", "enabled"},
             {"url", *url},
             {"_secret", secret}};
  save(ctx, we);
  json shown = render(ctx, we);
  shown["secret"] = secret;  // returned once, on creation, as Stripe does
  return json_response(shown);
}

Response webhook_endpoint_list(Ctx& ctx) {
  refuse_unsupported(ctx, {"ending_before", "starting_after"});
  allow_params(ctx, {"limit"});
  const auto limit = param_int(ctx, "limit", 1, 100).value_or(10);
  std::vector<json> data;
  for (auto& we : ctx.store.list("webhook_endpoint", std::nullopt, 1000)) {
    if (int64_t(data.size()) == limit) break;
    if (jstr(we, "status") != "deleted") data.push_back(render(ctx, we));
  }
  return json_response(list_object("/v1/webhook_endpoints", data));
}

Response webhook_endpoint_retrieve(Ctx& ctx) {
  allow_params(ctx, {});
  json we = load(ctx, ctx.parts.at(2), "webhook_endpoint", "webhook endpoint");
  if (jstr(we, "status") == "deleted") throw missing_resource("webhook endpoint", ctx.parts.at(2));
  return json_response(render(ctx, we));
}

Response webhook_endpoint_delete(Ctx& ctx) {
  allow_params(ctx, {});
  json we = load(ctx, ctx.parts.at(2), "webhook_endpoint", "webhook endpoint");
  if (jstr(we, "status") == "deleted") throw missing_resource("webhook endpoint", ctx.parts.at(2));
  we["status"] = "deleted";  // kept so queued deliveries to it are dropped
  save(ctx, we);
  return json_response({{"id", we["id"]}, {"object", "webhook_endpoint"}, {"deleted", true}});
}

Response advance_clock(Ctx& ctx) {
  allow_params(ctx, {"seconds"});
  auto seconds = param_int(ctx, "seconds", 0, 10LL * 365 * 86400);
  if (!seconds) throw invalid("parameter_missing", "Missing required param: seconds.", "seconds");
  int64_t offset = ctx.now - ctx.env.wall_now() + *seconds;
  ctx.store.meta_put("clock_offset", std::to_string(offset));
  ctx.now += *seconds;
  return json_response({{"object", "sandbox_clock"}, {"now", ctx.now}, {"offset_seconds", offset}});
}

}  // namespace setupflow::sandbox
