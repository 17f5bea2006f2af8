// Store over SQLite in WAL mode with prepared statements. One connection; the
// caller (Sandbox) serialises access with its own mutex.
//
// Cache: decoded objects, meta values and listings are kept in memory so a
// read does not query SQLite or parse JSON again. SQLite stays the source of
// truth: every put() writes the row first and then the cache (write-through);
// a rollback drops every cached entry the transaction touched, so they are
// read back from SQLite; a fresh process starts with an empty cache. This
// assumes one process per database file (the sandbox's rule anyway).
//
// Transactions start lazily: begin() only marks one, and BEGIN IMMEDIATE is
// sent before the first write, so a request that only reads (a retrieve
// served from the cache) costs SQLite nothing.
//
// Durability: journal_mode=WAL with synchronous=NORMAL. A committed
// transaction is in the WAL file before commit() returns, so killing the
// process (kill -9) loses nothing that was answered; only an operating-system
// crash or power loss can lose the last transactions.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "store.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace setupflow::sandbox {

class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Checkpoints the WAL of the database at `path` every 100 ms from its own
// connection, so the fsyncs of checkpointing stay off the request path.
// Returns when `stop` is set. Does nothing for ":memory:".
void run_checkpointer(const std::string& path, const std::atomic<bool>& stop);

class SqliteStore : public Store {
 public:
  // Opens (creating if needed) the database at `path` (":memory:" allowed),
  // creating missing parent folders is the caller's job. Throws StoreError.
  explicit SqliteStore(const std::string& path);
  ~SqliteStore() override;
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  void begin() override;
  void commit() override;
  void rollback() override;
  void mark() override;
  bool rollback_to_mark() override;
  void release_mark() override;
  bool dirty() const override { return tx_sent_; }
  std::optional<json> get(const std::string& id) override;
  void put(const std::string& id, const std::string& type, const std::string& owner,
           int64_t created, const json& object) override;
  std::vector<json> list_after(const std::string& type, const std::optional<std::string>& owner,
                               const std::string& after_id, size_t limit) override;
  std::vector<json> list(const std::string& type, const std::optional<std::string>& owner,
                         size_t limit) override;
  std::optional<IdempotencyRecord> idempotency_get(const std::string& key) override;
  void idempotency_put(const std::string& key, const IdempotencyRecord& record) override;
  void idempotency_purge(int64_t older_than) override;
  std::optional<std::string> meta_get(const std::string& key) override;
  void meta_put(const std::string& key, const std::string& value) override;
  void enqueue_delivery(const std::string& event_id, const std::string& endpoint_id,
                        int64_t next_at_ms) override;
  std::vector<Delivery> due_deliveries(int64_t now_ms, size_t limit,
                                       const std::vector<std::string>& skip = {}) override;
  void delivery_done(int64_t id) override;
  void delivery_retry(int64_t id, int attempts, int64_t next_at_ms) override;
  size_t pending_deliveries() override;

 private:
  // Entries beyond this many decoded objects empty the object cache (it
  // refills from SQLite on demand): bounded memory, no eviction bookkeeping.
  static constexpr size_t kMaxCachedObjects = 8192;

  sqlite3_stmt* prepare(int slot, const char* sql);
  void exec(const char* sql);
  void write_begin();  // sends BEGIN IMMEDIATE if begin() was called and it is not sent yet
  void drop_touched();

  sqlite3* db_ = nullptr;
  std::unique_ptr<sqlite3_stmt*[]> stmts_;
  bool in_tx_ = false;   // begin() called, commit()/rollback() not yet
  bool tx_sent_ = false; // BEGIN IMMEDIATE sent for it
  struct Cached {
    json object;
    std::string owner;  // as stored: an unchanged owner needs no index write
  };
  std::unordered_map<std::string, Cached> objects_;
  std::unordered_map<std::string, std::optional<std::string>> meta_;
  // Listings by (type, owner or "\x01" for none, limit); dropped per type on put.
  std::map<std::tuple<std::string, std::string, size_t>, std::vector<json>> lists_;
  std::vector<std::string> touched_;  // object ids put in the open transaction
  bool meta_touched_ = false;
  // The mark: whether it is set, whether it is a SQL savepoint (the
  // transaction had been sent when it was set), and touched_'s size then.
  bool marked_ = false;
  bool mark_is_savepoint_ = false;
  size_t mark_touched_ = 0;
};

}  // namespace setupflow::sandbox
