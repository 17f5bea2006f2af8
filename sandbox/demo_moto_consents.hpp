// The hosted demo's consent records for mail and telephone orders: what the
// agent read to the caller and what the caller agreed to, kept by the demo
// merchant before any card is taken (docs/moto.md, "recordConsent"). One
// record per start: a retried start (the same Idempotency-Key) replaces its
// own record and makes no second one. Once the start's SetupIntent exists it
// is linked to the record, so the merchant console can show, for each saved
// card, the terms version, locale, agent, channel, time, allow_redisplay
// choice and the full text.
//
// Its own table (demo_moto_consents) in the demo's database, on its own
// connection; ":memory:" keeps the records for the life of the process.
#pragma once

#include <mutex>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

struct sqlite3;
struct sqlite3_stmt;

namespace setupflow::sandbox {

class DemoConsentStore {
 public:
  using json = nlohmann::json;

  // Opens (creating if needed) the table in the database at `path`. Throws
  // std::runtime_error when the database cannot be opened.
  explicit DemoConsentStore(const std::string& path);
  ~DemoConsentStore();
  DemoConsentStore(const DemoConsentStore&) = delete;
  DemoConsentStore& operator=(const DemoConsentStore&) = delete;

  // Stores `record` (an object with a string "customer") under `key`,
  // replacing the record a previous call with the same key stored; the link
  // to a SetupIntent, once made, is kept.
  void record(const std::string& key, const json& record, int64_t now);
  // Links the record of `key` to the SetupIntent its start created.
  void link(const std::string& key, const std::string& setup_intent);
  // The record linked to `setup_intent`, with "setup_intent" added; nullopt
  // when there is none.
  std::optional<json> for_setup_intent(const std::string& setup_intent);

 private:
  void exec(const char* sql);

  enum { kRecord, kLink, kFind };
  std::mutex mutex_;
  sqlite3* db_ = nullptr;
  sqlite3_stmt* statements_[3] = {};
};

}  // namespace setupflow::sandbox
