// The hosted demo's merchant (--demo: /demo/api/…, /demo/phone/…,
// /demo/webhooks, and the mail and telephone orders: the contract's
// /demo/moto/… and the desk's /demo/api/moto/…) on request sequences through
// the shell's entry point, wired as the sandbox's main wires it: the Host
// check, then the demo's routes, then the sandbox. The set-up gives two
// sessions Cash App checkouts, makes the demo's phone orders location,
// readers and customer (as --demo does) and starts a MOTO setup in each
// session, on a reader of its own. The fuzzer picks the route, the session
// cookie (none, a forged one, this page's, another page's), the Origin, the
// Host, the ids (remembered ids, the desk's readers and customers, the MOTO
// setups of either session) and the body; a MOTO POST gets the JSON body
// <setupflow-moto> sends (reader, customer, consent record), built from the
// step's bits (another customer, a stale consent, no Idempotency-Key,
// text/plain, raw bytes, …). On every answer:
//   - without a live session no demo route but the webhook answers (the
//     MOTO contract's 401 not_signed_in, the others 403), and such a request
//     changes nothing;
//   - no POST to any demo route without the demo's own Origin succeeds or
//     changes anything;
//   - a session opens the phone page only of the intents its own checkouts
//     made (another's answers 404, never a Location);
//   - a session watches and cancels only the MOTO setups it started, and no
//     request of one session changes a setup the other started; a started
//     setup is this session's and waits on the reader the answer shows;
//   - the consent record the desk shows for a MOTO setup is the one its
//     SetupIntent was made with (customer and every consent metadata field);
//   - a foreign Host is 421 and changes nothing;
//   - answers are well formed (JSON where JSON is said, and always on the
//     MOTO routes, their errors in the contract's shape) and never show the
//     secret key (unless a body carried it: a name or email the demo keeps
//     is shown again); a webhook without a valid signature changes nothing.
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
#include "setupflow/form_encoding.hpp"

namespace sb = setupflow::sandbox;
using fuzzworld::fail;
using sb::json;

namespace {

constexpr const char* kHost = "127.0.0.1:4242";
constexpr const char* kOrigin = "http://127.0.0.1:4242";
constexpr int64_t kNow = 1767225600;  // the demo's clock, and FuzzEnv's

struct Route {
  const char* method;
  // '#' is replaced by a remembered id, '$' by a SetupIntent id (the MOTO
  // setups of either session, the Cash App ones), '%' by a reader id.
  const char* path;
};

constexpr Route kRoutes[] = {
    {"GET", "/demo/api/config"},       {"POST", "/demo/api/checkout"},
    {"GET", "/demo/api/customers"},    {"POST", "/demo/api/charge"},
    {"POST", "/demo/api/detach"},      {"GET", "/demo/api/events"},
    {"GET", "/demo/phone/#"},          {"POST", "/demo/webhooks"},
    {"POST", "/demo/api/#"},           {"GET", "/demo/api/checkout"},
    {"DELETE", "/demo/api/customers"}, {"POST", "/demo/phone/#"},
    // Mail and telephone orders (appended: the seeds above keep their routes).
    {"GET", "/demo/moto/readers"},           {"POST", "/demo/moto/setups"},
    {"GET", "/demo/moto/setups/$?reader=%"}, {"POST", "/demo/moto/setups/$/cancel"},
    {"GET", "/demo/api/moto/desk"},          {"GET", "/demo/api/moto/consent?setup_intent=$"},
    {"POST", "/demo/api/moto/customers"},    {"POST", "/demo/api/moto/link"},
    {"GET", "/demo/moto/setups/$"},          {"DELETE", "/demo/moto/setups/$"},
};

struct Harness {
  fuzzworld::FuzzEnv env;
  fuzzworld::RecordingStore store;
  sb::Config config;
  sb::Sandbox sandbox{config, store, env};
  sb::DemoMerchant merchant{sandbox, [] { return kNow; }};
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
  std::vector<std::string> readers;    // the desk's two readers
  std::vector<std::string> customers;  // the desk's customers, and those it made
  std::vector<std::string> setups;     // SetupIntents to pick: MOTO ones, then others
  std::map<std::string, std::string> started_by;  // MOTO SetupIntent -> session cookie
  bool sent_secret = false;  // a body carried the secret key: an answer may echo it
};

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// j[key], or null when j is not an object or has no such key.
json at(const json& j, const char* key) { return j.is_object() && j.contains(key) ? j[key] : json(); }

std::string session_cookie(Harness& h) {
  sb::Request page;
  page.method = "GET";
  page.path = "/demo/";
  const std::string set = h.merchant.page_cookie(page);
  if (set.empty()) fail("set-up: a page without a session got none");
  return set.substr(0, set.find(';'));
}

// `target` may carry a query. A POST's body is a form unless `headers` says
// otherwise (a MOTO POST's is JSON).
sb::Response send(Harness& h, const std::string& method, const std::string& target,
                  const std::string& body, const std::string& cookie, const std::string& origin,
                  const std::string& host, const std::map<std::string, std::string>& headers = {}) {
  sb::Request req;
  req.method = method;
  const size_t q = target.find('?');
  req.path = target.substr(0, q);
  if (q != std::string::npos) req.query = target.substr(q + 1);
  req.body = body;
  req.remote_ip = "127.0.0.1";
  if (!host.empty()) req.headers["host"] = host;
  if (!cookie.empty()) req.headers["cookie"] = cookie;
  if (!origin.empty()) req.headers["origin"] = origin;
  if (method == "POST") req.headers["content-type"] = "application/x-www-form-urlencoded";
  for (const auto& [k, v] : headers) req.headers[k] = v;
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

// The MOTO SetupIntents the last request made (those with the consent
// metadata) are `cookie`'s.
void note_started(Harness& h, const std::string& cookie) {
  for (const fuzzworld::Change& c : h.store.changes) {
    if (!c.before.is_null() || !starts_with(c.id, "seti_") ||
        at(at(c.after, "metadata"), "consent_terms_version").is_null())
      continue;
    if (h.started_by.emplace(c.id, cookie).second)
      h.setups.insert(h.setups.begin() + (h.started_by.size() - 1), c.id);
  }
}

// The consent record as <setupflow-moto> sends it.
json consent_for(const std::string& customer, const std::string& text,
                 const std::string& allow_redisplay, int64_t accepted_at) {
  return {{"terms_version", "moto-2026-12-en"},
          {"locale", "en"},
          {"text", "You authorize Rocket Rides to keep the card you give today. " + text},
          {"customer", customer},
          {"agent", sb::DemoMoto::kAgent},
          {"channel", "telephone"},
          {"allow_redisplay", allow_redisplay},
          {"accepted_at", accepted_at}};
}

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// True when `body` carries `key` as the demo may read and keep it (a form
// field, percent-decoded, or a JSON string): a customer's name, an email or a
// consent text the fuzzer typed the key into comes back in later answers.
bool carries(const std::string& body, const std::string& key) {
  if (body.find(key) != std::string::npos) return true;
  const json j = json::parse(body, nullptr, false);
  if (!j.is_discarded() && dump(j).find(key) != std::string::npos) return true;
  for (size_t start = 0; start <= body.size();) {
    size_t end = body.find_first_of("&=", start);
    if (end == std::string::npos) end = body.size();
    const auto piece = setupflow::percent_decode(std::string_view(body).substr(start, end - start));
    if (piece.ok() && piece.value().find(key) != std::string::npos) return true;
    start = end + 1;
  }
  return false;
}

// A MOTO setup started by `cookie` on `reader` for the set-up.
void start_setup(Harness& h, const std::string& cookie, const std::string& reader,
                 const std::string& customer) {
  const json body = {{"reader", reader},
                     {"customer", customer},
                     {"consent", consent_for(customer, "", "limited", kNow)}};
  const sb::Response r = send(h, "POST", "/demo/moto/setups", dump(body), cookie, kOrigin, kHost,
                              {{"content-type", "application/json"}, {"idempotency-key", "set-up"}});
  if (r.status != 200) fail("set-up: the demo's MOTO start failed");
  note_started(h, cookie);
}

// A checkout by the session `cookie`, confirmed by the page as the demo's
// does (publishable key, client secret): it waits on its phone page. Returns
// the intent.
json checkout(Harness& h, const std::string& cookie, const std::string& mode) {
  const sb::Response r = send(h, "POST", "/demo/api/checkout",
                              "mode=" + mode + "&email=rider%40example.com", cookie, kOrigin, kHost);
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
  confirm.headers = {{"host", kHost},
                     {"authorization", "Bearer " + h.config.publishable_key},
                     {"content-type", "application/x-www-form-urlencoded"}};
  const json intent =
      json::parse(sb::answer_request(h.sandbox, h.hosts, h.extra, confirm).body, nullptr, false);
  if (intent.value("status", "") != "requires_action") fail("set-up: the page's confirm failed");
  return intent;
}

// Two sessions: one with a Cash App account saved and a payment waiting on
// its phone page, the other with a setup waiting on its phone page. Then the
// demo's phone orders (made after the Cash App set-up, so the seeds' ids stay
// where they were): each session starts a MOTO setup on a reader of its own,
// with the same Idempotency-Key.
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
  approve.headers = {{"host", kHost}, {"content-type", "application/x-www-form-urlencoded"}};
  if (sb::answer_request(h.sandbox, h.hosts, h.extra, approve).status != 200)
    fail("set-up: no approval");
  checkout(h, h.mine, "payment");
  // The saved payment method, for charge and detach.
  remember(h, json::parse(send(h, "GET", "/demo/api/customers", "", h.mine, "", kHost).body,
                          nullptr, false));

  h.merchant.prepare_moto();
  const json desk =
      json::parse(send(h, "GET", "/demo/api/moto/desk", "", h.mine, "", kHost).body, nullptr, false);
  for (const json& r : desk.value("readers", json::array())) h.readers.push_back(r.value("id", ""));
  for (const json& c : desk.value("customers", json::array())) h.customers.push_back(c.value("id", ""));
  if (h.readers.size() != 2 || h.customers.empty()) fail("set-up: the demo's desk is not ready");
  start_setup(h, h.mine, h.readers[0], h.customers[0]);
  start_setup(h, h.other, h.readers[1], h.customers[0]);
  for (const std::string* cookie : {&h.mine, &h.other})  // not the map's order: cookies are random
    for (const std::string& id : h.intents[*cookie])
      if (starts_with(id, "seti_")) h.setups.push_back(id);
  if (std::getenv("FUZZ_TRACE")) {
    for (size_t i = 0; i < h.ids.size(); ++i) std::fprintf(stderr, "id %zu: %s\n", i, h.ids[i].c_str());
    for (const std::string& id : h.setups)
      std::fprintf(stderr, "setup %s%s\n", id.c_str(),
                   h.started_by.count(id) ? (h.started_by[id] == h.mine ? " (mine)" : " (other)") : "");
    for (const std::string& id : h.readers) std::fprintf(stderr, "reader %s\n", id.c_str());
  }
}

struct Step {
  const Route* route;
  uint8_t who, id, lead;
  std::string body;
};

const std::string& pick(const std::vector<std::string>& from, size_t n) {
  static const std::string none = "none";
  return from.empty() ? none : from[n % from.size()];
}

// What a MOTO POST sends, from the step's bits: the JSON body (reader,
// customer, consent) <setupflow-moto> sends, or raw bytes; its Content-Type
// and Idempotency-Key.
std::string moto_post(const Harness& h, const Step& s, std::map<std::string, std::string>& headers) {
  headers["content-type"] = (s.lead & 0x40) ? "text/plain" : "application/json";
  if (!(s.lead & 0x20)) headers["idempotency-key"] = "start-" + std::to_string((s.id >> 4) & 3);
  if (s.lead & 0x80) return s.body;
  const std::string reader = (s.lead & 1) ? pick(h.ids, s.id) : pick(h.readers, s.id);
  const size_t c = s.id >> 1;
  const std::string customer = (s.lead & 2) ? pick(h.ids, c) : pick(h.customers, c);
  const std::string named = (s.lead & 4) ? pick(h.customers, c + 1) : customer;
  return dump({{"reader", reader},
               {"customer", customer},
               {"consent", consent_for(named, s.body, (s.lead & 8) ? "always" : "limited",
                                       kNow - ((s.lead & 0x10) ? 700 : 0))}});
}

// The consent record the desk shows for each MOTO setup is the one its
// SetupIntent was made with.
void check_consents(Harness& h) {
  for (const auto& [id, cookie] : h.started_by) {
    const auto si = h.store.get(id);
    if (!si) fail("a MOTO setup is gone");
    const sb::Response r =
        send(h, "GET", "/demo/api/moto/consent?setup_intent=" + id, "", h.mine, "", kHost);
    const json record = at(json::parse(r.body, nullptr, false), "consent");
    if (r.status != 200 || !record.is_object()) fail("a MOTO setup has no consent record");
    const json m = at(*si, "metadata");
    bool same = m.is_object() && record.value("customer", json()) == at(*si, "customer") &&
                at(m, "consent_accepted_at") == dump(at(record, "accepted_at"));
    for (const char* k : {"terms_version", "locale", "channel", "agent", "allow_redisplay"})
      same = same && at(m, (std::string("consent_") + k).c_str()) == at(record, k);
    if (!same) fail("a MOTO setup's consent record is not the one it was made with");
  }
}

void check(Harness& h, const Step& s, const std::string& path, const std::string& cookie,
           const std::string& origin, bool host_ok, const sb::Response& res) {
  const bool changed = !h.store.changes.empty() || h.store.deliveries > 0;
  if (res.status < 200 || res.status > 599) fail("status out of range");
  if (!h.sent_secret && res.body.find(h.config.secret_key) != std::string::npos)
    fail("a demo answer shows the secret key");
  const json j = res.content_type == "application/json" ? json::parse(res.body, nullptr, false)
                                                        : json();
  if (j.is_discarded()) fail("a demo answer is not JSON");
  if (!host_ok) {
    if (res.status != 421 || changed) fail("a foreign Host reached the demo");
    return;
  }
  const bool webhook = path == "/demo/webhooks";
  const bool moto = starts_with(path, "/demo/moto/");
  const bool session = cookie == h.mine || cookie == h.other;
  if ((moto || starts_with(path, "/demo/api/moto/")) && !j.is_object())
    fail("a MOTO answer is not a JSON object");
  const json error = at(j, "error");
  if (moto && res.status != 200 &&
      (!at(error, "type").is_string() || !error.contains("code") || !error.contains("param")))
    fail("a MOTO error is not in the contract's shape");
  if (!webhook && !session) {
    if (moto && (res.status != 401 || at(error, "code") != "not_signed_in" || changed))
      fail("a MOTO route answered without a session");
    if (!moto && (res.status != 403 || changed)) fail("a demo route answered without a session");
  }
  const bool own_origin = origin == kOrigin || origin == h.config.public_base_url;
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
  // MOTO setups are the session's that started them.
  for (const fuzzworld::Change& c : h.store.changes) {
    const auto by = h.started_by.find(c.id);
    if (by != h.started_by.end() && by->second != cookie && !c.before.is_null())
      fail("a request changed a MOTO setup another session started");
  }
  if (moto && res.status == 200 && starts_with(path, "/demo/moto/setups/")) {
    const std::string id = path.substr(18, path.find('/', 18) - 18);
    const auto by = h.started_by.find(id);
    if (by == h.started_by.end() || by->second != cookie)
      fail("a session watched or canceled a setup it did not start");
  }
  if (moto && res.status == 200 && path == "/demo/moto/setups") {
    const json id = at(at(j, "setup_intent"), "id");
    const auto by = h.started_by.find(id.is_string() ? id.get<std::string>() : "");
    if (by == h.started_by.end() || by->second != cookie)
      fail("a start answered with a setup this session did not start");
    if (at(at(at(j, "reader"), "action"), "setup_intent") != id || !at(j, "card").is_null())
      fail("a started setup does not wait on the reader");
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

    const std::string& any = pick(h.ids, s.id);
    std::string path = s.route->path;
    if (size_t at = path.find('#'); at != std::string::npos) path.replace(at, 1, any);
    if (size_t at = path.find('$'); at != std::string::npos)
      path.replace(at, 1, pick(h.setups, s.id >> 1));
    if (size_t at = path.find('%'); at != std::string::npos)
      path.replace(at, 1, (s.lead & 1) ? any : pick(h.readers, s.id));
    const std::string route = path.substr(0, path.find('?'));
    std::map<std::string, std::string> headers;
    if (starts_with(route, "/demo/moto/") && s.route->method == std::string("POST")) {
      s.body = moto_post(h, s, headers);
    } else if (route == "/demo/api/moto/link" && !(s.lead & 0x80)) {
      s.body = "reader=" + ((s.lead & 1) ? any : pick(h.readers, s.id)) +
               "&link=" + ((s.lead & 8) ? "online" : "offline") + "&" + s.body;
    } else {
      if (s.lead & 1) s.body = "payment_method=" + any + "&" + s.body;
      if ((s.lead & 2) && !h.ids.empty())
        s.body = "customer=" + h.ids[(s.id >> 4) % h.ids.size()] + "&" + s.body;
    }
    const std::string cookies[] = {h.mine, h.other, "",
                                   std::string("sf_demo_session=") + kForged[s.lead % 3]};
    const std::string cookie = cookies[s.who & 3];
    const std::string origins[] = {kOrigin,
                                   "",
                                   "https://evil.example",
                                   "null",
                                   "http://localhost:4242",
                                   "http://127.0.0.1:4242.evil.example"};
    const std::string origin = origins[((s.who >> 2) & 7) % std::size(origins)];
    const bool host_ok = (s.who & 0x20) == 0;
    const std::string host = host_ok ? kHost : ((s.who & 0x40) ? "evil.example:4242" : "");
    h.sent_secret = h.sent_secret || carries(s.body, h.config.secret_key);
    const sb::Response res = send(h, s.route->method, path, s.body, cookie, origin, host, headers);
    if (cookie == h.mine || cookie == h.other) note_started(h, cookie);
    check(h, s, route, cookie, origin, host_ok, res);
    if (res.status == 200) {
      const json j = json::parse(res.body, nullptr, false);
      remember(h, j);
      if (route == "/demo/api/checkout" && j.contains("client_secret") &&
          j["client_secret"].is_string()) {
        const std::string secret = j["client_secret"];
        h.intents[cookie].insert(secret.substr(0, secret.find("_secret_")));
      }
      if (route == "/demo/api/moto/customers" && at(j, "id").is_string() && h.customers.size() < 16)
        h.customers.push_back(j["id"]);
    }
    if (route == "/demo/moto/setups" && host_ok) check_consents(h);
  }
  return 0;
}
