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
  json event = {{"id", new_id("evt")},
                {"object", "event"},
                {"api_version", kApiVersion},
                {"created", now},
                {"livemode", false},
                {"pending_webhooks", 0},
                {"request", {{"id", nullptr}, {"idempotency_key", nullptr}}},
                {"type", type}};
  // One copy of the object, made in place (an initializer list would copy it twice).
  json& data = event["data"]["object"] = object;
  for (auto it = data.begin(); it != data.end();) {
    if (!it.key().empty() && it.key()[0] == '_') it = data.erase(it);
    else ++it;
  }
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

// What a request needs before it touches the store, computed without the
// mutex: route, parameters, authentication, idempotency key.
struct Sandbox::Prepared {
  const Route* route = nullptr;
  std::optional<Response> direct;  // answered before any fault draw (404, 405, OPTIONS)
  std::optional<Response> early;   // an error answered after the fault draw
  FormNode params;
  bool publishable = false;
  std::string base_url, api_key, idem_key, fingerprint;
  std::vector<std::string> parts;
};

namespace {
Response internal_error() {
  ApiError err;
  err.status = 500;
  err.type = "api_error";
  err.message = "The sandbox hit an internal error.";
  return error_response(err);
}
}  // namespace

Response Sandbox::handle(const Request& request) {
  Prepared p = prepare(request);
  waiting_.fetch_add(1);
  std::unique_lock<std::mutex> lock(mutex_);
  waiting_.fetch_sub(1);
  Response r;
  if (p.direct) {
    r = std::move(*p.direct);
  } else {
    try {
      store_.begin();
      store_.mark();
      r = dispatch(request, p);
      store_.release_mark();
    } catch (const std::exception&) {
      if (!store_.rollback_to_mark()) fail_group();
      r = internal_error();
    }
  }
  r.set_header("Request-Id", "req_" + env_.random_alnum(14));
  // Nothing uncommitted anywhere: this request neither wrote nor could read
  // another's unanswered change.
  if (!store_.dirty()) return r;
  std::shared_ptr<Group> mine = group_;
  if (waiting_.load() == 0 || ++group_size_ >= kMaxGroup) {
    if (!commit_group()) r = internal_error();
    return r;
  }
  // Others are queued for the mutex: the last of them commits for all.
  lock.unlock();
  mine->state.wait(0);
  if (mine->state.load() != 1) {
    Response failed = internal_error();
    failed.set_header("Request-Id", r.header("Request-Id"));
    return failed;
  }
  return r;
}

bool Sandbox::commit_group() {
  bool ok = true;
  try {
    store_.commit();
  } catch (const std::exception&) {
    ok = false;  // commit() has rolled back and dropped the caches
  }
  group_->state.store(ok ? 1 : 2);
  group_->state.notify_all();
  group_ = std::make_shared<Group>();
  group_size_ = 0;
  return ok;
}

void Sandbox::fail_group() {
  try {
    store_.rollback();
  } catch (const std::exception&) {
  }
  group_->state.store(2);
  group_->state.notify_all();
  group_ = std::make_shared<Group>();
  group_size_ = 0;
}

Sandbox::Prepared Sandbox::prepare(const Request& req) const {
  Prepared p;
  p.parts = split_path(req.path);
  bool path_known = false;
  for (const auto& candidate : kRoutes) {
    if (!matches(candidate.pattern, p.parts)) continue;
    path_known = true;
    if (req.method == candidate.method || (req.method == "OPTIONS" && candidate.access == Access::browser)) {
      p.route = &candidate;
      break;
    }
  }
  if (!p.route) {
    ApiError e = invalid("", "Unrecognized request URL (" + req.method + ": " + req.path.substr(0, 200) + ").");
    e.status = path_known ? 405 : 404;
    p.direct = error_response(e);
    return p;
  }
  const bool browser = p.route->access == Access::browser;
  if (req.method == "OPTIONS") {
    Response r;
    r.status = 204;
    r.content_type.clear();
    r.set_header("Access-Control-Allow-Origin", "*");
    r.set_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
    r.set_header("Access-Control-Allow-Headers", "Authorization, Content-Type, Idempotency-Key, Stripe-Version");
    r.set_header("Access-Control-Max-Age", "600");
    p.direct = std::move(r);
    return p;
  }

  // Parameters: the body for POST, the query otherwise. JSON bodies are not
  // Stripe's wire format and are refused rather than guessed at.
  const bool post = req.method == "POST";
  if (post && req.header("content-type").find("json") != std::string::npos) {
    p.early = error_response(invalid("", "Request bodies must be application/x-www-form-urlencoded."));
    return p;
  }
  auto decoded = decode_form(post ? req.body : req.query);
  if (!decoded) {
    const auto& err = decoded.error();
    p.early = error_response(invalid(err.code.empty() ? "parameter_invalid" : err.code,
                                     "Invalid request body: " + err.message, err.param));
    return p;
  }
  p.params = std::move(decoded).value();

  if (p.route->access != Access::page) {
    std::string& api_key = p.api_key;
    api_key = header_key(req);
    if (api_key.empty()) {
      try {
        if (auto k = param_string(p.params, "key", "key")) api_key = *k;
      } catch (const ApiError& e) {  // key[...]=…: not a string
        p.early = error_response(e);
        return p;
      }
    }
    if (browser) p.params.fields.erase("key");
    if (api_key.empty()) {
      p.early = error_response(
          auth_error("You did not provide an API key. Provide it as 'Authorization: Bearer sk_test_...'."));
      return p;
    }
    if (secure_equals(api_key, config_.secret_key)) {
      p.publishable = false;
    } else if (secure_equals(api_key, config_.publishable_key)) {
      if (!browser) {
        p.early = error_response(auth_error(
            "This API call cannot be made with a publishable API key. Use the secret key.", "secret_key_required"));
        return p;
      }
      p.publishable = true;
    } else {
      p.early = error_response(auth_error("Invalid API Key provided: " + redact(api_key), "api_key_invalid"));
      return p;
    }
  }

  if (!config_.public_base_url.empty()) p.base_url = config_.public_base_url;
  else if (std::string host = req.header("host"); host_ok(host)) p.base_url = "http://" + host;
  else p.base_url = "http://127.0.0.1";

  // Idempotency (POST API calls only), scoped by key so callers cannot collide.
  if (post && p.route->access != Access::page) {
    p.idem_key = req.header("idempotency-key");
    if (p.idem_key.size() > 255) {
      p.early = error_response(
          invalid("idempotency_key_too_long", "Idempotency-Key must be at most 255 characters."));
      return p;
    }
    if (!p.idem_key.empty()) {
      p.idem_key = sha256_hex(p.api_key).substr(0, 16) + ":" + p.idem_key;
      p.fingerprint = req.method + " " + req.path + " " + sha256_hex(req.body);
    }
  }
  return p;
}

// Under mutex_, inside the open group's transaction and this request's mark.
Response Sandbox::dispatch(const Request& req, Prepared& p) {
  const Route* route = p.route;
  const bool browser = route->access == Access::browser;
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
  if (p.early) return finish(std::move(*p.early));

  Ctx ctx{req, store_, env_, config_, std::move(p.params), p.publishable, 0, std::move(p.base_url),
          std::move(p.parts)};
  const std::string& idem_key = p.idem_key;
  const std::string& fingerprint = p.fingerprint;

  ctx.now = sandbox_now(store_, env_);
  if (!idem_key.empty()) {
    auto prior = store_.idempotency_get(idem_key);
    if (prior && prior->created > ctx.now - 86400) {
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
      if (!store_.rollback_to_mark()) {
        fail_group();  // the others' writes went with it
        throw StoreError("the transaction was lost");
      }
      store_.mark();
    }
    r = error_response(e);
  }
  if (!idem_key.empty() && r.status < 500) {
    store_.idempotency_put(idem_key, {fingerprint, r.status, r.body, ctx.now});
    r.set_header("Idempotency-Key", req.header("idempotency-key"));
  }
  static thread_local unsigned purge_counter = 0;
  if (++purge_counter % 512 == 0) store_.idempotency_purge(ctx.now - 86400);
  return finish(r);
}

std::vector<WebhookJob> Sandbox::take_due_webhooks(int64_t now_ms, size_t limit) {
  std::lock_guard<std::mutex> lock(mutex_);
  // Only committed events go out: commit the open group first.
  if (store_.dirty()) commit_group();
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
  if (store_.dirty()) commit_group();
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
  if (store_.dirty()) commit_group();
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
