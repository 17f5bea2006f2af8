#include "sandbox.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>

#include "api_error.hpp"
#include "render.hpp"
#include "routing.hpp"
#include "sqlite_store.hpp"

namespace setupflow::sandbox {
namespace {

void add_cors(Response& r) {
  r.set_header("Access-Control-Allow-Origin", "*");
  r.set_header("Access-Control-Expose-Headers", "Request-Id, Idempotent-Replayed");
}
}  // namespace

int64_t SystemEnv::wall_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

int64_t sandbox_now(Store& store, Env& env) {
  int64_t offset = 0;
  if (auto v = store.meta_get("clock_offset")) {
    auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), offset);
    if (ec != std::errc()) offset = 0;
  }
  return env.wall_now() + offset;
}

std::optional<std::string> page_secret(Ctx& ctx, bool create) {
  if (auto s = ctx.store.meta_get("page_secret"); s && !s->empty()) return s;
  if (!create) return std::nullopt;
  std::string secret = ctx.env.random_alnum(32);
  ctx.store.meta_put("page_secret", secret);
  return secret;
}

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
  // Events caused by an API request name it (Stripe's request.id); those of
  // the simulated Cash App (approve, decline, revoke) are automatic: null.
  if (!request_id.empty()) {
    event["request"]["id"] = request_id;
    if (auto key = req.header("idempotency-key"); !key.empty()) event["request"]["idempotency_key"] = key;
  }
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
  PreparedRequest p = prepare_request(config_, request);
  waiting_.fetch_add(1);
  std::unique_lock<std::mutex> lock(mutex_);
  waiting_.fetch_sub(1);
  Response r;
  const std::string request_id = "req_" + env_.random_alnum(14);
  if (p.direct) {
    r = std::move(*p.direct);
  } else {
    try {
      store_.begin();
      store_.mark();
      r = dispatch(request, p, request_id);
      store_.release_mark();
    } catch (...) {
      // Whatever was thrown, this request's writes must not ride along with
      // the group's commit.
      if (!store_.rollback_to_mark()) fail_group();
      r = internal_error();
    }
  }
  r.set_header("Request-Id", request_id);
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

// Under mutex_, inside the open group's transaction and this request's mark.
Response Sandbox::dispatch(const Request& req, PreparedRequest& p, const std::string& request_id) {
  const Route* route = p.route;
  // CORS only where a page may read the answer: a browser route not called
  // with the secret key (publishable-key answers and their auth errors).
  const bool browser = route->access == Access::browser && !p.secret;
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
    // The connection closes after an injected 5xx: a client that retries
    // without reading the answer (stripe-node's default Node client) would
    // otherwise hold one of the server's threads for the keep-alive timeout.
    r.headers.emplace_back("Connection", "close");
    return r;
  }
  if (p.early) return finish(std::move(*p.early));

  Ctx ctx{req, store_, env_, config_, std::move(p.params), p.publishable, 0, std::move(p.base_url),
          std::move(p.parts), route->access == Access::page ? std::string() : request_id};
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
  bool parameters_refused = false;
  try {
    if (route->access != Access::page) check_expand(ctx);
    r = route->fn(ctx);
  } catch (const ApiError& e) {
    parameters_refused = e.is_parameter_refusal();
    if (!e.keep_changes) {
      if (!store_.rollback_to_mark()) {
        fail_group();  // the others' writes went with it
        throw StoreError("the transaction was lost");
      }
      store_.mark();
    }
    r = error_response(e);
  }
  if (!idem_key.empty()) {
    // Stripe saves a result only once the endpoint has begun: parameters
    // refused by validation save nothing, so the key may be retried with
    // corrected parameters. A 5xx is not saved either (nothing was done).
    if (r.status < 500 && !parameters_refused)
      store_.idempotency_put(idem_key, {fingerprint, r.status, r.body, ctx.now});
    r.set_header("Idempotency-Key", req.header("idempotency-key"));
  }
  static thread_local unsigned purge_counter = 0;
  if (++purge_counter % 512 == 0) store_.idempotency_purge(ctx.now - 86400);
  return finish(r);
}

std::vector<WebhookJob> Sandbox::take_due_webhooks(int64_t now_ms, size_t limit, const std::vector<std::string>& busy) {
  std::lock_guard<std::mutex> lock(mutex_);
  // Only committed events go out: commit the open group first.
  if (store_.dirty()) commit_group();
  std::vector<WebhookJob> jobs;
  store_.begin();
  try {
    for (const auto& d : store_.due_deliveries(now_ms, limit, busy)) {
      auto event = store_.get(d.event_id);
      auto endpoint = store_.get(d.endpoint_id);
      if (!event || !endpoint || endpoint->value("status", "") != "enabled") {
        store_.delivery_done(d.id);
        continue;
      }
      jobs.push_back({d.id, d.attempts, d.endpoint_id, endpoint->value("url", ""), endpoint->value("_secret", ""),
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
