// The part of a request's handling that needs no store: route matching,
// parameter decoding, authentication and the idempotency key. Sandbox runs it
// before taking its mutex, so concurrent requests do it in parallel.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api_error.hpp"
#include "route.hpp"
#include "sandbox.hpp"

namespace setupflow::sandbox {

struct PreparedRequest {
  const Route* route = nullptr;
  std::optional<Response> direct;  // answered before any fault draw (404, 405, OPTIONS)
  std::optional<Response> early;   // an error answered after the fault draw
  FormNode params;
  bool publishable = false;
  bool secret = false;  // the secret key (known before any refusal): never a CORS answer
  std::string base_url, api_key, idem_key, fingerprint;
  std::vector<std::string> parts;  // path segments
};

// Total: any request gives a PreparedRequest; errors are in direct/early.
PreparedRequest prepare_request(const Config& config, const Request& req);

// True when the router owns `path`: its first segment is that of a route
// ("v1", "cashapp", ...). The shell serves static files and the demo's own
// routes only for paths the router does not own, so an unknown API path is
// the API's 404, never a file.
bool is_routed_path(std::string_view path);

// Stripe's error body for `e`.
Response error_response(const ApiError& e);

}  // namespace setupflow::sandbox
