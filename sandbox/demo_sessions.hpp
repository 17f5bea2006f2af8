// Sessions of the hosted demo's merchant pages. The sandbox issues one (an
// HttpOnly, SameSite=Strict cookie on /demo) with every demo HTML page it
// serves; the merchant routes under /demo/ need it, so a page on another site
// cannot list customers, charge, detach or fetch an approval link (its
// requests carry no cookie, and its POSTs carry a foreign Origin, refused as
// well). A session may open the phone page only of the intents its own
// checkouts created. In memory: a restart asks for a page reload.
#pragma once

#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>

#include "http_types.hpp"

namespace setupflow::sandbox {

class DemoSessions {
 public:
  static constexpr const char* kCookie = "sf_demo_session";
  static constexpr size_t kMaxSessions = 1000;
  static constexpr size_t kMaxIntentsPerSession = 200;

  // `random(n)`: n unpredictable [A-Za-z0-9] characters.
  explicit DemoSessions(std::function<std::string(size_t)> random) : random_(std::move(random)) {}

  // The Set-Cookie value for a page served to `req`: a new session, or ""
  // when the request already carries a live one.
  std::string page_cookie(const Request& req);
  // The live session `req` carries, or "".
  std::string session_of(const Request& req);
  void remember_intent(const std::string& session, const std::string& intent_id);
  bool owns_intent(const std::string& session, const std::string& intent_id);

 private:
  std::function<std::string(size_t)> random_;
  std::mutex mutex_;
  std::deque<std::string> order_;                         // oldest first, for eviction
  std::map<std::string, std::set<std::string>> sessions_;  // session -> its intents
};

}  // namespace setupflow::sandbox
