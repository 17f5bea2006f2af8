// The sandbox's handler: Stripe-wire requests in, responses out, state in a
// Store. No sockets here: the shell feeds requests and writes responses, so
// the same logic is unit-tested directly and could run anywhere.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "faults.hpp"
#include "http_types.hpp"
#include "setupflow/form_encoding.hpp"
#include "store.hpp"

namespace setupflow::sandbox {

inline constexpr const char* kDefaultSecretKey = "sk_test_setupflowsandbox";
inline constexpr const char* kDefaultPublishableKey = "pk_test_setupflowsandbox";
inline constexpr const char* kApiVersion = "2025-01-27.acacia";

struct Config {
  std::string secret_key = kDefaultSecretKey;
  std::string publishable_key = kDefaultPublishableKey;
  std::string merchant_name = "Sandbox Shop";
  // Base of the URLs the sandbox hands out and stores (next actions): --public-url,
  // else the listen address with its port (the shell sets it once bound).
  // Never taken from a request's Host header.
  std::string public_base_url = "http://127.0.0.1:4242";
  // The sandbox's additions to Stripe's objects (today only
  // next_action…qr_code.data, the QR's payload); --no-extensions turns them
  // off so an integrator sees exactly what live Stripe sends.
  bool extensions = true;
  // The simulated reader screens may be framed by the sandbox's own pages
  // (frame-ancestors 'self', X-Frame-Options SAMEORIGIN) rather than by none:
  // --demo, whose agent console shows the screen beside the element.
  bool reader_screens_framed_by_self = false;
  FaultPlan faults;
};

// Everything one request's handling needs. Endpoints take a Ctx&.
struct Ctx {
  const Request& req;
  Store& store;
  Env& env;
  const Config& config;
  FormNode params;           // body (POST) or query (GET/DELETE)
  bool publishable = false;  // authenticated with the publishable key
  int64_t now = 0;           // sandbox clock (wall time + advance_clock offset)
  std::string base_url;      // "http://host:port"
  std::vector<std::string> parts;  // path segments
  std::string request_id;          // "req_…" of an API request (its Request-Id); "" for the simulated pages

  // "<prefix>_<24 random alphanumerics>".
  std::string new_id(const std::string& prefix);
  // Records an event (once, in /v1/events) and queues its webhook deliveries.
  void emit(const std::string& type, const json& object);
};

// The sandbox clock: wall time plus the advance_clock offset stored in meta.
int64_t sandbox_now(Store& store, Env& env);

// The database's random secret for what the simulated pages derive (Cash App
// buyer ids and sessions, card fingerprints), created on first use when
// `create` (a write), else nullopt while there is none.
std::optional<std::string> page_secret(Ctx& ctx, bool create);

struct PreparedRequest;

struct WebhookJob {
  int64_t delivery_id = 0;
  int attempts = 0;
  std::string endpoint_id;
  std::string url;
  std::string secret;
  std::string payload;  // the event JSON, identical on every attempt
};

class Sandbox {
 public:
  Sandbox(Config config, Store& store, Env& env);

  // Handles one request; thread-safe. Parsing and authentication run
  // concurrently; the store work runs under one mutex. Group commit: requests
  // handled while others wait for the mutex share one transaction, committed
  // by the last of them; each returns only after the commit that holds its
  // changes (and whatever uncommitted state it read), so every state change
  // is committed before this returns. A failed commit answers all of that
  // group's requests with a 500.
  Response handle(const Request& request);

  // Webhook queue, for the delivery thread (wall-clock milliseconds).
  // Leaves out deliveries to the endpoints in `busy` (one in flight each).
  std::vector<WebhookJob> take_due_webhooks(int64_t now_ms, size_t limit, const std::vector<std::string>& busy = {});
  // Success removes the delivery; failure reschedules it with exponential
  // backoff (1 s doubling to 1 h) and gives up after kMaxWebhookAttempts.
  void webhook_result(const WebhookJob& job, bool delivered, int64_t now_ms);
  static constexpr int kMaxWebhookAttempts = 16;

  // Creates (or reuses, by URL) an endpoint for every event type and returns
  // its whsec_ secret: the --webhook-url quick start.
  std::string ensure_webhook_endpoint(const std::string& url);

  const Config& config() const { return config_; }
  // Sets the base of handed-out URLs; call before serving (not thread-safe).
  void set_public_base_url(std::string url) { config_.public_base_url = std::move(url); }

 private:
  // One group's outcome: 0 open, 1 committed, 2 failed. Waiters block on
  // the atomic itself, so waking them does not contend for mutex_.
  struct Group {
    std::atomic<int> state{0};
  };
  // A group commits after at most this many requests even if more wait.
  static constexpr int kMaxGroup = 32;

  Response dispatch(const Request& request, PreparedRequest& p, const std::string& request_id);
  // Commits the open group (under mutex_) and wakes its waiters; false if
  // the commit failed (its requests then answer 500).
  bool commit_group();
  // Ends the open group as failed (its transaction is gone).
  void fail_group();

  Config config_;
  Store& store_;
  Env& env_;
  std::mutex mutex_;
  std::shared_ptr<Group> group_ = std::make_shared<Group>();
  int group_size_ = 0;
  std::atomic<int> waiting_{0};  // threads in handle() waiting for mutex_
};

}  // namespace setupflow::sandbox
