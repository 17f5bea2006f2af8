#include "sandbox.hpp"

#include <algorithm>

#include "api_error.hpp"
#include "endpoints.hpp"
#include "objects.hpp"
#include "sqlite_store.hpp"

namespace setupflow::sandbox {
namespace {

enum class Access { secret, browser, page };

struct Route {
  const char* method;
  const char* pattern;
  const char* name;  // fault-injection and README name
  Response (*fn)(Ctx&);
  Access access;
};

const Route kRoutes[] = {
    {"POST", "/v1/customers", "customers.create", customer_create, Access::secret},
    {"GET", "/v1/customers", "customers.list", customer_list, Access::secret},
    {"GET", "/v1/customers/:", "customers.retrieve", customer_retrieve, Access::secret},
    {"POST", "/v1/customers/:", "customers.update", customer_update, Access::secret},
    {"GET", "/v1/customers/:/payment_methods", "customers.list_payment_methods",
     customer_list_payment_methods, Access::secret},
    {"POST", "/v1/setup_intents", "setup_intents.create", setup_intent_create, Access::secret},
    {"GET", "/v1/setup_intents", "setup_intents.list", setup_intent_list, Access::secret},
    {"GET", "/v1/setup_intents/:", "setup_intents.retrieve", setup_intent_retrieve, Access::browser},
    {"POST", "/v1/setup_intents/:", "setup_intents.update", setup_intent_update, Access::secret},
    {"POST", "/v1/setup_intents/:/confirm", "setup_intents.confirm", setup_intent_confirm, Access::browser},
    {"POST", "/v1/setup_intents/:/cancel", "setup_intents.cancel", setup_intent_cancel, Access::secret},
    {"POST", "/v1/payment_intents", "payment_intents.create", payment_intent_create, Access::secret},
    {"GET", "/v1/payment_intents/:", "payment_intents.retrieve", payment_intent_retrieve, Access::browser},
    {"POST", "/v1/payment_intents/:/confirm", "payment_intents.confirm", payment_intent_confirm,
     Access::browser},
    {"POST", "/v1/payment_intents/:/cancel", "payment_intents.cancel", payment_intent_cancel, Access::secret},
    {"GET", "/v1/payment_methods", "payment_methods.list", payment_method_list, Access::secret},
    {"GET", "/v1/payment_methods/:", "payment_methods.retrieve", payment_method_retrieve, Access::secret},
    {"POST", "/v1/payment_methods/:/attach", "payment_methods.attach", payment_method_attach, Access::secret},
    {"POST", "/v1/payment_methods/:/detach", "payment_methods.detach", payment_method_detach, Access::secret},
    {"GET", "/v1/mandates/:", "mandates.retrieve", mandate_retrieve, Access::secret},
    {"GET", "/v1/events", "events.list", event_list, Access::secret},
    {"GET", "/v1/events/:", "events.retrieve", event_retrieve, Access::secret},
    {"POST", "/v1/webhook_endpoints", "webhook_endpoints.create", webhook_endpoint_create, Access::secret},
    {"GET", "/v1/webhook_endpoints", "webhook_endpoints.list", webhook_endpoint_list, Access::secret},
    {"GET", "/v1/webhook_endpoints/:", "webhook_endpoints.retrieve", webhook_endpoint_retrieve, Access::secret},
    {"DELETE", "/v1/webhook_endpoints/:", "webhook_endpoints.delete", webhook_endpoint_delete, Access::secret},
    {"POST", "/v1/test_helpers/advance_clock", "test_helpers.advance_clock", advance_clock, Access::secret},
    {"GET", "/cashapp/authorize/:", "cashapp.phone", page_phone, Access::page},
    {"POST", "/cashapp/authorize/:", "cashapp.decide", page_phone_decide, Access::page},
    {"GET", "/cashapp/instructions/:/:", "cashapp.instructions", page_instructions, Access::page},
    {"GET", "/cashapp/qr/:", "cashapp.qr", page_qr_svg, Access::page},
    {"GET", "/cashapp/buyers/:", "cashapp.buyer", page_buyer, Access::page},
    {"POST", "/cashapp/buyers/:/revoke", "cashapp.revoke", page_buyer_revoke, Access::page},
};

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') { ++i; continue; }
    size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    parts.push_back(path.substr(i, j - i));
    i = j;
  }
  return parts;
}

bool matches(const char* pattern, const std::vector<std::string>& parts) {
  auto pat = split_path(pattern);
  if (pat.size() != parts.size()) return false;
  for (size_t i = 0; i < pat.size(); ++i)
    if (pat[i] != ":" && pat[i] != parts[i]) return false;
  return true;
}

Response error_response(const ApiError& e) { return json_response(e.to_json(), e.status); }

void add_cors(Response& r) {
  r.set_header("Access-Control-Allow-Origin", "*");
  r.set_header("Access-Control-Expose-Headers", "Request-Id, Idempotent-Replayed");
}

std::string base64_decode(std::string_view in) {
  auto val = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string out;
  int bits = 0, acc = 0;
  for (char c : in) {
    if (c == '=') break;
    int v = val(c);
    if (v < 0) return {};
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(char((acc >> bits) & 0xff));
    }
  }
  return out;
}

// The API key from Authorization (Bearer, or Basic with the key as user).
std::string header_key(const Request& req) {
  std::string auth = req.header("authorization");
  if (auth.rfind("Bearer ", 0) == 0) return auth.substr(7);
  if (auth.rfind("Basic ", 0) == 0) {
    std::string decoded = base64_decode(auth.substr(6));
    return decoded.substr(0, decoded.find(':'));
  }
  return {};
}

std::string redact(const std::string& key) {
  if (key.size() <= 12) return "****";
  return key.substr(0, 8) + "****" + key.substr(key.size() - 4);
}

bool host_ok(const std::string& host) {
  if (host.empty() || host.size() > 255) return false;
  return std::all_of(host.begin(), host.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '-' || c == ':' || c == '[' || c == ']';
  });
}

}  // namespace

std::string Ctx::new_id(const std::string& prefix) { return prefix + "_" + env.random_alnum(24); }

void Ctx::emit(const std::string& type, const json& object) {
  json data = object;
  for (auto it = data.begin(); it != data.end();) {
    if (!it.key().empty() && it.key()[0] == '_') it = data.erase(it);
    else ++it;
  }
  json event = {{"id", new_id("evt")},
                {"object", "event"},
                {"api_version", kApiVersion},
                {"created", now},
                {"livemode", false},
                {"pending_webhooks", 0},
                {"request", {{"id", nullptr}, {"idempotency_key", nullptr}}},
                {"type", type},
                {"data", {{"object", data}}}};
  if (auto key = req.header("idempotency-key"); !key.empty()) event["request"]["idempotency_key"] = key;
  int pending = 0;
  for (const auto& we : store.list("webhook_endpoint", std::nullopt, 1000)) {
    if (we.value("status", "") != "enabled") continue;
    bool wanted = false;
    for (const auto& t : we.value("enabled_events", json::array()))
      wanted = wanted || t == "*" || t == type;
    if (!wanted) continue;
    store.enqueue_delivery(event["id"], we["id"], env.wall_now() * 1000);
    ++pending;
  }
  event["pending_webhooks"] = pending;
  save(*this, event, type);
}

Sandbox::Sandbox(Config config, Store& store, Env& env)
    : config_(std::move(config)), store_(store), env_(env) {}

Response Sandbox::handle(const Request& request) {
  std::lock_guard<std::mutex> lock(mutex_);
  Response r;
  try {
    r = dispatch(request);
  } catch (const std::exception& e) {
    store_.rollback();
    ApiError err;
    err.status = 500;
    err.type = "api_error";
    err.message = "The sandbox hit an internal error.";
    r = error_response(err);
  }
  r.set_header("Request-Id", "req_" + env_.random_alnum(14));
  return r;
}

Response Sandbox::dispatch(const Request& req) {
  auto parts = split_path(req.path);
  const Route* route = nullptr;
  bool path_known = false;
  for (const auto& candidate : kRoutes) {
    if (!matches(candidate.pattern, parts)) continue;
    path_known = true;
    if (req.method == candidate.method || (req.method == "OPTIONS" && candidate.access == Access::browser)) {
      route = &candidate;
      break;
    }
  }
  if (!route) {
    ApiError e = invalid("", "Unrecognized request URL (" + req.method + ": " + req.path.substr(0, 200) + ").");
    e.status = path_known ? 405 : 404;
    return error_response(e);
  }
  const bool browser = route->access == Access::browser;
  if (req.method == "OPTIONS") {
    Response r;
    r.status = 204;
    r.content_type.clear();
    r.set_header("Access-Control-Allow-Origin", "*");
    r.set_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
    r.set_header("Access-Control-Allow-Headers", "Authorization, Content-Type, Idempotency-Key, Stripe-Version");
    r.set_header("Access-Control-Max-Age", "600");
    return r;
  }
  FaultDecision fault = config_.faults.draw(route->name);
  auto finish = [&](Response r) {
    if (browser) add_cors(r);
    r.delay_ms = fault.delay_ms;
    r.drop_connection = fault.drop;
    return r;
  };
  if (fault.server_error_status) {
    ApiError e;
    e.status = fault.server_error_status;
    e.type = "api_error";
    e.message = "Injected fault (--faults): nothing was changed.";
    Response r = finish(error_response(e));
    r.drop_connection = false;
    return r;
  }

  Ctx ctx{req, store_, env_, config_, {}, false, 0, {}, std::move(parts)};
  // Parameters: the body for POST, the query otherwise. JSON bodies are not
  // Stripe's wire format and are refused rather than guessed at.
  const bool post = req.method == "POST";
  if (post && req.header("content-type").find("json") != std::string::npos)
    return finish(error_response(invalid("", "Request bodies must be application/x-www-form-urlencoded.")));
  auto decoded = decode_form(post ? req.body : req.query);
  if (!decoded) {
    const auto& err = decoded.error();
    return finish(error_response(invalid(err.code.empty() ? "parameter_invalid" : err.code,
                                         "Invalid request body: " + err.message, err.param)));
  }
  ctx.params = std::move(decoded).value();

  std::string api_key;
  if (route->access != Access::page) {
    api_key = header_key(req);
    if (api_key.empty()) {
      if (auto k = param_string(ctx.params, "key", "key")) api_key = *k;
    }
    if (browser) ctx.params.fields.erase("key");
    if (api_key.empty())
      return finish(error_response(auth_error(
          "You did not provide an API key. Provide it as 'Authorization: Bearer sk_test_...'.")));
    if (secure_equals(api_key, config_.secret_key)) {
      ctx.publishable = false;
    } else if (secure_equals(api_key, config_.publishable_key)) {
      if (!browser)
        return finish(error_response(auth_error(
            "This API call cannot be made with a publishable API key. Use the secret key.", "secret_key_required")));
      ctx.publishable = true;
    } else {
      return finish(error_response(auth_error("Invalid API Key provided: " + redact(api_key), "api_key_invalid")));
    }
  }

  if (!config_.public_base_url.empty()) ctx.base_url = config_.public_base_url;
  else if (std::string host = req.header("host"); host_ok(host)) ctx.base_url = "http://" + host;
  else ctx.base_url = "http://127.0.0.1";

  // Idempotency (POST API calls only), scoped by key so callers cannot collide.
  std::string idem_key, fingerprint;
  if (post && route->access != Access::page) {
    idem_key = req.header("idempotency-key");
    if (idem_key.size() > 255)
      return finish(error_response(invalid("idempotency_key_too_long",
                                           "Idempotency-Key must be at most 255 characters.")));
    if (!idem_key.empty()) {
      idem_key = sha256_hex(api_key).substr(0, 16) + ":" + idem_key;
      fingerprint = req.method + " " + req.path + " " + sha256_hex(req.body);
    }
  }

  store_.begin();
  ctx.now = sandbox_now(store_, env_);
  if (!idem_key.empty()) {
    auto prior = store_.idempotency_get(idem_key);
    if (prior && prior->created > ctx.now - 86400) {
      store_.rollback();
      if (prior->fingerprint != fingerprint) {
        ApiError e = invalid("idempotency_key_in_use",
                             "Keys for idempotent requests can only be used with the same parameters "
                             "they were first used with.");
        e.type = "idempotency_error";
        return finish(error_response(e));
      }
      Response r;
      r.status = prior->status;
      r.body = prior->body;
      r.set_header("Idempotent-Replayed", "true");
      r.set_header("Idempotency-Key", req.header("idempotency-key"));
      return finish(r);
    }
  }

  Response r;
  try {
    r = route->fn(ctx);
  } catch (const ApiError& e) {
    if (!e.keep_changes) {
      store_.rollback();
      store_.begin();
    }
    r = error_response(e);
  }
  if (!idem_key.empty() && r.status < 500) {
    store_.idempotency_put(idem_key, {fingerprint, r.status, r.body, ctx.now});
    r.set_header("Idempotency-Key", req.header("idempotency-key"));
  }
  static thread_local unsigned purge_counter = 0;
  if (++purge_counter % 512 == 0) store_.idempotency_purge(ctx.now - 86400);
  store_.commit();
  return finish(r);
}

std::vector<WebhookJob> Sandbox::take_due_webhooks(int64_t now_ms, size_t limit) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<WebhookJob> jobs;
  store_.begin();
  try {
    for (const auto& d : store_.due_deliveries(now_ms, limit)) {
      auto event = store_.get(d.event_id);
      auto endpoint = store_.get(d.endpoint_id);
      if (!event || !endpoint || endpoint->value("status", "") != "enabled") {
        store_.delivery_done(d.id);
        continue;
      }
      jobs.push_back({d.id, d.attempts, endpoint->value("url", ""), endpoint->value("_secret", ""),
                      event->dump(2, ' ', false, json::error_handler_t::replace)});
    }
    store_.commit();
  } catch (...) {
    store_.rollback();
    throw;
  }
  return jobs;
}

void Sandbox::webhook_result(const WebhookJob& job, bool delivered, int64_t now_ms) {
  std::lock_guard<std::mutex> lock(mutex_);
  store_.begin();
  int attempts = job.attempts + 1;
  if (delivered || attempts >= kMaxWebhookAttempts) {
    store_.delivery_done(job.delivery_id);
  } else {
    int64_t backoff = std::min<int64_t>(int64_t(1000) << std::min(attempts - 1, 12), 3600000);
    store_.delivery_retry(job.delivery_id, attempts, now_ms + backoff);
  }
  store_.commit();
}

std::string Sandbox::ensure_webhook_endpoint(const std::string& url) {
  std::lock_guard<std::mutex> lock(mutex_);
  store_.begin();
  for (const auto& we : store_.list("webhook_endpoint", std::nullopt, 1000)) {
    if (we.value("url", "") == url && we.value("status", "") == "enabled") {
      store_.rollback();
      return we.value("_secret", "");
    }
  }
  std::string secret = "whsec_" + env_.random_alnum(32);
  json we = {{"id", "we_" + env_.random_alnum(24)},
             {"object", "webhook_endpoint"},
             {"api_version", nullptr},
             {"application", nullptr},
             {"created", sandbox_now(store_, env_)},
             {"description", "--webhook-url"},
             {"enabled_events", json::array({"*"})},
             {"livemode", false},
             {"metadata", json::object()},
             {"status", "enabled"},
             {"url", url},
             {"_secret", secret}};
  store_.put(we["id"], "webhook_endpoint", "", we["created"], we);
  store_.commit();
  return secret;
}

}  // namespace setupflow::sandbox
