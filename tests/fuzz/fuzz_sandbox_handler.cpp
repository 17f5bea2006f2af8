// The sandbox's request handler on arbitrary request sequences: any method,
// route, body, query and key must give a well-formed answer (an HTTP status,
// and Stripe's JSON shape for API routes), never a crash, a leak or UB.
//
// Input: a sequence of records, each
//   byte 0: route template (mod the table), byte 1: flags (key kind, query
//   instead of body, which remembered id to use), then the body up to 0xFF.
// Ids the sandbox hands out are remembered and reused, so sequences reach
// confirm, approve, cancel and detach on real objects, and the Terminal
// routes on a registered reader, its screen and a card SetupIntent.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "sandbox.hpp"
#include "sandbox_world.hpp"
#include "sqlite_store.hpp"

namespace sb = setupflow::sandbox;

namespace {

using fuzzworld::FuzzEnv;  // fixed clock, counting ids: sandbox_world.hpp

struct Route {
  const char* method;
  const char* path;  // '#' is replaced by a remembered id
};

constexpr Route kRoutes[] = {
    {"POST", "/v1/customers"},
    {"GET", "/v1/customers/#"},
    {"GET", "/v1/customers/#/payment_methods"},
    {"POST", "/v1/setup_intents"},
    {"GET", "/v1/setup_intents/#"},
    {"POST", "/v1/setup_intents/#/confirm"},
    {"POST", "/v1/setup_intents/#/cancel"},
    {"POST", "/v1/payment_intents"},
    {"GET", "/v1/payment_intents/#"},
    {"POST", "/v1/payment_intents/#/confirm"},
    {"POST", "/v1/payment_methods/#/detach"},
    {"POST", "/v1/payment_methods/#/attach"},
    {"GET", "/v1/mandates/#"},
    {"GET", "/v1/events"},
    {"POST", "/v1/webhook_endpoints"},
    {"POST", "/v1/test_helpers/advance_clock"},
    {"GET", "/cashapp/authorize/#"},
    {"POST", "/cashapp/authorize/#"},
    {"OPTIONS", "/v1/setup_intents/#/confirm"},
    {"DELETE", "/v1/webhook_endpoints/#"},
    {"POST", "/v1/terminal/locations"},
    {"POST", "/v1/terminal/readers"},
    {"GET", "/v1/terminal/readers"},
    {"POST", "/v1/terminal/readers/#/process_setup_intent"},
    {"POST", "/v1/terminal/readers/#/cancel_action"},
    {"POST", "/v1/test_helpers/terminal/readers/#/present_payment_method"},
    {"POST", "/v1/test_helpers/terminal/readers/#/set_link"},
    {"GET", "/terminal/screens/#"},
    {"POST", "/terminal/screens/#"},
};

// Every "id" or "client_secret" string in a JSON answer, and the phone token.
void remember(const sb::json& j, std::vector<std::string>& ids) {
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (it->is_string() && (it.key() == "id" || it.key() == "payment_method" || it.key() == "mandate")) {
        ids.push_back(it->get<std::string>());
      } else if (it->is_string() && it.key() == "data") {
        const std::string url = it->get<std::string>();
        const size_t at = url.find("/cashapp/authorize/");
        if (at != std::string::npos) ids.push_back(url.substr(at + 19));
      } else if (it->is_string() && it.key() == "url") {
        const std::string url = it->get<std::string>();
        const size_t at = url.find("/terminal/screens/");
        if (at != std::string::npos) ids.push_back(url.substr(at + 18));
      } else {
        remember(*it, ids);
      }
    }
  } else if (j.is_array()) {
    for (const auto& v : j) remember(v, ids);
  }
  if (ids.size() > 64) ids.erase(ids.begin(), ids.begin() + 32);
}

sb::Response send(sb::Sandbox& sandbox, const std::string& method, const std::string& path,
                  const std::string& body, bool as_query, const std::string& key) {
  sb::Request req;
  req.method = method;
  req.path = path;
  (as_query ? req.query : req.body) = body;
  req.remote_ip = "127.0.0.1";
  req.headers["host"] = "127.0.0.1:4242";
  if (!key.empty()) req.headers["authorization"] = "Bearer " + key;
  if (method == "POST") req.headers["content-type"] = "application/x-www-form-urlencoded";
  return sandbox.handle(req);
}

void check(const sb::Response& res, const std::string& path) {
  if (res.status < 200 || res.status > 599) std::abort();
  if (path.rfind("/v1/", 0) == 0 && res.content_type == "application/json") {
    sb::json j = sb::json::parse(res.body, nullptr, false);
    if (j.is_discarded()) std::abort();
    if (res.status >= 400 && !(j.contains("error") && j["error"].contains("type"))) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzEnv env;
  sb::SqliteStore store(":memory:");
  sb::Config config;
  sb::Sandbox sandbox(config, store, env);
  std::vector<std::string> ids;

  // A customer and a confirmed SetupIntent to start from.
  remember(sb::json::parse(send(sandbox, "POST", "/v1/customers", "email=f%40example.com", false,
                                config.secret_key).body, nullptr, false), ids);
  if (!ids.empty()) {
    auto si = send(sandbox, "POST", "/v1/setup_intents",
                   "customer=" + ids[0] + "&payment_method_types[]=cashapp&confirm=true"
                   "&return_url=https%3A%2F%2Fshop.example%2Fr",
                   false, config.secret_key);
    remember(sb::json::parse(si.body, nullptr, false), ids);
    // A reader with its screen and a card SetupIntent, for the Terminal routes.
    auto reader = sb::json::parse(send(sandbox, "POST", "/v1/terminal/readers", "registration_code=simulated-wpe", false,
                                       config.secret_key).body, nullptr, false);
    remember(reader, ids);
    if (reader.contains("id")) {
      const std::string tmr = reader["id"];
      remember(sb::json::parse(send(sandbox, "GET", "/v1/test_helpers/terminal/readers/" + tmr + "/screen", "", true,
                                    config.secret_key).body, nullptr, false), ids);
      remember(sb::json::parse(send(sandbox, "POST", "/v1/setup_intents",
                                    "customer=" + ids[0] + "&payment_method_types[]=card", false,
                                    config.secret_key).body, nullptr, false), ids);
    }
  }

  size_t i = 0;
  for (int steps = 0; i + 2 <= size && steps < 24; ++steps) {
    const Route& route = kRoutes[data[i] % (sizeof(kRoutes) / sizeof(kRoutes[0]))];
    const uint8_t flags = data[i + 1];
    i += 2;
    size_t end = i;
    while (end < size && data[end] != 0xFF) ++end;
    const std::string body(reinterpret_cast<const char*>(data + i), end - i);
    i = end + 1;

    std::string path = route.path;
    if (const size_t hash = path.find('#'); hash != std::string::npos) {
      path.replace(hash, 1, ids.empty() ? std::string("none") : ids[(flags >> 3) % ids.size()]);
    }
    const std::string key = (flags & 3) == 0   ? config.secret_key
                            : (flags & 3) == 1 ? config.publishable_key
                            : (flags & 3) == 2 ? std::string()
                                               : std::string("sk_test_wrong");
    const sb::Response res = send(sandbox, route.method, path, body, (flags & 4) != 0, key);
    check(res, path);
    if (res.status == 200) remember(sb::json::parse(res.body, nullptr, false), ids);
  }
  return 0;
}
