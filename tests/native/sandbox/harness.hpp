// Test harness: a Sandbox over an in-memory SQLite store with a fake clock
// and deterministic ids, called like an HTTP client.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "sandbox.hpp"
#include "sqlite_store.hpp"

namespace setupflow::sandbox::testing {

class FakeEnv : public Env {
 public:
  int64_t now = 1767225600;  // 2026-01-01T00:00:00Z
  int64_t wall_now() override { return now; }
  std::string random_alnum(size_t n) override {
    std::string s = std::to_string(++counter_);
    std::string out(n > s.size() ? n - s.size() : 0, 'x');
    return (out + s).substr(0, n);
  }

 private:
  uint64_t counter_ = 0;
};

struct Reply {
  Response raw;
  json body;
  int status() const { return raw.status; }
  std::string error_type() const { return body["error"].value("type", ""); }
  std::string error_code() const { return body["error"].value("code", ""); }
  std::string error_param() const { return body["error"].value("param", ""); }
};

class SandboxTest : public ::testing::Test {
 protected:
  static constexpr const char* kSk = "sk_test_setupflowsandbox";
  static constexpr const char* kPk = "pk_test_setupflowsandbox";

  SandboxTest() : store_(":memory:"), sandbox_(Config{}, store_, env_) {}

  Reply call(const std::string& method, const std::string& target, const std::string& body = "",
             const std::string& key = kSk, std::map<std::string, std::string> headers = {}) {
    return call_on(sandbox_, method, target, body, key, std::move(headers));
  }
  Reply call_on(Sandbox& sandbox, const std::string& method, const std::string& target, const std::string& body = "",
                const std::string& key = kSk, std::map<std::string, std::string> headers = {}) {
    Request req;
    req.method = method;
    size_t q = target.find('?');
    req.path = target.substr(0, q);
    if (q != std::string::npos) req.query = target.substr(q + 1);
    req.body = body;
    req.remote_ip = "127.0.0.1";
    req.headers = std::move(headers);
    req.headers.emplace("host", "127.0.0.1:4242");
    req.headers.emplace("user-agent", "test-agent/1.0");
    if (!key.empty()) req.headers.emplace("authorization", "Bearer " + key);
    Reply r;
    r.raw = sandbox.handle(req);
    r.body = json::parse(r.raw.body, nullptr, false);
    return r;
  }
  Reply post(const std::string& path, const std::string& body = "", const std::string& key = kSk,
             std::map<std::string, std::string> headers = {}) {
    return call("POST", path, body, key, std::move(headers));
  }
  Reply get(const std::string& path, const std::string& key = kSk) { return call("GET", path, "", key); }

  // Common flows.
  std::string customer() { return post("/v1/customers", "email=a%40example.com").body["id"]; }
  json confirmed_setup_intent(const std::string& cus) {
    auto si = post("/v1/setup_intents", "customer=" + cus + "&payment_method_types[]=cashapp&usage=off_session");
    return post("/v1/setup_intents/" + si.body["id"].get<std::string>() + "/confirm",
                "payment_method_data[type]=cashapp&return_url=https%3A%2F%2Fshop.example%2Fdone%3Fa%3D1"
                "&mandate_data[customer_acceptance][type]=online"
                "&mandate_data[customer_acceptance][online][infer_from_client]=true")
        .body;
  }
  // The token path ("/cashapp/authorize/cat_…") of an intent's next action.
  static std::string phone_path(const json& intent) {
    std::string url = intent["next_action"]["cashapp_handle_redirect_or_display_qr_code"]["qr_code"]["data"];
    return url.substr(url.find("/cashapp/"));
  }
  Reply approve(const json& intent, const std::string& extra = "") {
    return call("POST", phone_path(intent), "action=approve&cashtag=%24alice" + extra, "");
  }
  void advance(int64_t seconds) { env_.now += seconds; }

  FakeEnv env_;
  SqliteStore store_;
  Sandbox sandbox_;
};

}  // namespace setupflow::sandbox::testing
