// A bound SQLite statement for SqliteStore's cached statements (internal to
// sqlite_store*.cpp).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>

#include "sqlite_store.hpp"

namespace setupflow::sandbox::sqlite {

// A bound statement that resets itself when it goes out of scope.
class Bound {
 public:
  explicit Bound(sqlite3_stmt* s) : s_(s) {}
  ~Bound() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }
  Bound& text(int i, const std::string& v) {
    sqlite3_bind_text(s_, i, v.data(), int(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Bound& integer(int i, int64_t v) {
    sqlite3_bind_int64(s_, i, v);
    return *this;
  }
  bool step() {
    int rc = sqlite3_step(s_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw StoreError(sqlite3_errmsg(sqlite3_db_handle(s_)));
  }
  std::string col_text(int i) {
    auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, i));
    return p ? std::string(p, size_t(sqlite3_column_bytes(s_, i))) : std::string();
  }
  int64_t col_int(int i) { return sqlite3_column_int64(s_, i); }

 private:
  sqlite3_stmt* s_;
};

}  // namespace setupflow::sandbox::sqlite
