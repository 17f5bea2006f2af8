#include "demo_moto_consents.hpp"

#include <sqlite3.h>

#include <stdexcept>

#include "sqlite_bound.hpp"

namespace setupflow::sandbox {

DemoConsentStore::DemoConsentStore(const std::string& path) {
  if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) {
    const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw std::runtime_error("demo consent records: " + message);
  }
  // The sandbox's store shares the file and may hold its write lock for a
  // group of requests: wait for it rather than fail.
  sqlite3_busy_timeout(db_, 5000);
  exec("CREATE TABLE IF NOT EXISTS demo_moto_consents ("
       " idempotency_key TEXT PRIMARY KEY,"
       " customer TEXT NOT NULL,"
       " setup_intent TEXT,"
       " record TEXT NOT NULL,"
       " created INTEGER NOT NULL)");
  exec("CREATE INDEX IF NOT EXISTS demo_moto_consents_si ON demo_moto_consents(setup_intent)");
  const char* sql[] = {
      "INSERT INTO demo_moto_consents(idempotency_key, customer, record, created) VALUES (?1, ?2, ?3, ?4)"
      " ON CONFLICT(idempotency_key) DO UPDATE SET customer = excluded.customer, record = excluded.record",
      "UPDATE demo_moto_consents SET setup_intent = ?2 WHERE idempotency_key = ?1",
      "SELECT record FROM demo_moto_consents WHERE setup_intent = ?1 ORDER BY created DESC LIMIT 1"};
  for (int i = 0; i < 3; ++i) {
    if (sqlite3_prepare_v2(db_, sql[i], -1, &statements_[i], nullptr) != SQLITE_OK)
      throw std::runtime_error(std::string("demo consent records: ") + sqlite3_errmsg(db_));
  }
}

DemoConsentStore::~DemoConsentStore() {
  for (sqlite3_stmt* s : statements_) sqlite3_finalize(s);
  sqlite3_close(db_);
}

void DemoConsentStore::exec(const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    throw std::runtime_error("demo consent records: " + message);
  }
}

void DemoConsentStore::record(const std::string& key, const json& record, int64_t now) {
  std::lock_guard<std::mutex> lock(mutex_);
  sqlite::Bound(statements_[kRecord])
      .text(1, key)
      .text(2, record.value("customer", ""))
      .text(3, record.dump())
      .integer(4, now)
      .step();
}

void DemoConsentStore::link(const std::string& key, const std::string& setup_intent) {
  std::lock_guard<std::mutex> lock(mutex_);
  sqlite::Bound(statements_[kLink])
      .text(1, key)
      .text(2, setup_intent)
      .step();
}

std::optional<DemoConsentStore::json> DemoConsentStore::for_setup_intent(const std::string& setup_intent) {
  std::lock_guard<std::mutex> lock(mutex_);
  sqlite::Bound s(statements_[kFind]);
  s.text(1, setup_intent);
  if (!s.step()) return std::nullopt;
  json record = json::parse(s.col_text(0), nullptr, false);
  if (record.is_discarded() || !record.is_object()) return std::nullopt;
  record["setup_intent"] = setup_intent;
  return record;
}

}  // namespace setupflow::sandbox
