// The imperative shell around Sandbox: cpp-httplib server, static files,
// webhook delivery thread.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <string>

#include "sandbox.hpp"

namespace setupflow::sandbox {

struct ShellOptions {
  std::string host = "127.0.0.1";
  int port = 4242;                 // 0: any free port (printed when ready)
  std::string static_dir;          // served under / when set
  std::string content_security_policy;  // added to static responses when set
  size_t max_body_bytes = 1 << 20;
  // --public-url: the base of handed-out URLs and one more Host answered.
  // Empty: the listen address with the bound port.
  std::string public_url;
  // Routes served before the API (the hosted demo's merchant server): returns
  // true when it answered the request.
  std::function<bool(const Request&, Response&)> extra_routes;
  // A Set-Cookie value for an HTML page served from static_dir ("" for none):
  // the hosted demo's session.
  std::function<std::string(const Request&)> page_cookie;
};

// Binds, sets the sandbox's public base URL (options.public_url, else the
// listen address with the bound port), calls on_ready(port), and serves until
// stop_http(); a request whose Host is not one of the sandbox's own names
// (host_check.hpp) is answered 421 before anything else. Returns false when
// it could not bind.
bool run_http(Sandbox& sandbox, const ShellOptions& options, const std::function<void(int)>& on_ready);
void stop_http();

// Delivers queued webhooks until `stop` is set (checks every 200 ms).
void run_webhook_delivery(Sandbox& sandbox, const std::atomic<bool>& stop);

}  // namespace setupflow::sandbox
