// /v1/events (list, retrieve) and /v1/webhook_endpoints (create, list,
// retrieve, delete). Events are recorded by Ctx::emit; webhook_delivery.cpp
// delivers them.
#include "params.hpp"
#include "render.hpp"
#include "route.hpp"
#include "setupflow/redirect.hpp"

namespace setupflow::sandbox {
namespace {

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
             {"api_version", param_nullable(ctx, "api_version")},
             {"application", nullptr},
             {"created", ctx.now},
             {"description", param_nullable(ctx, "description")},
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

const Route kRoutes[] = {
    {"GET", "/v1/events", "events.list", event_list, Access::secret},
    {"GET", "/v1/events/:", "events.retrieve", event_retrieve, Access::secret},
    {"POST", "/v1/webhook_endpoints", "webhook_endpoints.create", webhook_endpoint_create, Access::secret},
    {"GET", "/v1/webhook_endpoints", "webhook_endpoints.list", webhook_endpoint_list, Access::secret},
    {"GET", "/v1/webhook_endpoints/:", "webhook_endpoints.retrieve", webhook_endpoint_retrieve, Access::secret},
    {"DELETE", "/v1/webhook_endpoints/:", "webhook_endpoints.delete", webhook_endpoint_delete, Access::secret},
};

}  // namespace

std::span<const Route> event_routes() { return kRoutes; }

}  // namespace setupflow::sandbox
