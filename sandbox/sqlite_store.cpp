#include "sqlite_store.hpp"
#include "sqlite_bound.hpp"

#include <sqlite3.h>

#include <chrono>
#include <thread>

namespace setupflow::sandbox {
namespace {

using sqlite::Bound;

constexpr int kSlots = 24;

const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS objects (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  owner TEXT NOT NULL DEFAULT '',
  created INTEGER NOT NULL,
  body TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS objects_type_owner ON objects(type, owner, seq);
CREATE TABLE IF NOT EXISTS idempotency (
  key TEXT PRIMARY KEY,
  fingerprint TEXT NOT NULL,
  status INTEGER NOT NULL,
  body TEXT NOT NULL,
  created INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS deliveries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id TEXT NOT NULL,
  endpoint_id TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_at_ms INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries(next_at_ms);
)sql";


}  // namespace

SqliteStore::SqliteStore(const std::string& path) : stmts_(new sqlite3_stmt*[kSlots]()) {
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                      nullptr) != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw StoreError("cannot open database " + path + ": " + msg);
  }
  sqlite3_busy_timeout(db_, 5000);
  exec("PRAGMA journal_mode=WAL");
  exec("PRAGMA synchronous=NORMAL");
  exec("PRAGMA cache_size=-32768");
  exec("PRAGMA temp_store=MEMORY");
  // The background checkpointer (run_checkpointer) keeps the WAL short; this
  // is only the safety net should it fall behind.
  exec("PRAGMA wal_autocheckpoint=16384");
  exec("PRAGMA journal_size_limit=67108864");
  exec(kSchema);
  // Customers are indexed by email (their owner) since the email filter stopped
  // scanning; a database from before keeps '' there: index those once.
  exec("UPDATE objects SET owner = coalesce(json_extract(body, '$.email'), '') "
       "WHERE type = 'customer' AND owner = '' AND json_extract(body, '$.email') IS NOT NULL");
}

void run_checkpointer(const std::string& path, const std::atomic<bool>& stop) {
  if (path == ":memory:" || path.empty()) return;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return;
  }
  sqlite3_busy_timeout(db, 100);
  // A connection learns that the database is in WAL mode only when it first
  // reads it; until then sqlite3_wal_checkpoint_v2 does nothing at all (and
  // the request path paid for every checkpoint, fsync included).
  sqlite3_exec(db, "PRAGMA journal_mode", nullptr, nullptr, nullptr);
  while (!stop.load()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    int log = 0, done = 0;
    sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, &log, &done);
  }
  sqlite3_close(db);
}

SqliteStore::~SqliteStore() {
  for (int i = 0; i < kSlots; ++i)
    if (stmts_[i]) sqlite3_finalize(stmts_[i]);
  sqlite3_close(db_);
}

void SqliteStore::exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    throw StoreError(msg);
  }
}

sqlite3_stmt* SqliteStore::prepare(int slot, const char* sql) {
  if (!stmts_[slot] && sqlite3_prepare_v2(db_, sql, -1, &stmts_[slot], nullptr) != SQLITE_OK)
    throw StoreError(sqlite3_errmsg(db_));
  return stmts_[slot];
}

void SqliteStore::begin() {
  if (in_tx_) return;  // already open: requests join the group
  in_tx_ = true;
  tx_sent_ = false;
}

void SqliteStore::write_begin() {
  if (!in_tx_ || tx_sent_) return;
  Bound(prepare(0, "BEGIN IMMEDIATE")).step();
  tx_sent_ = true;
}

void SqliteStore::mark() {
  // Before the transaction is sent there is nothing to keep: undoing the
  // request then means rolling back the whole (its own) transaction.
  if (tx_sent_) Bound(prepare(16, "SAVEPOINT request")).step();
  marked_ = true;
  mark_is_savepoint_ = tx_sent_;
  mark_touched_ = touched_.size();
}

void SqliteStore::release_mark() {
  if (marked_ && mark_is_savepoint_) Bound(prepare(17, "RELEASE request")).step();
  marked_ = false;
}

bool SqliteStore::rollback_to_mark() {
  if (!marked_) return true;
  marked_ = false;
  bool kept = true;
  try {
    if (mark_is_savepoint_) {
      if (sqlite3_get_autocommit(db_)) {
        kept = false;  // SQLite already rolled the whole transaction back
      } else {
        Bound(prepare(18, "ROLLBACK TO request")).step();
        Bound(prepare(17, "RELEASE request")).step();
      }
    } else if (tx_sent_) {
      if (!sqlite3_get_autocommit(db_)) Bound(prepare(2, "ROLLBACK")).step();
      tx_sent_ = false;  // still in_tx_: the next write begins again
    }
  } catch (const StoreError&) {
    kept = false;
  }
  if (!kept) {
    try {
      rollback();
    } catch (const StoreError&) {
      // rollback() dropped the caches first; the transaction is gone either way.
    }
    return false;
  }
  for (size_t i = mark_touched_; i < touched_.size(); ++i) objects_.erase(touched_[i]);
  touched_.resize(mark_touched_);
  lists_.clear();
  if (meta_touched_) meta_.clear();  // reread: cheaper than tracking which
  return true;
}

void SqliteStore::commit() {
  if (tx_sent_) {
    try {
      Bound(prepare(1, "COMMIT")).step();
    } catch (...) {
      rollback();
      throw;
    }
  }
  in_tx_ = tx_sent_ = marked_ = false;
  touched_.clear();
  meta_touched_ = false;
}

void SqliteStore::rollback() {
  // Caches first: even if ROLLBACK fails, nothing uncommitted stays cached.
  drop_touched();
  in_tx_ = tx_sent_ = marked_ = false;
  if (!sqlite3_get_autocommit(db_)) Bound(prepare(2, "ROLLBACK")).step();
}

// What the rolled-back transaction wrote may sit in the caches: forget it, so
// the next read goes to SQLite, which holds only committed state again.
void SqliteStore::drop_touched() {
  for (const auto& id : touched_) objects_.erase(id);
  touched_.clear();
  lists_.clear();
  if (meta_touched_) meta_.clear();
  meta_touched_ = false;
}

std::optional<json> SqliteStore::get(const std::string& id) {
  if (auto it = objects_.find(id); it != objects_.end()) return it->second.object;
  Bound b(prepare(3, "SELECT body, owner FROM objects WHERE id = ?1"));
  b.text(1, id);
  if (!b.step()) return std::nullopt;
  json obj = json::parse(b.col_text(0), nullptr, false);
  if (objects_.size() >= kMaxCachedObjects) objects_.clear();
  objects_.emplace(id, Cached{obj, b.col_text(1)});
  return obj;
}

void SqliteStore::put(const std::string& id, const std::string& type, const std::string& owner,
                      int64_t created, const json& object) {
  write_begin();
  // Header values (a User-Agent in a mandate) may hold invalid UTF-8: stored
  // replaced, never thrown; the cache then holds what SQLite holds.
  std::string body;
  bool replaced = false;
  try {
    body = object.dump();
  } catch (const json::type_error&) {
    body = object.dump(-1, ' ', false, json::error_handler_t::replace);
    replaced = true;
  }
  auto cached = objects_.find(id);
  if (cached == objects_.end()) {
    Bound b(prepare(4,
                    "INSERT INTO objects(id, type, owner, created, body) VALUES(?1, ?2, ?3, ?4, ?5) "
                    "ON CONFLICT(id) DO UPDATE SET owner = excluded.owner, body = excluded.body"));
    b.text(1, id).text(2, type).text(3, owner).integer(4, created).text(5, body);
    b.step();
  } else if (cached->second.owner == owner) {
    // Cached means the row exists; the same owner leaves the index alone.
    Bound b(prepare(20, "UPDATE objects SET body = ?2 WHERE id = ?1"));
    b.text(1, id).text(2, body);
    b.step();
  } else {
    Bound b(prepare(21, "UPDATE objects SET owner = ?2, body = ?3 WHERE id = ?1"));
    b.text(1, id).text(2, owner).text(3, body);
    b.step();
  }
  touched_.push_back(id);
  for (auto it = lists_.begin(); it != lists_.end();) {
    if (std::get<0>(it->first) == type) it = lists_.erase(it);
    else ++it;
  }
  // Only objects already read are kept current: a new event or token is
  // written once and rarely read, so caching it would only cost a copy.
  if (cached != objects_.end()) {
    cached->second.object = replaced ? json::parse(body, nullptr, false) : object;
    cached->second.owner = owner;
  }
}

std::vector<json> SqliteStore::list(const std::string& type, const std::optional<std::string>& owner,
                                    size_t limit) {
  auto key = std::make_tuple(type, owner ? *owner : std::string("\x01"), limit);
  if (auto it = lists_.find(key); it != lists_.end()) return it->second;
  std::vector<json> out;
  sqlite3_stmt* s = owner ? prepare(5, "SELECT body FROM objects WHERE type = ?1 AND owner = ?2 "
                                       "ORDER BY seq DESC LIMIT ?3")
                          : prepare(6, "SELECT body FROM objects WHERE type = ?1 ORDER BY seq DESC LIMIT ?3");
  Bound b(s);
  b.text(1, type).integer(3, int64_t(limit));
  if (owner) b.text(2, *owner);
  while (b.step()) out.push_back(json::parse(b.col_text(0), nullptr, false));
  if (lists_.size() >= 256) lists_.clear();
  lists_.emplace(std::move(key), out);
  return out;
}

std::vector<json> SqliteStore::list_after(const std::string& type, const std::optional<std::string>& owner,
                                          const std::string& after_id, size_t limit) {
  std::vector<json> out;
  sqlite3_stmt* s =
      owner ? prepare(22, "SELECT body FROM objects WHERE type = ?1 AND owner = ?2 AND seq < "
                          "(SELECT seq FROM objects WHERE id = ?4) ORDER BY seq DESC LIMIT ?3")
            : prepare(23, "SELECT body FROM objects WHERE type = ?1 AND seq < "
                          "(SELECT seq FROM objects WHERE id = ?4) ORDER BY seq DESC LIMIT ?3");
  Bound b(s);
  b.text(1, type).integer(3, int64_t(limit)).text(4, after_id);
  if (owner) b.text(2, *owner);
  while (b.step()) out.push_back(json::parse(b.col_text(0), nullptr, false));
  return out;
}

std::optional<IdempotencyRecord> SqliteStore::idempotency_get(const std::string& key) {
  Bound b(prepare(7, "SELECT fingerprint, status, body, created FROM idempotency WHERE key = ?1"));
  b.text(1, key);
  if (!b.step()) return std::nullopt;
  return IdempotencyRecord{b.col_text(0), int(b.col_int(1)), b.col_text(2), b.col_int(3)};
}

void SqliteStore::idempotency_put(const std::string& key, const IdempotencyRecord& r) {
  write_begin();
  Bound b(prepare(8, "INSERT OR REPLACE INTO idempotency(key, fingerprint, status, body, created) "
                     "VALUES(?1, ?2, ?3, ?4, ?5)"));
  b.text(1, key).text(2, r.fingerprint).integer(3, r.status).text(4, r.body).integer(5, r.created);
  b.step();
}

void SqliteStore::idempotency_purge(int64_t older_than) {
  write_begin();
  Bound b(prepare(9, "DELETE FROM idempotency WHERE created < ?1"));
  b.integer(1, older_than);
  b.step();
}

std::optional<std::string> SqliteStore::meta_get(const std::string& key) {
  if (auto it = meta_.find(key); it != meta_.end()) return it->second;
  Bound b(prepare(10, "SELECT value FROM meta WHERE key = ?1"));
  b.text(1, key);
  std::optional<std::string> value;
  if (b.step()) value = b.col_text(0);
  meta_.emplace(key, value);
  return value;
}

void SqliteStore::meta_put(const std::string& key, const std::string& value) {
  write_begin();
  Bound b(prepare(11, "INSERT OR REPLACE INTO meta(key, value) VALUES(?1, ?2)"));
  b.text(1, key).text(2, value);
  b.step();
  meta_touched_ = true;
  meta_[key] = value;
}

}  // namespace setupflow::sandbox
