#include "demo_merchant.hpp"

#include <cctype>
#include <ctime>
#include <string_view>
#include <utility>

#include "crypto.hpp"
#include "params.hpp"
#include "render.hpp"
#include "setupflow/form_encoding.hpp"
#include "webhook_signing.hpp"

namespace setupflow::sandbox {
namespace {

constexpr std::string_view kApiPrefix = "/demo/api/";
constexpr std::string_view kPhonePrefix = "/demo/phone/";
constexpr std::string_view kWebhookPath = "/demo/webhooks";

Response reply(const json& body, int status = 200) {
  Response r;
  r.status = status;
  r.body = body.dump();
  r.set_header("Cache-Control", "no-store");
  return r;
}

Response fail(int status, const std::string& message) {
  return reply(json{{"error", {{"message", message}}}}, status);
}

// Decoded form fields of a demo request (flat: the demo sends no nesting).
std::string field(const FormNode& form, std::string_view name) {
  const FormNode* n = form.get(name);
  return n && n->kind == FormNode::Kind::string ? n->value : std::string();
}

bool safe_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  }
  return true;
}

// "t=…,v1=…[,v1=…]": any v1 matching HMAC(secret, "t.body") within tolerance.
bool signature_ok(const std::string& header, const std::string& secret, const std::string& body,
                  int64_t now, int64_t tolerance) {
  int64_t t = -1;
  std::vector<std::string> signatures;
  size_t start = 0;
  while (start <= header.size()) {
    size_t end = header.find(',', start);
    if (end == std::string::npos) end = header.size();
    std::string_view part(header.data() + start, end - start);
    if (part.rfind("t=", 0) == 0) {
      int64_t v = 0;
      bool digits = part.size() > 2 && part.size() <= 14;
      for (char c : part.substr(2)) {
        if (c < '0' || c > '9') digits = false;
        else v = v * 10 + (c - '0');
      }
      if (digits) t = v;
    } else if (part.rfind("v1=", 0) == 0) {
      signatures.emplace_back(part.substr(3));
    }
    start = end + 1;
  }
  if (t < 0 || signatures.empty() || secret.empty()) return false;
  if (now - t > tolerance || t - now > tolerance) return false;
  const std::string expected = hmac_sha256_hex(secret, std::to_string(t) + "." + body);
  for (const auto& s : signatures) {
    if (secure_equals(s, expected)) return true;
  }
  return false;
}

}  // namespace

bool DemoMerchant::handles(const std::string& path) {
  return path.rfind(kApiPrefix, 0) == 0 || path.rfind(kPhonePrefix, 0) == 0 || path == kWebhookPath ||
         DemoMoto::handles(path);
}

void DemoMerchant::set_webhook_secret(std::string secret) {
  std::lock_guard<std::mutex> lock(mutex_);
  webhook_secret_ = std::move(secret);
}

json DemoMerchant::api(const std::string& method, const std::string& path, const std::string& form,
                       int* status) {
  ApiReply r = api_reply(method, path, form, "");
  if (status) *status = r.status;
  return std::move(r.body);
}

ApiReply DemoMerchant::api_reply(const std::string& method, const std::string& path, const std::string& form,
                                 const std::string& idempotency_key) {
  Request req;
  req.method = method;
  const size_t q = path.find('?');
  req.path = path.substr(0, q);
  if (q != std::string::npos) req.query = path.substr(q + 1);
  req.body = form;
  req.remote_ip = "127.0.0.1";
  req.headers["authorization"] = "Bearer " + sandbox_.config().secret_key;
  if (method == "POST") req.headers["content-type"] = "application/x-www-form-urlencoded";
  req.headers["user-agent"] = "setupflow-demo-merchant";
  if (!idempotency_key.empty()) req.headers["idempotency-key"] = idempotency_key;
  const Response res = sandbox_.handle(req);
  json body = json::parse(res.body, nullptr, /*allow_exceptions=*/false);
  return {res.status, body.is_discarded() ? json::object() : std::move(body)};
}

Response DemoMerchant::handle(const Request& request) {
  const std::string& path = request.path;
  if (path == kWebhookPath) {
    return request.method == "POST" ? webhook(request) : fail(405, "POST only");
  }
  const std::string session = sessions_.session_of(request);
  if (DemoMoto::handles(path)) {
    // Without a session the contract's 401; a POST from another site is
    // refused as every demo POST is, in the contract's error shape.
    if (!session.empty() && request.method == "POST" && !same_origin(request))
      return moto_answer({{"error",
                           {{"type", "invalid_request_error"},
                            {"code", "cross_site_request"},
                            {"message", "Cross-site request refused: a POST must come from the demo's own pages."},
                            {"param", nullptr}}}},
                         403);
    return moto_.handle(request, session);
  }
  if (session.empty())
    return fail(403, "No demo session: open one of the demo's pages first (it sets the session cookie).");
  if (request.method == "POST" && !same_origin(request))
    return fail(403, "Cross-site request refused: a POST must come from the demo's own pages.");
  if (path.rfind(kPhonePrefix, 0) == 0) {
    const std::string id = path.substr(kPhonePrefix.size());
    return request.method == "GET" && safe_id(id) ? phone(id, session) : fail(404, "No such page.");
  }
  const std::string route = path.substr(kApiPrefix.size());
  if (request.method == "GET" && route == "config") {
    return reply(json{{"publishable_key", sandbox_.config().publishable_key},
                      {"merchant_name", sandbox_.config().merchant_name}});
  }
  if (DemoMoto::handles_desk(route)) return moto_.handle_desk(request, route);
  if (request.method == "GET" && route == "customers") return customers();
  if (request.method == "GET" && route == "events") return events();
  if (request.method == "POST" && route == "checkout") return checkout(request, session);
  if (request.method == "POST" && route == "charge") return charge(request);
  if (request.method == "POST" && route == "detach") return detach(request);
  return fail(404, "No such demo route.");
}

bool DemoMerchant::same_origin(const Request& request) const {
  const std::string origin = request.header("origin");
  return !origin.empty() && (origin == "http://" + request.header("host") || origin == sandbox_.config().public_base_url);
}

Response DemoMerchant::checkout(const Request& request, const std::string& session) {
  auto form = decode_form(request.body);
  if (!form) return fail(400, form.error().message);
  const bool payment = field(*form, "mode") == "payment";
  std::string email = field(*form, "email");
  if (email.size() > 200) return fail(400, "The email is too long.");

  // One customer per email, as a shop's own user table would give.
  int status = 0;
  std::string customer;
  if (!email.empty()) {
    json found = api("GET", "/v1/customers?limit=1&email=" + percent_encode(email), "", &status);
    if (status == 200 && found.contains("data") && !found["data"].empty()) customer = found["data"][0]["id"];
  }
  if (customer.empty()) {
    json created = api("POST", "/v1/customers",
                       encode_form({{"email", email}, {"description", "Rocket Rides demo rider"}}), &status);
    if (status != 200) return reply(created, status);
    customer = created["id"];
  }
  json intent;
  if (payment) {
    intent = api("POST", "/v1/payment_intents",
                 encode_form({{"amount", "1200"},
                              {"currency", "usd"},
                              {"customer", customer},
                              {"payment_method_types[]", "cashapp"},
                              {"setup_future_usage", "off_session"},
                              {"description", "Rocket Rides: ride and saved Cash App Pay"}}),
                 &status);
  } else {
    intent = api("POST", "/v1/setup_intents",
                 encode_form({{"customer", customer},
                              {"payment_method_types[]", "cashapp"},
                              {"usage", "off_session"},
                              {"description", "Rocket Rides: save Cash App Pay"}}),
                 &status);
  }
  if (status != 200) return reply(intent, status);
  sessions_.remember_intent(session, intent["id"]);
  return reply(json{{"client_secret", intent["client_secret"]},
                    {"publishable_key", sandbox_.config().publishable_key},
                    {"customer", customer}});
}

Response DemoMerchant::customers() {
  int status = 0;
  json list = api("GET", "/v1/customers?limit=50", "", &status);
  if (status != 200) return reply(list, status);
  json out = json::array();
  for (const auto& c : list["data"]) {
    const std::string id = c["id"];
    // The SetupIntents that saved each method: a Cash App method's mandate,
    // a card's consent record.
    json setups = api("GET", "/v1/setup_intents?customer=" + id + "&limit=100", "", &status);
    if (status != 200) setups = json::object();
    json methods = api("GET", "/v1/customers/" + id + "/payment_methods?type=cashapp", "", &status);
    json saved = json::array();
    for (auto pm : status == 200 ? methods["data"] : json::array()) {
      for (const auto& si : setups.value("data", json::array())) {
        if (si.value("payment_method", json()) == pm["id"] && si["mandate"].is_string()) {
          json m = api("GET", "/v1/mandates/" + si["mandate"].get<std::string>(), "", &status);
          if (status == 200) pm["mandate"] = {{"id", m["id"]}, {"status", m["status"]}};
        }
      }
      saved.push_back(pm);
    }
    out.push_back(json{{"id", id},
                       {"email", c.value("email", json())},
                       {"name", c.value("name", json())},
                       {"payment_methods", saved},
                       {"cards", moto_.saved_cards(id, setups)}});
  }
  return reply(json{{"data", out}});
}

Response DemoMerchant::charge(const Request& request) {
  auto form = decode_form(request.body);
  if (!form) return fail(400, form.error().message);
  int status = 0;
  // Without payment_method_types the saved method's own type (cashapp, or a
  // card saved by phone) is used.
  json pi = api("POST", "/v1/payment_intents",
                encode_form({{"amount", field(*form, "amount").empty() ? "2500" : field(*form, "amount")},
                             {"currency", "usd"},
                             {"customer", field(*form, "customer")},
                             {"payment_method", field(*form, "payment_method")},
                             {"off_session", "true"},
                             {"confirm", "true"},
                             {"description", "Rocket Rides: ride charged off-session"}}),
                &status);
  // A decline is a 402 whose error carries the PaymentIntent: show it.
  if (status == 402 && pi.contains("error") && pi["error"].contains("payment_intent")) {
    return reply(json{{"payment_intent", pi["error"]["payment_intent"]}});
  }
  if (status != 200) return reply(pi, status);
  return reply(json{{"payment_intent", pi}});
}

Response DemoMerchant::detach(const Request& request) {
  auto form = decode_form(request.body);
  if (!form) return fail(400, form.error().message);
  const std::string pm = field(*form, "payment_method");
  if (!safe_id(pm)) return fail(400, "payment_method must be a PaymentMethod id.");
  int status = 0;
  json out = api("POST", "/v1/payment_methods/" + pm + "/detach", "", &status);
  if (status != 200) return reply(out, status);
  return reply(json{{"payment_method", out}});
}

Response DemoMerchant::events() {
  std::lock_guard<std::mutex> lock(mutex_);
  json data = json::array();
  for (const auto& e : events_) data.push_back(e);
  return reply(json{{"data", data}});
}

Response DemoMerchant::phone(const std::string& intent_id, const std::string& session) {
  const bool payment = intent_id.rfind("pi_", 0) == 0;
  int status = 0;
  // Another session's intent looks like one with nothing waiting.
  const std::string path = std::string(payment ? "/v1/payment_intents/" : "/v1/setup_intents/") + intent_id;
  json intent = sessions_.owns_intent(session, intent_id) ? api("GET", path, "", &status) : json::object();
  // The QR's payload (qr_code.data); with --no-extensions, the same page
  // from mobile_auth_url without its redirect flag.
  std::string data;
  if (status == 200 && intent["next_action"].is_object()) {
    const json& na = intent["next_action"]["cashapp_handle_redirect_or_display_qr_code"];
    if (na.is_object() && na["qr_code"].is_object() && na["qr_code"]["data"].is_string())
      data = na["qr_code"]["data"];
    else if (na.is_object() && na["mobile_auth_url"].is_string())
      data = na["mobile_auth_url"].get<std::string>().substr(0, na["mobile_auth_url"].get<std::string>().find('?'));
  }
  if (data.empty()) {
    Response r;
    r.status = 404;
    r.content_type = "text/plain; charset=utf-8";
    r.body = "There is no Cash App request waiting for this intent.\n";
    return r;
  }
  // The QR's payload is the phone page: opening it is what scanning does.
  Response r;
  r.status = 303;
  r.content_type = "text/plain; charset=utf-8";
  r.set_header("Location", data);
  return r;
}

Response DemoMerchant::webhook(const Request& request) {
  std::string secret;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    secret = webhook_secret_;
  }
  if (!signature_ok(request.header("stripe-signature"), secret, request.body, now_(),
                    kSignatureToleranceSeconds)) {
    return fail(400, "Bad Stripe-Signature.");
  }
  json event = json::parse(request.body, nullptr, false);
  if (event.is_discarded() || !event.is_object()) return fail(400, "The body is not an event.");
  const json& object = event["data"]["object"];
  json entry{{"id", event.value("id", "")},
             {"type", event.value("type", "")},
             {"created", event.value("created", 0)},
             {"object_id", object.is_object() ? object.value("id", "") : ""}};
  std::lock_guard<std::mutex> lock(mutex_);
  // At-least-once delivery: a redelivered event is shown once.
  for (const auto& e : events_) {
    if (e["id"] == entry["id"]) return reply(json{{"received", true}});
  }
  events_.push_front(std::move(entry));
  if (events_.size() > kMaxEvents) events_.pop_back();
  return reply(json{{"received", true}});
}

}  // namespace setupflow::sandbox
