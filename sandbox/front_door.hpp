// What the HTTP shell does with a parsed request that is not a static file,
// without sockets: the Host check first (421 for any name but the sandbox's
// own, host_check.hpp), then the routes served before the API (the hosted
// demo's merchant) for paths the API router does not own, else the sandbox.
// The shell calls it for every such request, and the fuzzers call it too, so
// they exercise the very path a browser's request takes.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "http_types.hpp"
#include "sandbox.hpp"

namespace setupflow::sandbox {

// Routes answered before the API: true when they answered the request.
using ExtraRoutes = std::function<bool(const Request&, Response&)>;

// Stripe-shaped 421 for a Host the sandbox does not answer.
Response misdirected_request();

// `allowed`: allowed_hosts(...) for the bound address; `extra` may be empty.
Response answer_request(Sandbox& sandbox, const std::vector<std::string>& allowed,
                        const ExtraRoutes& extra, const Request& req);

}  // namespace setupflow::sandbox
