// /v1/terminal/locations: create, retrieve, update, list, delete. A location
// groups readers; deleting one that still has readers is refused.
#include "params.hpp"
#include "render.hpp"
#include "route.hpp"

namespace setupflow::sandbox {
namespace {

const std::initializer_list<std::string_view> kUnsupportedOnLocations = {
    "address_kana", "address_kanji", "configuration_overrides", "display_name_kana", "display_name_kanji", "phone"};

// address[...] onto `address` (all six fields; an empty value clears one).
// country is required whenever an address is sent.
json address_param(Ctx& ctx, json address) {
  const FormNode* node = ctx.params.get("address");
  if (!address.is_object())
    address = {{"city", nullptr}, {"country", nullptr}, {"line1", nullptr}, {"line2", nullptr},
               {"postal_code", nullptr}, {"state", nullptr}};
  if (!node) return address;
  allow_children(node, "address", {"city", "country", "line1", "line2", "postal_code", "state"});
  for (auto& [k, v] : address.items())
    if (auto s = param_string(*node, k, "address[" + k + "]")) v = s->empty() ? json() : json(*s);
  if (jstr(address, "country").size() != 2)
    throw invalid("parameter_missing", "Missing required param: address[country] (a two-letter country code).",
                  "address[country]");
  return address;
}

std::string display_name_param(Ctx& ctx) {
  auto name = param_string(ctx, "display_name");
  if (!name || name->empty())
    throw invalid("parameter_missing", "Missing required param: display_name.", "display_name");
  return *name;
}

json load_location(Ctx& ctx) {
  json location = load(ctx, ctx.parts.at(3), "terminal.location", "terminal location");
  if (location.value("_deleted", false)) throw missing_resource("terminal location", ctx.parts.at(3));
  return location;
}

Response location_create(Ctx& ctx) {
  refuse_unsupported(ctx, kUnsupportedOnLocations);
  allow_params(ctx, {"address", "display_name", "metadata"});
  if (!ctx.params.get("address")) throw invalid("parameter_missing", "Missing required param: address.", "address");
  json location = {{"id", ctx.new_id("tml")},
                   {"object", "terminal.location"},
                   {"address", address_param(ctx, nullptr)},
                   {"display_name", display_name_param(ctx)},
                   {"livemode", false},
                   {"metadata", apply_metadata(ctx, json::object())}};
  save(ctx, location);
  return json_response(render(ctx, location));
}

Response location_retrieve(Ctx& ctx) {
  allow_params(ctx, {});
  return json_response(render(ctx, load_location(ctx)));
}

Response location_update(Ctx& ctx) {
  refuse_unsupported(ctx, kUnsupportedOnLocations);
  allow_params(ctx, {"address", "display_name", "metadata"});
  json location = load_location(ctx);
  location["address"] = address_param(ctx, location["address"]);
  if (ctx.params.get("display_name")) location["display_name"] = display_name_param(ctx);
  location["metadata"] = apply_metadata(ctx, location["metadata"]);
  save(ctx, location);
  return json_response(render(ctx, location));
}

Response location_list(Ctx& ctx) {
  refuse_unsupported(ctx, {"ending_before", "starting_after"});
  allow_params(ctx, {"limit"});
  const auto limit = param_int(ctx, "limit", 1, 100).value_or(10);
  std::vector<json> data;
  for (auto& location : ctx.store.list("terminal.location", std::nullopt, 1000)) {
    if (int64_t(data.size()) == limit) break;
    if (!location.value("_deleted", false)) data.push_back(render(ctx, location));
  }
  return json_response(list_object("/v1/terminal/locations", data));
}

Response location_delete(Ctx& ctx) {
  allow_params(ctx, {});
  json location = load_location(ctx);
  if (!ctx.store.list("terminal.reader", jstr(location, "id"), 1).empty())
    throw invalid("resource_in_use", "This location still has readers: delete or move them first.");
  location["_deleted"] = true;  // kept so its id stays unique; never listed or found again
  save(ctx, location);
  return json_response({{"id", location["id"]}, {"object", "terminal.location"}, {"deleted", true}});
}

const Route kRoutes[] = {
    {"POST", "/v1/terminal/locations", "terminal.locations.create", location_create, Access::secret},
    {"GET", "/v1/terminal/locations", "terminal.locations.list", location_list, Access::secret},
    {"GET", "/v1/terminal/locations/:", "terminal.locations.retrieve", location_retrieve, Access::secret},
    {"POST", "/v1/terminal/locations/:", "terminal.locations.update", location_update, Access::secret},
    {"DELETE", "/v1/terminal/locations/:", "terminal.locations.delete", location_delete, Access::secret},
};

}  // namespace

std::span<const Route> terminal_location_routes() { return kRoutes; }

}  // namespace setupflow::sandbox
