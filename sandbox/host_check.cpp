#include "host_check.hpp"

#include <algorithm>
#include <cctype>

#include "setupflow/redirect.hpp"

namespace setupflow::sandbox {
namespace {

std::string lower(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) out.push_back(char(std::tolower(static_cast<unsigned char>(c))));
  return out;
}

bool wildcard(const std::string& host) { return host.empty() || host == "0.0.0.0" || host == "::" || host == "[::]"; }

std::string bracketed(const std::string& host) {
  return host.find(':') != std::string::npos && host.front() != '[' ? "[" + host + "]" : host;
}

}  // namespace

std::string default_base_url(const std::string& listen_host, int port) {
  const std::string host = wildcard(listen_host) ? "127.0.0.1" : bracketed(listen_host);
  return "http://" + host + ":" + std::to_string(port);
}

std::vector<std::string> allowed_hosts(const std::string& listen_host, int port, const std::string& public_url) {
  std::vector<std::string> names = {"127.0.0.1", "localhost", "[::1]"};
  if (!wildcard(listen_host)) names.push_back(lower(bracketed(listen_host)));
  std::vector<std::string> out;
  for (const auto& n : names) {
    out.push_back(n + ":" + std::to_string(port));
    if (port == 80) out.push_back(n);
  }
  if (!public_url.empty()) {
    if (auto u = parse_url(public_url); u.ok() && !u->host.empty()) {
      const std::string host = lower(bracketed(u->host));
      if (!u->port.empty()) {
        out.push_back(host + ":" + u->port);
      } else {
        out.push_back(host);
        out.push_back(host + (u->scheme == "https" ? ":443" : ":80"));
      }
    }
  }
  return out;
}

bool host_allowed(std::string_view host, const std::vector<std::string>& allowed) {
  if (host.empty() || host.size() > 255) return false;
  const std::string h = lower(host);
  return std::find(allowed.begin(), allowed.end(), h) != allowed.end();
}

}  // namespace setupflow::sandbox
