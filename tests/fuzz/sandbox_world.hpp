// Shared by the sandbox fuzzers that check what a request may change: a
// deterministic Env, a Store that records every committed change, and the
// answer checks every API answer must pass.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "sandbox.hpp"
#include "sqlite_store.hpp"

namespace fuzzworld {

namespace sb = setupflow::sandbox;
using sb::json;

class FuzzEnv : public sb::Env {
 public:
  int64_t wall_now() override { return 1767225600; }
  std::string random_alnum(size_t n) override {
    std::string s = std::to_string(++counter_);
    return (std::string(n > s.size() ? n - s.size() : 0, 'f') + s).substr(0, n);
  }

 private:
  uint64_t counter_ = 0;
};

// One object write that changed something (before is null for a new object).
struct Change {
  std::string id;
  json before;
  json after;
};

// A SqliteStore that logs the object writes that change an object and the
// webhook deliveries queued, forgetting those a rollback undid; `changes`
// then holds what the requests since the last clear() really changed.
class RecordingStore : public sb::Store {
 public:
  RecordingStore() : inner_(":memory:") {}

  std::vector<Change> changes;
  size_t deliveries = 0;
  size_t idempotency_saved = 0;  // answers saved under a key
  void clear() {
    changes.clear();
    deliveries = 0;
    idempotency_saved = 0;
  }

  void begin() override {
    begin_at_ = changes.size();
    inner_.begin();
  }
  void commit() override { inner_.commit(); }
  void rollback() override {
    changes.resize(std::min(changes.size(), begin_at_));
    inner_.rollback();
  }
  void mark() override {
    mark_at_ = changes.size();
    inner_.mark();
  }
  bool rollback_to_mark() override {
    changes.resize(std::min(changes.size(), mark_at_));
    return inner_.rollback_to_mark();
  }
  void release_mark() override { inner_.release_mark(); }
  bool dirty() const override { return inner_.dirty(); }

  std::optional<json> get(const std::string& id) override { return inner_.get(id); }
  void put(const std::string& id, const std::string& type, const std::string& owner,
           int64_t created, const json& object) override {
    auto before = inner_.get(id);
    if (!before || *before != object) changes.push_back({id, before ? *before : json(), object});
    inner_.put(id, type, owner, created, object);
  }
  std::vector<json> list(const std::string& type, const std::optional<std::string>& owner,
                         size_t limit) override {
    return inner_.list(type, owner, limit);
  }
  std::vector<json> list_after(const std::string& type, const std::optional<std::string>& owner,
                               const std::string& after_id, size_t limit) override {
    return inner_.list_after(type, owner, after_id, limit);
  }
  std::optional<sb::IdempotencyRecord> idempotency_get(const std::string& key) override {
    return inner_.idempotency_get(key);
  }
  void idempotency_put(const std::string& key, const sb::IdempotencyRecord& record) override {
    ++idempotency_saved;
    inner_.idempotency_put(key, record);
  }
  void idempotency_purge(int64_t older_than) override { inner_.idempotency_purge(older_than); }
  std::optional<std::string> meta_get(const std::string& key) override {
    return inner_.meta_get(key);
  }
  void meta_put(const std::string& key, const std::string& value) override {
    if (inner_.meta_get(key) != value) changes.push_back({"meta:" + key, json(), value});
    inner_.meta_put(key, value);
  }
  void enqueue_delivery(const std::string& event_id, const std::string& endpoint_id,
                        int64_t next_at_ms) override {
    ++deliveries;
    inner_.enqueue_delivery(event_id, endpoint_id, next_at_ms);
  }
  std::vector<sb::Delivery> due_deliveries(int64_t now_ms, size_t limit,
                                           const std::vector<std::string>& skip) override {
    return inner_.due_deliveries(now_ms, limit, skip);
  }
  void delivery_done(int64_t id) override { inner_.delivery_done(id); }
  void delivery_retry(int64_t id, int attempts, int64_t next_at_ms) override {
    inner_.delivery_retry(id, attempts, next_at_ms);
  }
  size_t pending_deliveries() override { return inner_.pending_deliveries(); }

 private:
  sb::SqliteStore inner_;
  size_t begin_at_ = 0;
  size_t mark_at_ = 0;
};

// With FUZZ_TRACE set, prints each request and its answer (to replay a crash).
inline void trace(const sb::Request& req, const sb::Response& res) {
  static const bool on = std::getenv("FUZZ_TRACE") != nullptr;
  if (!on) return;
  std::fprintf(stderr, "> %s %s ? %s\n", req.method.c_str(), req.path.c_str(), req.query.c_str());
  for (const auto& [k, v] : req.headers) std::fprintf(stderr, "> %s: %s\n", k.c_str(), v.c_str());
  std::fprintf(stderr, "> %s\n< %d\n", req.body.c_str(), res.status);
  for (const auto& [k, v] : res.headers) std::fprintf(stderr, "< %s: %s\n", k.c_str(), v.c_str());
  std::fprintf(stderr, "< %.600s\n\n", res.body.c_str());
}

// Aborts with a message: libFuzzer keeps the input that got here.
[[noreturn]] inline void fail(const char* what) {
  std::fprintf(stderr, "invariant broken: %s\n", what);
  std::abort();
}

// Any answer: a status in range; an API answer in JSON is well formed, and an
// API error is Stripe's {"error": {"type": "...", "message": "..."}}; no
// API error is Stripe's {"error": {"type": "...", "message": "..."}}.
inline json check_answer(const sb::Response& res, const std::string& path) {
  if (res.status < 200 || res.status > 599) fail("status out of range");
  if (res.content_type != "application/json") return json();
  json j = json::parse(res.body, nullptr, false);
  if (j.is_discarded()) fail("an API answer is not JSON");
  if (path.rfind("/v1/", 0) == 0 && res.status >= 400) {
    if (!j.contains("error") || !j["error"].is_object() || !j["error"].contains("type") ||
        !j["error"]["type"].is_string() || !j["error"].contains("message") ||
        !j["error"]["message"].is_string())
      fail("an API error is not Stripe's error shape");
  }
  return j;
}

// Walks every object in `j` (depth first).
template <class F>
void each_object(const json& j, F&& f) {
  if (j.is_object()) {
    f(j);
    for (const auto& [k, v] : j.items()) each_object(v, f);
  } else if (j.is_array()) {
    for (const auto& v : j) each_object(v, f);
  }
}

// What the publishable key must never see, and URLs built from the Host.
inline void check_shown_fields(const json& j, bool publishable, const std::string& base_url) {
  each_object(j, [&](const json& o) {
    for (const auto& [k, v] : o.items()) {
      if (!k.empty() && k[0] == '_') fail("an answer shows a private field");
      if (k == "data" && o.contains("image_url_svg") && v.is_string() &&
          v.get<std::string>().rfind(base_url + "/", 0) != 0)
        fail("a QR payload is not built from the configured base URL");
      if ((k == "hosted_instructions_url" || k == "mobile_auth_url" || k == "image_url_png" ||
           k == "image_url_svg") &&
          v.is_string() && v.get<std::string>().rfind(base_url + "/", 0) != 0)
        fail("a handed-out URL is not built from the configured base URL");
    }
    const std::string type = o.value("object", "");
    if (publishable && (type == "setup_intent" || type == "payment_intent")) {
      for (const char* k : {"customer", "mandate", "metadata", "latest_attempt", "latest_charge"})
        if (o.contains(k)) fail("a publishable-key answer shows a secret-key-only field");
    }
  });
}

}  // namespace fuzzworld
