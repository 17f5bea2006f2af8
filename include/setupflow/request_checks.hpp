// Checks every flow makes on what it will send before anything is sent: the
// base URL requests go to, and the Idempotency-Key of a user action. Each
// flow words its own error (its parameter names differ); these say only
// whether the value is good.
#pragma once

#include <cstddef>
#include <string_view>

namespace setupflow {

enum class BaseUrlCheck {
  ok,
  malformed,  // not an absolute http(s) URL, or with credentials, query or fragment
  insecure,   // plain http where it is not allowed
};

// `base` with trailing slashes dropped (so paths can be appended): an
// absolute https URL without credentials, query or fragment, or the same in
// plain http to a loopback host (a local sandbox), or to any host when
// `allow_any_http` (a page's own origin, which the page already trusts).
// Sets `trimmed` to the size without the trailing slashes. Total.
BaseUrlCheck check_base_url(std::string_view base, bool allow_any_http, size_t& trimmed);

// 1..max visible ASCII characters. Spaces are refused too: fetch trims
// leading and trailing header whitespace, which would change the key. Total.
bool is_idempotency_key(std::string_view key, size_t max);

}  // namespace setupflow
