// The hosted demo's merchant (--demo: /demo/api/…, /demo/phone/…,
// /demo/webhooks) on request sequences through the shell's entry point, wired
// as the sandbox's main wires it: the Host check, then the demo's routes,
// then the sandbox. The fuzzer picks the session cookie (none, a forged one,
// this page's, another page's), the Origin, the Host and the body; on every
// answer:
//   - no demo route but the webhook answers without a live session (403), and
//     such a request changes nothing;
//   - no POST without the demo's own Origin succeeds or changes anything;
//   - a session opens the phone page only of the intents its own checkouts
//     made (another's answers 404, never a Location);
//   - a foreign Host is 421 and changes nothing;
//   - answers are well formed (JSON where JSON is said) and never show the
//     secret key; a webhook without a valid signature changes nothing.
//
// Input: records of 4 bytes (route, cookie/origin/host, id, body prefix) and
// a body up to 0xFF.
#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "demo_merchant.hpp"
#include "front_door.hpp"
#include "host_check.hpp"
#include "sandbox_world.hpp"

namespace sb = setupflow::sandbox;
using fuzzworld::fail;
using sb::json;

namespace {

struct Route {
  const char* method;
  const char* path;  // '#' is replaced by a remembered id
};

constexpr Route kRoutes[] = {
    {"GET", "/demo/api/config"},       {"POST", "/demo/api/checkout"},
    {"GET", "/demo/api/customers"},    {"POST", "/demo/api/charge"},
    {"POST", "/demo/api/detach"},      {"GET", "/demo/api/events"},
    {"GET", "/demo/phone/#"},          {"POST", "/demo/webhooks"},
    {"POST", "/demo/api/#"},           {"GET", "/demo/api/checkout"},
    {"DELETE", "/demo/api/customers"}, {"POST", "/demo/phone/#"},
};

struct Harness {
  fuzzworld::FuzzEnv env;
  fuzzworld::RecordingStore store;
  sb::Config config;
  sb::Sandbox sandbox{config, store, env};
  sb::DemoMerchant merchant{sandbox, [] { return int64_t(1767225600); }};
  std::vector<std::string> hosts = sb::allowed_hosts("127.0.0.1", 4242, "");
  sb::ExtraRoutes extra = [this](const sb::Request& req, sb::Response& res) {
    if (!sb::DemoMerchant::handles(req.path)) return false;
    res = merchant.handle(req);
    return true;
  };
  std::string mine, other;  // two pages' session cookies
  std::map<std::string, std::set<std::string>>
      intents;  // session cookie -> what its checkouts made
  std::vector<std::string> ids;
};

std::string session_cookie(Harness& h) {
  sb::Request page;
  page.method = "GET";
  page.path = "/demo/";
  const std::string set = h.merchant.page_cookie(page);
  if (set.empty()) fail("set-up: a page without a session got none");
  return set.substr(0, set.find(';'));
}

sb::Response send(Harness& h, const std::string& method, const std::string& path,
                  const std::string& body, const std::string& cookie, const std::string& origin,
                  const std::string& host) {
  sb::Request req;
  req.method = method;
  req.path = path;
  req.body = body;
  req.remote_ip = "127.0.0.1";
  if (!host.empty()) req.headers["host"] = host;
  if (!cookie.empty()) req.headers["cookie"] = cookie;
  if (!origin.empty()) req.headers["origin"] = origin;
  if (method == "POST") req.headers["content-type"] = "application/x-www-form-urlencoded";
  h.store.clear();
  sb::Response res = sb::answer_request(h.sandbox, h.hosts, h.extra, req);
  fuzzworld::trace(req, res);
  return res;
}

void remember(Harness& h, const json& j) {
  fuzzworld::each_object(j, [&](const json& o) {
    for (const char* k : {"id", "customer", "payment_method"})
      if (o.contains(k) && o[k].is_string()) h.ids.push_back(o[k]);
    if (o.contains("client_secret") && o["client_secret"].is_string()) {
      const std::string secret = o["client_secret"];
      h.ids.push_back(secret.substr(0, secret.find("_secret_")));
    }
  });
  if (h.ids.size() > 48) h.ids.erase(h.ids.begin(), h.ids.begin() + 24);
}

// A checkout by the session `cookie`, confirmed by the page as the demo's
// does (publishable key, client secret): it waits on its phone page. Returns
// the intent.
json checkout(Harness& h, const std::string& cookie, const std::string& mode) {
  const sb::Response r =
      send(h, "POST", "/demo/api/checkout", "mode=" + mode + "&email=rider%40example.com", cookie,
           "http://127.0.0.1:4242", "127.0.0.1:4242");
  const json made = json::parse(r.body, nullptr, false);
  if (r.status != 200 || !made.contains("client_secret"))
    fail("set-up: the demo's checkout failed");
  const std::string secret = made["client_secret"];
  const std::string id = secret.substr(0, secret.find("_secret_"));
  h.intents[cookie].insert(id);
  remember(h, made);
  sb::Request confirm;
  confirm.method = "POST";
  confirm.path = std::string(mode == "setup" ? "/v1/setup_intents/" : "/v1/payment_intents/") + id +
                 "/confirm";
  confirm.body = "client_secret=" + secret +
                 "&payment_method_data[type]=cashapp"
                 "&return_url=http%3A%2F%2F127.0.0.1%3A4242%2Fdemo%2F"
                 "&mandate_data[customer_acceptance][type]=online"
                 "&mandate_data[customer_acceptance][online][infer_from_client]=true";
  confirm.headers = {{"host", "127.0.0.1:4242"},
                     {"authorization", "Bearer " + h.config.publishable_key},
                     {"content-type", "application/x-www-form-urlencoded"}};
  const json intent =
      json::parse(sb::answer_request(h.sandbox, h.hosts, h.extra, confirm).body, nullptr, false);
  if (intent.value("status", "") != "requires_action") fail("set-up: the page's confirm failed");
  return intent;
}

// Two sessions: one with a Cash App account saved and a payment waiting on
// its phone page, the other with a setup waiting on its phone page.
void set_up(Harness& h) {
  h.mine = session_cookie(h);
  h.other = session_cookie(h);
  checkout(h, h.other, "setup");
  const json saved = checkout(h, h.mine, "setup");
  const std::string phone =
      saved["next_action"]["cashapp_handle_redirect_or_display_qr_code"].value("mobile_auth_url",
                                                                               "");
  const size_t at = phone.find("/cashapp/authorize/");
  if (at == std::string::npos) fail("set-up: no phone page");
  sb::Request approve;
  approve.method = "POST";
  approve.path = phone.substr(at, phone.find('?') - at);
  approve.body = "action=approve";
  approve.headers = {{"host", "127.0.0.1:4242"},
                     {"content-type", "application/x-www-form-urlencoded"}};
  if (sb::answer_request(h.sandbox, h.hosts, h.extra, approve).status != 200)
    fail("set-up: no approval");
  checkout(h, h.mine, "payment");
  // The saved payment method, for charge and detach.
  remember(h,
           json::parse(send(h, "GET", "/demo/api/customers", "", h.mine, "", "127.0.0.1:4242").body,
                       nullptr, false));
  if (std::getenv("FUZZ_TRACE"))
    for (size_t i = 0; i < h.ids.size(); ++i)
      std::fprintf(stderr, "id %zu: %s\n", i, h.ids[i].c_str());
}

struct Step {
  const Route* route;
  uint8_t who, id, lead;
  std::string body;
};

void check(Harness& h, const Step& s, const std::string& path, const std::string& cookie,
           const std::string& origin, bool host_ok, const sb::Response& res) {
  const bool changed = !h.store.changes.empty() || h.store.deliveries > 0;
  if (res.status < 200 || res.status > 599) fail("status out of range");
  if (res.body.find(h.config.secret_key) != std::string::npos)
    fail("a demo answer shows the secret key");
  if (res.content_type == "application/json" &&
      json::parse(res.body, nullptr, false).is_discarded())
    fail("a demo answer is not JSON");
  if (!host_ok) {
    if (res.status != 421 || changed) fail("a foreign Host reached the demo");
    return;
  }
  const bool webhook = path == "/demo/webhooks";
  const bool session = cookie == h.mine || cookie == h.other;
  if (!webhook && !session && (res.status != 403 || changed))
    fail("a demo route answered without a session");
  const bool own_origin = origin == "http://127.0.0.1:4242" || origin == h.config.public_base_url;
  if (s.route->method == std::string("POST") && !webhook && !own_origin &&
      (res.status < 400 || changed))
    fail("a POST without the demo's Origin succeeded or changed something");
  if (webhook && changed) fail("a webhook changed the sandbox's store");
  if (path.rfind("/demo/phone/", 0) == 0 && res.status == 303) {
    const std::string id = path.substr(12);
    if (!session || !h.intents[cookie].count(id))
      fail("a session opened another session's phone page");
    if (res.header("Location").rfind(h.config.public_base_url + "/cashapp/authorize/", 0) != 0)
      fail("the phone page's Location is not the sandbox's own");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Harness h;
  set_up(h);
  static const char* kForged[] = {"31415926535897932384626433832795", "", "x"};
  size_t i = 0;
  for (int steps = 0; i + 4 <= size && steps < 16; ++steps) {
    Step s{&kRoutes[data[i] % std::size(kRoutes)], data[i + 1], data[i + 2], data[i + 3], {}};
    i += 4;
    size_t end = i;
    while (end < size && data[end] != 0xFF) ++end;
    s.body.assign(reinterpret_cast<const char*>(data + i), end - i);
    i = end + 1;

    const std::string pick = h.ids.empty() ? "none" : h.ids[s.id % h.ids.size()];
    std::string path = s.route->path;
    if (size_t at = path.find('#'); at != std::string::npos) path.replace(at, 1, pick);
    if (s.lead & 1) s.body = "payment_method=" + pick + "&" + s.body;
    if ((s.lead & 2) && !h.ids.empty())
      s.body = "customer=" + h.ids[(s.id >> 4) % h.ids.size()] + "&" + s.body;
    const std::string cookies[] = {h.mine, h.other, "",
                                   std::string("sf_demo_session=") + kForged[s.lead % 3]};
    const std::string cookie = cookies[s.who & 3];
    const std::string origins[] = {"http://127.0.0.1:4242", "",
                                   "https://evil.example",  "null",
                                   "http://localhost:4242", "http://127.0.0.1:4242.evil.example"};
    const std::string origin = origins[((s.who >> 2) & 7) % std::size(origins)];
    const bool host_ok = (s.who & 0x20) == 0;
    const std::string host =
        host_ok ? "127.0.0.1:4242" : ((s.who & 0x40) ? "evil.example:4242" : "");
    const sb::Response res = send(h, s.route->method, path, s.body, cookie, origin, host);
    check(h, s, path, cookie, origin, host_ok, res);
    if (res.status == 200) {
      const json j = json::parse(res.body, nullptr, false);
      remember(h, j);
      if (path == "/demo/api/checkout" && j.contains("client_secret") &&
          j["client_secret"].is_string()) {
        const std::string secret = j["client_secret"];
        h.intents[cookie].insert(secret.substr(0, secret.find("_secret_")));
      }
    }
  }
  return 0;
}
