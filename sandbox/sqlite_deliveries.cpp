// SqliteStore's webhook delivery queue (the deliveries table).
#include <sqlite3.h>

#include "sqlite_bound.hpp"
#include "sqlite_store.hpp"

namespace setupflow::sandbox {

using sqlite::Bound;

void SqliteStore::enqueue_delivery(const std::string& event_id, const std::string& endpoint_id,
                                   int64_t next_at_ms) {
  write_begin();
  Bound b(prepare(12, "INSERT INTO deliveries(event_id, endpoint_id, next_at_ms) VALUES(?1, ?2, ?3)"));
  b.text(1, event_id).text(2, endpoint_id).integer(3, next_at_ms);
  b.step();
}

std::vector<Delivery> SqliteStore::due_deliveries(int64_t now_ms, size_t limit, const std::vector<std::string>& skip) {
  std::vector<Delivery> out;
  if (skip.empty()) {
    Bound b(prepare(13, "SELECT id, event_id, endpoint_id, attempts, next_at_ms FROM deliveries "
                        "WHERE next_at_ms <= ?1 ORDER BY next_at_ms, id LIMIT ?2"));
    b.integer(1, now_ms).integer(2, int64_t(limit));
    while (b.step())
      out.push_back(Delivery{b.col_int(0), b.col_text(1), b.col_text(2), int(b.col_int(3)), b.col_int(4)});
    return out;
  }
  // Rare (an endpoint is slow) and small (one entry per busy endpoint): a
  // statement of its own, not a cached slot.
  std::string sql =
      "SELECT id, event_id, endpoint_id, attempts, next_at_ms FROM deliveries WHERE next_at_ms <= ?1 "
      "AND endpoint_id NOT IN (";
  for (size_t i = 0; i < skip.size(); ++i) sql += (i ? ",?" : "?") + std::to_string(i + 3);
  sql += ") ORDER BY next_at_ms, id LIMIT ?2";
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) throw StoreError(sqlite3_errmsg(db_));
  sqlite3_bind_int64(s, 1, now_ms);
  sqlite3_bind_int64(s, 2, int64_t(limit));
  for (size_t i = 0; i < skip.size(); ++i)
    sqlite3_bind_text(s, int(i + 3), skip[i].data(), int(skip[i].size()), SQLITE_TRANSIENT);
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    auto text = [&](int c) { return std::string(reinterpret_cast<const char*>(sqlite3_column_text(s, c))); };
    out.push_back(Delivery{sqlite3_column_int64(s, 0), text(1), text(2), int(sqlite3_column_int64(s, 3)),
                           sqlite3_column_int64(s, 4)});
  }
  sqlite3_finalize(s);
  if (rc != SQLITE_DONE) throw StoreError(sqlite3_errmsg(db_));
  return out;
}

void SqliteStore::delivery_done(int64_t id) {
  write_begin();
  Bound b(prepare(14, "DELETE FROM deliveries WHERE id = ?1"));
  b.integer(1, id);
  b.step();
}

void SqliteStore::delivery_retry(int64_t id, int attempts, int64_t next_at_ms) {
  write_begin();
  Bound b(prepare(15, "UPDATE deliveries SET attempts = ?2, next_at_ms = ?3 WHERE id = ?1"));
  b.integer(1, id).integer(2, attempts).integer(3, next_at_ms);
  b.step();
}

size_t SqliteStore::pending_deliveries() {
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db_, "SELECT COUNT(*) FROM deliveries", -1, &s, nullptr) != SQLITE_OK)
    throw StoreError(sqlite3_errmsg(db_));
  size_t n = 0;
  if (sqlite3_step(s) == SQLITE_ROW) n = size_t(sqlite3_column_int64(s, 0));
  sqlite3_finalize(s);
  return n;
}

}  // namespace setupflow::sandbox
