// Publishable-key requests reach only what their client secret reaches. Two
// customers' worlds, A and B, are made with the secret key: each a customer,
// a Cash App SetupIntent approved on the phone page (a saved payment method
// and its mandate), one waiting for approval and a waiting PaymentIntent.
// The fuzzer then plays A's browser: it knows A's client secrets, A's phone
// page codes and A's Cash App sign-in, and every id of both worlds (ids are
// not secrets), but none of B's secrets. Any sequence of publishable-key
// calls and simulated-page requests it makes must
//   - change no object of world B (an object with one of B's ids, or one
//     whose content names one: B's setup attempts, tokens, events), and
//   - never show B's client secrets or phone page codes.
// A request that names one of B's secrets is B's own (the fuzzer may find them
// out) and is not checked. B's $Cashtag is not one the fuzzer is told: the simulated Cash App signs
// a shopper in as whatever $Cashtag they type (there is no password), so whoever types B's can act
// as B's buyer; that is the simulation, not a key's reach.
//
// Input: records of 4 bytes (route; what the body starts with: bit 0 one of
// A's client secrets (bits 5-7), bit 1 a payment_method, bit 2 A's Cash App
// sign-in; the path's id; the payment_method's) and a body up to 0xFF. The
// ids are drawn from A's ids, A's secrets, then B's ids.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "front_door.hpp"
#include "host_check.hpp"
#include "sandbox_world.hpp"

namespace sb = setupflow::sandbox;
using fuzzworld::fail;
using sb::json;

namespace {

struct Route {
  const char* method;
  const char* path;  // '#' and '%' are replaced by ids from the pool
};

constexpr Route kRoutes[] = {
    {"GET", "/v1/setup_intents/#"},
    {"POST", "/v1/setup_intents/#/confirm"},
    {"GET", "/v1/payment_intents/#"},
    {"POST", "/v1/payment_intents/#/confirm"},
    {"GET", "/cashapp/authorize/#"},
    {"POST", "/cashapp/authorize/#"},
    {"GET", "/cashapp/instructions/#/%"},
    {"GET", "/cashapp/qr/#.svg"},
    {"GET", "/cashapp/buyers/#"},
    {"POST", "/cashapp/buyers/#/revoke"},
    {"POST", "/v1/payment_methods/#/detach"},
    {"POST", "/v1/customers/#"},
    {"GET", "/v1/mandates/#"},
};

// What one world is made of, as its owner knows it.
struct World {
  std::vector<std::string> ids;  // customer, intents, payment method, mandate, buyer
  std::vector<std::string> client_secrets;
  std::vector<std::string> secrets;  // client secrets, phone page codes, instructions sessions
  std::string buyer_cookie;
};

struct Harness {
  fuzzworld::FuzzEnv env;
  fuzzworld::RecordingStore store;
  sb::Config config;
  sb::Sandbox sandbox{config, store, env};
  std::vector<std::string> hosts = sb::allowed_hosts("127.0.0.1", 4242, "");
  World a, b;
};

sb::Response send(Harness& h, const std::string& method, const std::string& path,
                  const std::string& body, const std::string& key, const std::string& cookie = "") {
  sb::Request req;
  req.method = method;
  (method == "POST" ? req.body : req.query) = body;
  req.path = path;
  req.remote_ip = "127.0.0.1";
  req.headers["host"] = "127.0.0.1:4242";
  req.headers["user-agent"] = "fuzz";
  if (!key.empty()) req.headers["authorization"] = "Bearer " + key;
  if (method == "POST") req.headers["content-type"] = "application/x-www-form-urlencoded";
  if (!cookie.empty()) req.headers["cookie"] = cookie;
  h.store.clear();
  sb::Response res = sb::answer_request(h.sandbox, h.hosts, nullptr, req);
  fuzzworld::trace(req, res);
  return res;
}

// The phone page code and instructions session of a waiting intent
// (mobile_auth_url's and hosted_instructions_url's last segment), in that order.
std::vector<std::string> next_action_secrets(const json& intent) {
  std::vector<std::string> out;
  const json& na = intent.value("next_action", json::object());
  if (!na.is_object() || !na.contains("cashapp_handle_redirect_or_display_qr_code")) return out;
  const json& qr = na["cashapp_handle_redirect_or_display_qr_code"];
  for (const char* k : {"mobile_auth_url", "hosted_instructions_url"}) {
    if (!qr.contains(k) || !qr[k].is_string()) continue;
    std::string url = qr[k];
    url = url.substr(0, url.find('?'));
    for (const char* marker : {"/cashapp/authorize/", "/cashapp/instructions/"}) {
      const size_t at = url.find(marker);
      if (at == std::string::npos) continue;
      const std::string rest = url.substr(at + std::char_traits<char>::length(marker));
      const size_t slash = rest.find('/');
      out.push_back(slash == std::string::npos ? rest : rest.substr(slash + 1));
    }
  }
  return out;
}

// A Cash App intent of `customer`, confirmed with the secret key: it waits for
// its phone page. `create` is the create's body (customer and type added).
json waiting_intent(Harness& h, World& w, const std::string& kind, const std::string& create) {
  const std::string sk = h.config.secret_key;
  json made = json::parse(send(h, "POST", "/v1/" + kind, create, sk).body, nullptr, false);
  if (!made.contains("id")) fail("set-up: no intent");
  const std::string id = made["id"];
  json intent = json::parse(
      send(h, "POST", "/v1/" + kind + "/" + id + "/confirm",
           "payment_method_data[type]=cashapp&return_url=https%3A%2F%2Fshop.example%2Fdone"
           "&mandate_data[customer_acceptance][type]=online"
           "&mandate_data[customer_acceptance][online][infer_from_client]=true",
           sk)
          .body,
      nullptr, false);
  if (intent.value("status", "") != "requires_action")
    fail("set-up: the intent does not wait for Cash App");
  w.ids.push_back(id);
  w.secrets.push_back(intent.value("client_secret", ""));
  w.client_secrets.push_back(w.secrets.back());
  for (auto& s : next_action_secrets(intent)) w.secrets.push_back(std::move(s));
  return intent;
}

void make_world(Harness& h, World& w, const std::string& cashtag) {
  const std::string sk = h.config.secret_key;
  json cus = json::parse(send(h, "POST", "/v1/customers", "email=w%40example.com", sk).body,
                         nullptr, false);
  if (!cus.contains("id")) fail("set-up: no customer");
  const std::string c = cus["id"];
  w.ids.push_back(c);
  const std::string setup = "customer=" + c + "&payment_method_types[]=cashapp&usage=off_session";
  json saved = waiting_intent(h, w, "setup_intents", setup);
  const std::vector<std::string> codes = next_action_secrets(saved);
  if (codes.empty()) fail("set-up: no phone page");
  const std::string code = codes[0];
  sb::Response approved =
      send(h, "POST", "/cashapp/authorize/" + code, "action=approve&cashtag=" + cashtag, "");
  w.buyer_cookie = approved.header("Set-Cookie").substr(0, approved.header("Set-Cookie").find(';'));
  json done = json::parse(
      send(h, "GET", "/v1/setup_intents/" + saved["id"].get<std::string>(), "", sk).body, nullptr,
      false);
  if (done.value("status", "") != "succeeded")
    fail("set-up: the approval did not save a payment method");
  for (const char* k : {"payment_method", "mandate"}) w.ids.push_back(done.value(k, ""));
  json pm = json::parse(
      send(h, "GET", "/v1/payment_methods/" + done.value("payment_method", ""), "", sk).body,
      nullptr, false);
  if (pm.contains("cashapp")) w.ids.push_back(pm["cashapp"].value("buyer_id", ""));
  waiting_intent(h, w, "setup_intents", setup);
  waiting_intent(h, w, "payment_intents",
                 "customer=" + c + "&payment_method_types[]=cashapp&amount=1500&currency=usd");
}

// True when a change touches world B: one of its objects, or an object whose
// content names one of B's ids.
bool touches(const fuzzworld::Change& c, const World& b) {
  const std::string text = c.id + " " + c.before.dump() + " " + c.after.dump();
  for (const auto& id : b.ids)
    if (!id.empty() && text.find(id) != std::string::npos) return true;
  return false;
}

std::string pick(const std::vector<std::string>& pool, uint8_t n) {
  return pool.empty() ? "x" : pool[n % pool.size()];
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Harness h;
  make_world(h, h.a, "$alice");
  make_world(h, h.b, "$bobIsolated");
  // A's browser knows A's secrets and every id.
  std::vector<std::string> pool = h.a.ids;
  pool.insert(pool.end(), h.a.secrets.begin(), h.a.secrets.end());
  pool.insert(pool.end(), h.b.ids.begin(), h.b.ids.end());

  size_t i = 0;
  for (int steps = 0; i + 4 <= size && steps < 12; ++steps) {
    const Route& route = kRoutes[data[i] % std::size(kRoutes)];
    const uint8_t lead = data[i + 1], which = data[i + 2], param = data[i + 3];
    i += 4;
    size_t end = i;
    while (end < size && data[end] != 0xFF) ++end;
    std::string body(reinterpret_cast<const char*>(data + i), end - i);
    i = end + 1;

    std::string path = route.path;
    if (size_t at = path.find('#'); at != std::string::npos) path.replace(at, 1, pick(pool, which));
    if (size_t at = path.find('%'); at != std::string::npos) path.replace(at, 1, pick(pool, param));
    if (lead & 1) body = "client_secret=" + pick(h.a.client_secrets, lead >> 5) + "&" + body;
    if (lead & 2) body = "payment_method=" + pick(pool, param) + "&" + body;
    const bool api = path.rfind("/v1/", 0) == 0;
    const sb::Response res = send(h, route.method, path, body, api ? h.config.publishable_key : "",
                                  (lead & 4) ? h.a.buyer_cookie : "");
    fuzzworld::check_answer(res, path);
    // A request that names one of B's secrets holds B's credentials (the
    // fuzzer can learn them: the store compares the ids it is asked for with
    // those it holds); what it does is B's to do.
    bool holds_b = false;
    for (const auto& secret : h.b.secrets)
      holds_b =
          holds_b || (!secret.empty() && (path + " " + body).find(secret) != std::string::npos);
    if (holds_b) continue;
    for (const auto& c : h.store.changes)
      if (touches(c, h.b)) fail("a request with A's credentials changed an object of world B");
    for (const auto& secret : h.b.secrets)
      if (!secret.empty() && res.body.find(secret) != std::string::npos)
        fail("an answer to A shows B's secret");
  }
  return 0;
}
