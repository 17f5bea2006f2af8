#include "demo_sessions.hpp"

namespace setupflow::sandbox {

std::string DemoSessions::session_of(const Request& req) {
  const std::string id = req.cookie(kCookie);
  if (id.size() != 32) return {};
  std::lock_guard<std::mutex> lock(mutex_);
  return sessions_.count(id) ? id : std::string();
}

std::string DemoSessions::page_cookie(const Request& req) {
  if (!session_of(req).empty()) return {};
  std::string id = random_(32);
  std::lock_guard<std::mutex> lock(mutex_);
  if (order_.size() >= kMaxSessions) {
    sessions_.erase(order_.front());
    order_.pop_front();
  }
  order_.push_back(id);
  sessions_[id];
  return std::string(kCookie) + "=" + id + "; Path=/demo; HttpOnly; SameSite=Strict";
}

void DemoSessions::remember_intent(const std::string& session, const std::string& intent_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = sessions_.find(session);
  if (it == sessions_.end()) return;
  if (it->second.size() >= kMaxIntentsPerSession) it->second.erase(it->second.begin());
  it->second.insert(intent_id);
}

bool DemoSessions::owns_intent(const std::string& session, const std::string& intent_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = sessions_.find(session);
  return it != sessions_.end() && it->second.count(intent_id) > 0;
}

}  // namespace setupflow::sandbox
