// /v1/terminal/readers: register (simulated registration codes), retrieve,
// update label and metadata, list (location, status, device_type,
// serial_number filters), delete; and the sandbox-only test helper that
// takes a simulated reader offline and back (set_link).
#include "terminal_readers.hpp"

#include "params.hpp"
#include "terminal_actions.hpp"
#include "render.hpp"
#include "route.hpp"

namespace setupflow::sandbox {

json load_reader(Ctx& ctx, const std::string& id, const std::string& param) {
  json reader = load(ctx, id, "terminal.reader", "terminal reader", param);
  if (reader.value("_deleted", false)) throw missing_resource("terminal reader", id, param);
  const std::string link = jstr(reader, "_link");
  reader["status"] = link == "offline" ? "offline" : "online";
  if (link == "online") reader["last_seen_at"] = ctx.now * 1000;
  finish_processing(ctx, reader);
  return reader;
}

void save_reader(Ctx& ctx, const json& reader) {
  save(ctx, reader, reader.value("_deleted", false) ? "" : jstr(reader, "location"));
}

void require_reachable(const json& reader) {
  const std::string link = jstr(reader, "_link");
  if (link == "offline")
    throw invalid("terminal_reader_offline",
                  "Reader is currently offline, please ensure the reader is powered on and connected to the internet "
                  "before retrying your request.",
                  "reader");
  if (link == "unresponsive")
    throw invalid("terminal_reader_timeout",
                  "There was a timeout when sending this command to the reader. Retry the request or check the "
                  "reader's connectivity.",
                  "reader");
}

const json* action_in_progress(const json& reader) {
  auto it = reader.find("action");
  if (it == reader.end() || !it->is_object() || jstr(*it, "status") != "in_progress") return nullptr;
  return &*it;
}

namespace {

// Stripe's registration codes for simulated readers, and their device types.
constexpr std::pair<const char*, const char*> kSimulatedReaders[] = {
    {"simulated-wpe", "simulated_wisepos_e"},
    {"simulated-s700", "simulated_stripe_s700"},
    {"simulated-s710", "simulated_stripe_s710"},
};

Response reader_create(Ctx& ctx) {
  allow_params(ctx, {"registration_code", "label", "location", "metadata"});
  auto code = param_string(ctx, "registration_code");
  if (!code) throw invalid("parameter_missing", "Missing required param: registration_code.", "registration_code");
  const char* device_type = nullptr;
  for (const auto& [c, type] : kSimulatedReaders)
    if (*code == c) device_type = type;
  if (!device_type)
    throw invalid("parameter_invalid_string",
                  "The sandbox registers simulated readers only: registration_code simulated-wpe, simulated-s700 or "
                  "simulated-s710.",
                  "registration_code");
  json location = nullptr;
  if (auto l = param_string(ctx, "location"); l && !l->empty()) {
    json loaded = load(ctx, *l, "terminal.location", "terminal location", "location");
    if (loaded.value("_deleted", false)) throw missing_resource("terminal location", *l, "location");
    location = loaded["id"];
  }
  const std::string serial = "SIM" + ctx.env.random_alnum(12);
  json reader = {{"id", ctx.new_id("tmr")},
                 {"object", "terminal.reader"},
                 {"action", nullptr},
                 {"device_sw_version", nullptr},
                 {"device_type", device_type},
                 {"ip_address", "0.0.0.0"},
                 {"label", param_string(ctx, "label").value_or(serial)},
                 {"last_seen_at", ctx.now * 1000},
                 {"livemode", false},
                 {"location", location},
                 {"metadata", apply_metadata(ctx, json::object())},
                 {"serial_number", serial},
                 {"status", "online"},
                 {"_link", "online"}};
  save_reader(ctx, reader);
  return json_response(render(ctx, reader));
}

Response reader_retrieve(Ctx& ctx) {
  allow_params(ctx, {});
  return json_response(render(ctx, load_reader(ctx, ctx.parts.at(3))));
}

Response reader_update(Ctx& ctx) {
  allow_params(ctx, {"label", "metadata"});
  json reader = load_reader(ctx, ctx.parts.at(3));
  if (auto label = param_string(ctx, "label"))
    reader["label"] = label->empty() ? jstr(reader, "serial_number") : *label;
  reader["metadata"] = apply_metadata(ctx, reader["metadata"]);
  save_reader(ctx, reader);
  return json_response(render(ctx, reader));
}

Response reader_list(Ctx& ctx) {
  refuse_unsupported(ctx, {"ending_before", "starting_after"});
  allow_params(ctx, {"location", "status", "device_type", "serial_number", "limit"});
  const auto limit = param_int(ctx, "limit", 1, 100).value_or(10);
  const auto location = param_string(ctx, "location");
  const auto status = param_string(ctx, "status");
  if (status && *status != "online" && *status != "offline")
    throw invalid("parameter_invalid_string", "status must be online or offline.", "status");
  const auto device_type = param_string(ctx, "device_type");
  const auto serial = param_string(ctx, "serial_number");
  std::vector<json> data;
  for (auto& stored : ctx.store.list("terminal.reader", location, 1000)) {
    if (int64_t(data.size()) == limit) break;
    if (stored.value("_deleted", false)) continue;
    json reader = load_reader(ctx, jstr(stored, "id"));
    if ((status && jstr(reader, "status") != *status) || (device_type && jstr(reader, "device_type") != *device_type) ||
        (serial && jstr(reader, "serial_number") != *serial))
      continue;
    data.push_back(render(ctx, reader));
  }
  return json_response(list_object("/v1/terminal/readers", data));
}

Response reader_delete(Ctx& ctx) {
  allow_params(ctx, {});
  json reader = load_reader(ctx, ctx.parts.at(3));
  reader["_deleted"] = true;  // kept so its id stays unique; never listed or found again
  save_reader(ctx, reader);
  return json_response({{"id", reader["id"]},
                        {"object", "terminal.reader"},
                        {"deleted", true},
                        {"device_type", reader["device_type"]},
                        {"serial_number", reader["serial_number"]}});
}

// Sandbox-only: link=online|offline|unresponsive (terminal_readers.hpp).
// Going offline leaves an action in progress as it is, as a reader that
// drops mid-action does; cancel_action clears it.
Response reader_set_link(Ctx& ctx) {
  allow_params(ctx, {"link"});
  json reader = load_reader(ctx, ctx.parts.at(4));
  auto link = param_string(ctx, "link");
  if (!link || (*link != "online" && *link != "offline" && *link != "unresponsive"))
    throw invalid("parameter_invalid_string", "link must be online, offline or unresponsive.", "link");
  reader["_link"] = *link;
  save_reader(ctx, reader);
  return json_response(render(ctx, load_reader(ctx, jstr(reader, "id"))));
}

const Route kRoutes[] = {
    {"POST", "/v1/terminal/readers", "terminal.readers.create", reader_create, Access::secret},
    {"GET", "/v1/terminal/readers", "terminal.readers.list", reader_list, Access::secret},
    {"GET", "/v1/terminal/readers/:", "terminal.readers.retrieve", reader_retrieve, Access::secret},
    {"POST", "/v1/terminal/readers/:", "terminal.readers.update", reader_update, Access::secret},
    {"DELETE", "/v1/terminal/readers/:", "terminal.readers.delete", reader_delete, Access::secret},
    {"POST", "/v1/test_helpers/terminal/readers/:/set_link", "test_helpers.terminal.readers.set_link",
     reader_set_link, Access::secret},
};

}  // namespace

std::span<const Route> terminal_reader_routes() { return kRoutes; }

}  // namespace setupflow::sandbox
