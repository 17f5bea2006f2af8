// Which Host headers the sandbox answers, and the base of the URLs it hands
// out. A page on any web origin can make a browser send requests to a
// loopback server under its own DNS name (DNS rebinding); refusing every Host
// but the sandbox's own names (421 Misdirected Request) closes that door. URLs
// stored in intents come from configuration, never from a request's Host.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace setupflow::sandbox {

// "http://<listen address>:<port>"; a wildcard address (0.0.0.0, ::, empty)
// becomes 127.0.0.1, an IPv6 address is bracketed.
std::string default_base_url(const std::string& listen_host, int port);

// The Host values (lower case) answered: the listen address, 127.0.0.1,
// localhost and [::1], each with `port` (and bare when the port is 80), plus
// the host[:port] of `public_url` when set (bare and with the scheme's
// default port when it names none).
std::vector<std::string> allowed_hosts(const std::string& listen_host, int port, const std::string& public_url);

// True when `host` (a Host header, compared case-insensitively) is one of
// `allowed`. An empty or oversized header is refused.
bool host_allowed(std::string_view host, const std::vector<std::string>& allowed);

}  // namespace setupflow::sandbox
