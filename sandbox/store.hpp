// The sandbox's persistence interface. Objects are JSON documents keyed by
// their Stripe id; `owner` is one secondary index (a payment method's
// customer, a mandate's Cash App buyer, a token's intent) for listings.
// Transactions group requests (group commit): the Sandbox opens one with
// begin(), runs each request between mark() and release_mark() (a savepoint,
// so one request's failure undoes only its own writes), and answers the
// requests of a group only after commit() returned, so an answered change is
// durable.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace setupflow::sandbox {

using json = nlohmann::json;

struct IdempotencyRecord {
  std::string fingerprint;  // method, path and body hash of the first request
  int status = 0;
  std::string body;
  int64_t created = 0;
};

struct Delivery {
  int64_t id = 0;
  std::string event_id;
  std::string endpoint_id;
  int attempts = 0;
  int64_t next_at_ms = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // begin() opens a transaction (lazily: nothing is sent before the first
  // write); commit() makes it durable or throws (and then has rolled it back);
  // rollback() undoes all of it. Without begin() every write is its own.
  virtual void begin() = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;
  // One request inside the open transaction: mark() starts it,
  // rollback_to_mark() undoes only its writes and returns false when the
  // whole transaction was lost (SQLite rolled it back after an I/O error,
  // say; the caller must then fail everything in it), release_mark() keeps
  // them. At most one mark at a time.
  virtual void mark() = 0;
  virtual bool rollback_to_mark() = 0;
  virtual void release_mark() = 0;
  // True when the open transaction holds writes not yet committed.
  virtual bool dirty() const = 0;

  // Objects. put() inserts or replaces; list() is newest first.
  virtual std::optional<json> get(const std::string& id) = 0;
  virtual void put(const std::string& id, const std::string& type, const std::string& owner,
                   int64_t created, const json& object) = 0;
  virtual std::vector<json> list(const std::string& type, const std::optional<std::string>& owner,
                                 size_t limit) = 0;
  // The page after `after_id` in list()'s order (older objects), through the
  // index: at most `limit` rows are read. Empty when after_id is unknown.
  virtual std::vector<json> list_after(const std::string& type, const std::optional<std::string>& owner,
                                       const std::string& after_id, size_t limit) = 0;

  // Idempotency keys (scoped by the caller, e.g. "<api key hash>:<key>").
  virtual std::optional<IdempotencyRecord> idempotency_get(const std::string& key) = 0;
  virtual void idempotency_put(const std::string& key, const IdempotencyRecord& record) = 0;
  virtual void idempotency_purge(int64_t older_than) = 0;

  // Small settings (the clock offset).
  virtual std::optional<std::string> meta_get(const std::string& key) = 0;
  virtual void meta_put(const std::string& key, const std::string& value) = 0;

  // Webhook delivery queue.
  virtual void enqueue_delivery(const std::string& event_id, const std::string& endpoint_id,
                                int64_t next_at_ms) = 0;
  // Due deliveries, oldest first, leaving out those to the endpoints in
  // `skip` (endpoints with a delivery in flight).
  virtual std::vector<Delivery> due_deliveries(int64_t now_ms, size_t limit,
                                               const std::vector<std::string>& skip = {}) = 0;
  virtual void delivery_done(int64_t id) = 0;
  virtual void delivery_retry(int64_t id, int attempts, int64_t next_at_ms) = 0;
  virtual size_t pending_deliveries() = 0;
};

}  // namespace setupflow::sandbox
