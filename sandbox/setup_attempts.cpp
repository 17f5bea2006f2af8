#include "setup_attempts.hpp"

#include "api_error.hpp"
#include "params.hpp"
#include "render.hpp"
#include "route.hpp"

namespace setupflow::sandbox {

void setup_attempt_start(Ctx& ctx, json& intent, const json& pm, json details) {
  if (jstr(intent, "object") != "setup_intent") return;
  const std::string type = jstr(pm, "type");
  if (details.is_null()) details = {{"type", type}, {type, json::object()}};
  json attempt = {{"id", ctx.new_id("setatt")},
                  {"object", "setup_attempt"},
                  {"application", nullptr},
                  {"created", ctx.now},
                  {"customer", intent["customer"]},
                  {"customer_account", nullptr},
                  {"flow_directions", nullptr},
                  {"livemode", false},
                  {"on_behalf_of", nullptr},
                  {"payment_method", pm["id"]},
                  {"payment_method_details", std::move(details)},
                  {"setup_error", nullptr},
                  {"setup_intent", intent["id"]},
                  {"status", "requires_action"},
                  {"usage", intent["usage"]}};
  save(ctx, attempt, jstr(intent, "id"));
  intent["latest_attempt"] = attempt["id"];
}

void setup_attempt_finish(Ctx& ctx, const json& intent, const std::string& status, const json& error) {
  if (jstr(intent, "object") != "setup_intent" || jstr(intent, "latest_attempt").empty()) return;
  auto attempt = ctx.store.get(jstr(intent, "latest_attempt"));
  if (!attempt || jstr(*attempt, "status") != "requires_action") return;
  (*attempt)["status"] = status;
  (*attempt)["setup_error"] = error;
  save(ctx, *attempt, jstr(intent, "id"));
}

namespace {

Response setup_attempt_list(Ctx& ctx) {
  refuse_unsupported(ctx, {"created", "ending_before", "starting_after"});
  allow_params(ctx, {"setup_intent", "limit"});
  auto intent = param_string(ctx, "setup_intent");
  if (!intent) throw invalid("parameter_missing", "Missing required param: setup_intent.", "setup_intent");
  load(ctx, *intent, "setup_intent", "SetupIntent", "setup_intent");
  const auto limit = param_int(ctx, "limit", 1, 100).value_or(10);
  std::vector<json> data;
  for (auto& a : ctx.store.list("setup_attempt", *intent, size_t(limit) + 1)) data.push_back(render(ctx, a));
  const bool more = int64_t(data.size()) > limit;
  if (more) data.pop_back();
  json out = list_object("/v1/setup_attempts", data);
  out["has_more"] = more;
  return json_response(out);
}

const Route kRoutes[] = {
    {"GET", "/v1/setup_attempts", "setup_attempts.list", setup_attempt_list, Access::secret},
};

}  // namespace

std::span<const Route> setup_attempt_routes() { return kRoutes; }

}  // namespace setupflow::sandbox
