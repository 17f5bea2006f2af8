// return_url: validation, adding the return parameters, parsing them back.
#pragma once

#include <string>
#include <string_view>

#include "setupflow/client_secret.hpp"
#include "setupflow/result.hpp"

namespace setupflow {

// An absolute URL split into parts (RFC 3986), enough for return URLs.
struct Url {
  std::string scheme;    // lower-cased
  std::string userinfo;  // non-empty means credentials were given
  std::string host;      // lower-cased; IPv6 literals keep their brackets
  std::string port;      // digits or empty
  std::string path;
  std::string query;     // without '?'; empty and absent are the same
  std::string fragment;  // without '#'
  bool has_query = false;
  bool has_fragment = false;
};

// Total; refuses relative references, control characters, spaces and bad ports.
Result<Url> parse_url(std::string_view text);

// An absolute URL's parts as views into the text it was split from, not
// lower-cased (compare schemes and hosts with ascii_iequals): parse_url's
// checks without building strings, for callers that only look at the parts.
// Same fields and meaning as Url.
struct UrlParts {
  std::string_view scheme, userinfo, host, port, path, query, fragment;
  bool has_query = false;
  bool has_fragment = false;
};

// Null when parse_url(text) succeeds, `parts` then viewing `text` (which must
// outlive them); otherwise the message of parse_url's error. Total.
const char* split_url(std::string_view text, UrlParts& parts);

// ASCII case-insensitive equality (schemes and hosts compare this way). Total.
bool ascii_iequals(std::string_view a, std::string_view b);

// True for localhost, *.localhost, 127.0.0.0/8 and [::1].
bool is_loopback_host(std::string_view host);

// A safe return_url: absolute; https, or http only for loopback hosts; no
// credentials; at most 2048 bytes. Everything else (javascript:, data:, a
// relative path, http to a public host…) is an integration_error with param
// "return_url" and a message saying what is wrong. Total.
Status validate_return_url(std::string_view text);

// Adds `<kind>`, `<kind>_client_secret`, `redirect_pm_type=cashapp` (and
// `redirect_status` when non-empty) to the query of a validated return_url,
// keeping existing parameters and leaving the #fragment intact after the new
// query. Precondition: validate_return_url(return_url) succeeded.
std::string add_return_params(std::string_view return_url, IntentKind kind,
                              std::string_view intent_id, std::string_view client_secret,
                              std::string_view redirect_status);

struct ReturnParams {
  IntentKind kind = IntentKind::setup;
  std::string intent_id;
  std::string client_secret;
  std::string redirect_status;   // a hint only; may be empty
  std::string redirect_pm_type;  // may be empty
};

// Reads the return parameters from a URL the shopper landed on. Missing
// parameters, a secret that does not parse, or a secret whose intent id differs
// from the `setup_intent`/`payment_intent` parameter is an integration_error.
Result<ReturnParams> parse_return_url(std::string_view url);

}  // namespace setupflow
