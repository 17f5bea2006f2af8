// The sandbox's sans-I/O boundary: a request in, a response out.
// The shell (http_shell.cpp) converts cpp-httplib's types to and from these,
// so the handler never touches a socket and is unit-tested directly.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace setupflow::sandbox {

struct Request {
  std::string method;  // "GET", "POST", "DELETE", "OPTIONS"
  std::string path;    // without the query, not percent-decoded
  std::string query;   // raw, without '?'
  std::string body;
  std::string remote_ip;
  std::map<std::string, std::string> headers;  // names lower-cased

  // The header's value, or "" when absent. `name` must be lower-case.
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
  // The value of cookie `name` in the Cookie header, or "" when absent.
  std::string cookie(const std::string& name) const {
    const std::string all = header("cookie");
    size_t i = 0;
    while (i < all.size()) {
      size_t end = all.find(';', i);
      if (end == std::string::npos) end = all.size();
      size_t start = all.find_first_not_of(' ', i);
      if (start < end && all.compare(start, name.size() + 1, name + "=") == 0)
        return all.substr(start + name.size() + 1, end - start - name.size() - 1);
      i = end + 1;
    }
    return {};
  }
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // Fault injection, carried out by the shell after the state was committed.
  int delay_ms = 0;
  bool drop_connection = false;

  void set_header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
  }
  std::string header(const std::string& name) const {
    for (const auto& [k, v] : headers)
      if (k == name) return v;
    return {};
  }
};

// Time and randomness, injected so tests are deterministic.
class Env {
 public:
  virtual ~Env() = default;
  // Real wall-clock time in unix seconds (the sandbox clock adds its offset).
  virtual int64_t wall_now() = 0;
  // `n` characters from [A-Za-z0-9], unpredictable in production.
  virtual std::string random_alnum(size_t n) = 0;
};

// Production Env: system clock and OpenSSL's RAND_bytes.
class SystemEnv : public Env {
 public:
  int64_t wall_now() override;
  std::string random_alnum(size_t n) override;
};

}  // namespace setupflow::sandbox
