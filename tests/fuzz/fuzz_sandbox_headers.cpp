// The headers the sandbox reads, on request sequences through the shell's own
// entry point (answer_request: the Host check, then the sandbox): any
// Authorization (secret, publishable, restricted, another account's key,
// Basic, malformed, absent), any Host (the listen address, localhost, the
// configured public URL, forged, without its port, empty), Idempotency-Key
// (fresh, replayed, reused with another request, over-long), Content-Type and
// Origin. On every answer:
//   - a status in range, Stripe's JSON error shape on API routes, no private
//     field and never the secret key;
//   - a Host that is not the sandbox's own is 421 and changes nothing;
//   - a replay (same key, same request) answers the first answer's status and
//     bytes and changes nothing; a key reused with another request never runs
//     it (an idempotency_error, which changes nothing); an answer refusing
//     the parameters (a parameter_* code) is not saved, as on Stripe, so its
//     key stays free;
//   - a request that does not authenticate, or a publishable key on a secret
//     route, or a JSON body, or an over-long key, succeeds at nothing and
//     changes nothing;
//   - no publishable-key answer shows a secret-key-only field, no secret-key
//     answer carries CORS, handed-out URLs come from the configured base.
//
// Input: records of 5 bytes (route, auth, host, idempotency/content-type/
// origin, remembered id) and a body up to 0xFF.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "front_door.hpp"
#include "host_check.hpp"
#include "sandbox_world.hpp"

namespace sb = setupflow::sandbox;
using fuzzworld::fail;
using sb::json;

namespace {

constexpr const char* kPublicUrl = "https://sandbox.example";

enum class Kind { secret, browser, page };

struct Route {
  const char* method;
  const char* path;  // '#' is replaced by a remembered id
  Kind kind;
};

constexpr Route kRoutes[] = {
    {"POST", "/v1/customers", Kind::secret},
    {"GET", "/v1/customers/#", Kind::secret},
    {"POST", "/v1/setup_intents", Kind::secret},
    {"GET", "/v1/setup_intents/#", Kind::browser},
    {"POST", "/v1/setup_intents/#/confirm", Kind::browser},
    {"POST", "/v1/setup_intents/#/cancel", Kind::secret},
    {"POST", "/v1/payment_intents", Kind::secret},
    {"GET", "/v1/payment_intents/#", Kind::browser},
    {"POST", "/v1/payment_intents/#/confirm", Kind::browser},
    {"POST", "/v1/payment_methods/#/detach", Kind::secret},
    {"POST", "/v1/webhook_endpoints", Kind::secret},
    {"POST", "/v1/test_helpers/advance_clock", Kind::secret},
    {"OPTIONS", "/v1/setup_intents/#/confirm", Kind::browser},
    {"GET", "/cashapp/authorize/#", Kind::page},
    {"POST", "/cashapp/authorize/#", Kind::page},
    {"GET", "/cashapp/buyers/#", Kind::page},
    {"POST", "/cashapp/buyers/#/revoke", Kind::page},
    {"GET", "/cashapp/qr/#", Kind::page},
    {"POST", "/v1/terminal/readers/#/process_setup_intent", Kind::secret},
    {"GET", "/v1/test_helpers/terminal/readers/#/screen", Kind::secret},
    {"POST", "/terminal/screens/#", Kind::page},
};

std::string base64(const std::string& in) {
  static const char* k = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (size_t i = 0; i < in.size(); i += 3) {
    uint32_t n = uint8_t(in[i]) << 16;
    if (i + 1 < in.size()) n |= uint8_t(in[i + 1]) << 8;
    if (i + 2 < in.size()) n |= uint8_t(in[i + 2]);
    out += k[(n >> 18) & 63];
    out += k[(n >> 12) & 63];
    out += i + 1 < in.size() ? k[(n >> 6) & 63] : '=';
    out += i + 2 < in.size() ? k[n & 63] : '=';
  }
  return out;
}

// How a request authenticates, as the fuzzer chose it.
enum class Auth { secret, publishable, none };

struct AuthChoice {
  std::string header;  // "" = no Authorization header
  Auth as = Auth::none;
};

AuthChoice auth_for(uint8_t pick, const sb::Config& c) {
  switch (pick & 7) {
    case 0:
      return {"Bearer " + c.secret_key, Auth::secret};
    case 1:
      return {"Bearer " + c.publishable_key, Auth::publishable};
    case 2:
      return {"Bearer rk_test_setupflowsandbox", Auth::none};  // restricted keys are not known
    case 3:
      return {"Bearer sk_test_anotheraccount", Auth::none};
    case 4:
      return {"Basic " + base64(c.secret_key + ":"), Auth::secret};
    case 5:
      return {"Basic " + base64(c.publishable_key + ":"), Auth::publishable};
    case 6:
      return {(pick & 8) ? "Basic !!!" : "Token " + c.secret_key, Auth::none};
    default:
      return {};
  }
}

// The Host header (nullopt: none) and whether the sandbox answers it.
std::pair<std::optional<std::string>, bool> host_for(uint8_t pick) {
  static const char* kForged[] = {
      "evil.example", "127.0.0.1:4242.evil.example", "localhost:80",    "[::1]:4243",
      "127.0.0.1",    "sandbox.example:8443",        "localhost:4242 ", "127.0.0.1:4242@evil"};
  switch (pick & 7) {
    case 0:
      return {"127.0.0.1:4242", true};
    case 1:
      return {"localhost:4242", true};
    case 2:
      return {"sandbox.example", true};
    case 3:
      return {"SANDBOX.example:443", true};
    case 4:
      return {"[::1]:4242", true};
    case 5:
      return {kForged[(pick >> 3) & 7], false};
    case 6:
      return {"", false};
    default:
      return {std::nullopt, false};
  }
}

struct Recorded {  // a POST answered under an Idempotency-Key
  std::string auth, key, method, path, body;
  int status = 0;
  std::string answer;
};

struct Harness {
  fuzzworld::FuzzEnv env;
  fuzzworld::RecordingStore store;
  sb::Config config;
  sb::Sandbox sandbox;
  std::vector<std::string> hosts;
  std::vector<std::string> ids;
  std::map<std::string, std::string> secrets;  // intent id -> client_secret
  std::vector<Recorded> recorded;
  std::string buyer_cookie;
  int next_key = 0;

  Harness()
      : config(make_config()),
        sandbox(config, store, env),
        hosts(sb::allowed_hosts("127.0.0.1", 4242, kPublicUrl)) {}
  static sb::Config make_config() {
    sb::Config c;
    c.public_base_url = kPublicUrl;
    return c;
  }
};

// Every id, page token and screen token an answer hands out, and the
// intents' client secrets.
void remember(const json& j, std::vector<std::string>& ids,
              std::map<std::string, std::string>& secrets) {
  fuzzworld::each_object(j, [&](const json& o) {
    if (o.contains("client_secret") && o["client_secret"].is_string() && o.contains("id") &&
        o["id"].is_string())
      secrets[o["id"]] = o["client_secret"];
    for (const auto& [k, v] : o.items()) {
      if (!v.is_string()) continue;
      const std::string s = v.get<std::string>();
      if (k == "id" || k == "payment_method" || k == "mandate" || k == "buyer_id") ids.push_back(s);
      for (const char* marker : {"/cashapp/authorize/", "/terminal/screens/"})
        if (size_t at = s.find(marker); at != std::string::npos)
          ids.push_back(s.substr(at + std::char_traits<char>::length(marker),
                                 s.find('?', at) - at - std::char_traits<char>::length(marker)));
    }
  });
  if (ids.size() > 64) ids.erase(ids.begin(), ids.begin() + 32);
}

sb::Response send(Harness& h, sb::Request req) {
  h.store.clear();
  sb::Response res = sb::answer_request(h.sandbox, h.hosts, nullptr, req);
  fuzzworld::trace(req, res);
  if (const std::string cookie = res.header("Set-Cookie");
      cookie.rfind("sf_cashapp_buyer=", 0) == 0)
    h.buyer_cookie = cookie.substr(0, cookie.find(';'));
  return res;
}

sb::Request api_request(const std::string& method, const std::string& path, const std::string& body,
                        const std::string& auth) {
  sb::Request req;
  req.method = method;
  req.path = path;
  (method == "POST" ? req.body : req.query) = body;
  req.remote_ip = "127.0.0.1";
  req.headers["host"] = "127.0.0.1:4242";
  if (!auth.empty()) req.headers["authorization"] = auth;
  if (method == "POST") req.headers["content-type"] = "application/x-www-form-urlencoded";
  return req;
}

// A customer, a Cash App SetupIntent waiting on its phone page, a reader with
// its screen and a card SetupIntent for it.
void set_up(Harness& h) {
  const std::string sk = "Bearer " + h.config.secret_key;
  auto call = [&](const char* method, const std::string& path, const std::string& body) {
    json j = json::parse(send(h, api_request(method, path, body, sk)).body, nullptr, false);
    remember(j, h.ids, h.secrets);
    return j;
  };
  const json customer = call("POST", "/v1/customers", "email=f%40example.com");
  if (!customer.contains("id")) fail("set-up: no customer");
  const std::string cus = customer["id"];
  call("POST", "/v1/setup_intents",
       "customer=" + cus +
           "&payment_method_types[]=cashapp&confirm=true&payment_method_data[type]=cashapp"
           "&return_url=https%3A%2F%2Fshop.example%2Fr");
  const json reader = call("POST", "/v1/terminal/readers", "registration_code=simulated-wpe");
  if (reader.contains("id"))
    call("GET", "/v1/test_helpers/terminal/readers/" + reader["id"].get<std::string>() + "/screen",
         "");
  call("POST", "/v1/setup_intents", "customer=" + cus + "&payment_method_types[]=card");
}

struct Step {
  const Route* route;
  uint8_t auth, host, idem, id;
  std::string body;
};

bool key_param(const std::string& body, const std::string& key) {
  return body.find("key=" + key) != std::string::npos;
}

// How an Authorization header authenticates (none: invalid, or absent and
// left to a `key` parameter).
Auth classify(const std::string& header, const sb::Config& c) {
  if (header == "Bearer " + c.secret_key || header == "Basic " + base64(c.secret_key + ":"))
    return Auth::secret;
  if (header == "Bearer " + c.publishable_key ||
      header == "Basic " + base64(c.publishable_key + ":"))
    return Auth::publishable;
  return Auth::none;
}

// The request a step sends, with its Idempotency-Key choice applied; the
// recorded request it replays or reuses the key of, if any.
sb::Request build(Harness& h, const Step& s, AuthChoice& auth, const Recorded*& reused) {
  const uint8_t mode = s.idem & 3;
  reused = nullptr;
  if ((mode == 2 || mode == 3) && !h.recorded.empty())
    reused = &h.recorded[s.id % h.recorded.size()];
  std::string path = s.route->path;
  const std::string id = h.ids.empty() ? std::string("none") : h.ids[(s.id >> 2) % h.ids.size()];
  if (size_t hash = path.find('#'); hash != std::string::npos) path.replace(hash, 1, id);
  std::string body = s.body;
  if (auto secret = h.secrets.find(id); (s.auth & 32) && secret != h.secrets.end())
    body = "client_secret=" + secret->second + "&" + body;
  sb::Request req = reused && mode == 2
                        ? api_request(reused->method, reused->path, reused->body, reused->auth)
                        : api_request(s.route->method, path, body, auth.header);
  if (reused) {
    auth.header = reused->auth;
    auth.as = classify(reused->auth, h.config);
    req.headers["authorization"] = reused->auth;
    req.headers["idempotency-key"] = reused->key;
  } else if (mode == 1) {
    req.headers["idempotency-key"] = "key-" + std::to_string(h.next_key++);
  }
  if (s.idem & 4) req.headers["idempotency-key"] = std::string(256, 'k');
  if (s.auth & 16 && req.method != "POST") std::swap(req.query, req.body);
  static const char* kTypes[] = {"application/x-www-form-urlencoded", nullptr, "application/json",
                                 "application/x-www-form-urlencoded; charset=utf-8"};
  if (req.method == "POST") {
    if (const char* t = kTypes[(s.idem >> 4) & 3])
      req.headers["content-type"] = t;
    else
      req.headers.erase("content-type");
  }
  auto [host, host_ok] = host_for(s.host);
  if (host)
    req.headers["host"] = *host;
  else
    req.headers.erase("host");
  const std::string origins[] = {"", kPublicUrl, "http://" + host.value_or(""),
                                 "https://evil.example"};
  if (const std::string& o = origins[(s.idem >> 6) & 3]; !o.empty()) req.headers["origin"] = o;
  if (s.auth & 8 && !h.buyer_cookie.empty()) req.headers["cookie"] = h.buyer_cookie;
  return req;
}

// Stripe's validation refused the parameters: the endpoint never began.
bool parameters_refused(const sb::Response& res) {
  if (res.status != 400) return false;
  const json j = json::parse(res.body, nullptr, false);
  if (j.is_discarded() || !j.contains("error") || !j["error"].is_object()) return false;
  const json& code = j["error"]["code"];
  return j["error"].value("type", "") == "invalid_request_error" && code.is_string() &&
         code.get<std::string>().rfind("parameter", 0) == 0;
}

void check_idempotency(Harness& h, const sb::Request& req, const sb::Response& res,
                       const Recorded* reused) {
  // A JSON body is refused before the key is looked at (as Stripe cannot
  // read one either): it is not the same request, whatever its bytes.
  const bool form = req.header("content-type").find("json") == std::string::npos;
  const bool same = reused && form && req.method == reused->method && req.path == reused->path &&
                    req.body == reused->body;
  if (res.header("Idempotent-Replayed") == "true") {
    if (!same) fail("a reused Idempotency-Key replayed another request's answer");
    if (res.status != reused->status || res.body != reused->answer)
      fail("a replay's answer differs from the first");
  }
  if (!reused || req.path.rfind("/v1/", 0) != 0 || req.method != "POST" || res.status == 421)
    return;
  if (req.header("idempotency-key") != reused->key) return;  // over-long instead
  if (same && res.header("Idempotent-Replayed") != "true")
    fail("the same request under its key was not replayed");
  if (!same && res.status < 300) fail("a reused Idempotency-Key ran another request");
  if (!h.store.changes.empty() || h.store.deliveries) {
    if (same) fail("a replay changed something");
    json j = json::parse(res.body, nullptr, false);
    if (!j.is_discarded() && j["error"].value("type", "") == "idempotency_error")
      fail("an idempotency_error changed something");
  }
}

void check_step(Harness& h, const Step& s, const sb::Request& req, const sb::Response& res, Auth as,
                bool host_ok) {
  const bool changed = !h.store.changes.empty() || h.store.deliveries > 0;
  const json j = fuzzworld::check_answer(res, req.path);
  if (!host_ok) {
    if (res.status != 421 || j.is_null() || !j.contains("error"))
      fail("a foreign Host was not answered 421");
    if (changed) fail("a request with a foreign Host changed something");
    return;
  }
  if (res.status == 421) fail("an allowed Host was answered 421");
  const bool api = req.path.rfind("/v1/", 0) == 0;
  const bool post = req.method == "POST";
  const std::string params = post ? req.body : req.query;
  const bool by_param = as == Auth::none && (key_param(params, h.config.secret_key) ||
                                             key_param(params, h.config.publishable_key));
  const bool ok = res.status < 300 && req.method != "OPTIONS";
  const bool refused_auth = api && as == Auth::none && !by_param;
  const bool pk_on_secret = api && as == Auth::publishable && s.route->kind == Kind::secret;
  const bool json_body = post && req.header("content-type") == "application/json";
  const bool long_key = api && post && req.header("idempotency-key").size() > 255;
  if ((refused_auth || pk_on_secret || json_body || long_key) && (ok || changed))
    fail("a request that must be refused succeeded or changed something");
  const bool publishable =
      as == Auth::publishable || (as == Auth::none && key_param(params, h.config.publishable_key) &&
                                  !key_param(params, h.config.secret_key));
  const bool asked = (req.path + params).find(h.config.secret_key) != std::string::npos;
  if (!asked && res.body.find(h.config.secret_key) != std::string::npos)
    fail("an answer shows the secret key");
  if (!j.is_null()) fuzzworld::check_shown_fields(j, publishable, h.config.public_base_url);
  if (as == Auth::secret && req.method != "OPTIONS" &&
      !res.header("Access-Control-Allow-Origin").empty())
    fail("a secret-key answer carries CORS");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Harness h;
  set_up(h);
  size_t i = 0;
  for (int steps = 0; i + 5 <= size && steps < 24; ++steps) {
    Step s{&kRoutes[data[i] % std::size(kRoutes)],
           data[i + 1],
           data[i + 2],
           data[i + 3],
           data[i + 4],
           {}};
    i += 5;
    size_t end = i;
    while (end < size && data[end] != 0xFF) ++end;
    s.body.assign(reinterpret_cast<const char*>(data + i), end - i);
    i = end + 1;

    AuthChoice auth = auth_for(s.auth, h.config);
    const Recorded* reused = nullptr;
    const sb::Request req = build(h, s, auth, reused);
    const bool host_ok = host_for(s.host).second;
    const Recorded reused_copy = reused ? *reused : Recorded{};
    const sb::Response res = send(h, req);
    check_step(h, s, req, res, auth.as, host_ok);
    check_idempotency(h, req, res, reused ? &reused_copy : nullptr);
    const bool saved = h.store.idempotency_saved > 0;
    if (saved && parameters_refused(res)) fail("an answer refusing the parameters was saved under its key");

    if (res.status == 200) remember(json::parse(res.body, nullptr, false), h.ids, h.secrets);
    if (req.path == "/v1/test_helpers/advance_clock" && res.status == 200)
      h.recorded.clear();  // keys may expire
    if (saved && h.recorded.size() < 16)
      h.recorded.push_back({req.header("authorization"), req.header("idempotency-key"), req.method,
                            req.path, req.method == "POST" ? req.body : req.query, res.status,
                            res.body});
  }
  return 0;
}
