// return_url handling. The page navigates the shopper to Cash App and back to
// this URL, so a bad one is an open door (javascript:, data:) or a leak
// (credentials, plain http over the internet); it is refused before any
// request is sent. Messages describe the problem and never echo the URL: it may
// carry the merchant's own tokens.
#include "setupflow/redirect.hpp"

#include <iterator>
#include <string>

#include "setupflow/form_encoding.hpp"

namespace setupflow {
namespace {

constexpr size_t kMaxReturnUrlBytes = 2048;

// An integration_error whose message is the C strings a..e joined (param
// never null). Out of line, from C strings: each failure site below is then
// one call, not an inlined std::string construction (wasm size).
[[gnu::noinline]] Error joined_error(const char* code, const char* param, const char* a,
                                     const char* b = "", const char* c = "", const char* d = "",
                                     const char* e = "") {
  std::string message(a);
  for (const char* part : {b, c, d, e}) {
    message += part;
  }
  return integration_error(code, std::move(message), param);
}

// The message "<message><name><after>".
Error return_url_error(const char* message, const char* name = "", const char* after = "") {
  return joined_error("invalid_return_url", "return_url", message, name, after);
}

// The return parameters, in the order kind * 2 + {0: id, 1: secret} for
// IntentKind setup (0) and payment (1), then the two hints.
constexpr const char* kReturnParams[] = {
    "setup_intent",    "setup_intent_client_secret", "payment_intent", "payment_intent_client_secret",
    "redirect_status", "redirect_pm_type"};
constexpr int kStatus = 4, kPmType = 5;
constexpr int kReturnParamCount = static_cast<int>(std::size(kReturnParams));

// Index of `key` in kReturnParams, or -1.
int return_param_index(std::string_view key) {
  for (int i = 0; i < kReturnParamCount; ++i) {
    if (key == kReturnParams[i]) {
      return i;
    }
  }
  return -1;
}

// The value of one query parameter (decoded), whether it was present, and
// whether it appeared twice with different values.
struct QueryValue {
  bool present = false;
  bool conflicting = false;
  bool malformed = false;
  std::string value;
};

// Reads every return parameter of `query` in one pass (keys and values
// percent-decoded, '+' as space).
void read_return_params(std::string_view query, QueryValue (&out)[kReturnParamCount]) {
  size_t start = 0;
  while (start <= query.size()) {
    size_t end = query.find('&', start);
    if (end == std::string_view::npos) {
      end = query.size();
    }
    const std::string_view part = query.substr(start, end - start);
    start = end + 1;
    const size_t eq = part.find('=');
    auto key = percent_decode(part.substr(0, eq), true);
    const int index = key ? return_param_index(key.value()) : -1;
    if (index < 0) {
      continue;
    }
    QueryValue& v = out[index];
    auto value = percent_decode(
        eq == std::string_view::npos ? std::string_view() : part.substr(eq + 1), true);
    if (!value) {
      v.malformed = true;
      continue;
    }
    if (v.present && v.value != value.value()) {
      v.conflicting = true;
    }
    v.present = true;
    v.value = std::move(value).value();
  }
}

// The message "<a><name><b><other><c>".
Error return_params_error(const char* param, const char* a, const char* name = "",
                          const char* b = "", const char* other = "", const char* c = "") {
  return joined_error("invalid_return_params", param, a, name, b, other, c);
}

}  // namespace
Status validate_return_url(std::string_view text) {
  if (text.empty()) {
    return return_url_error("Missing return_url: Cash App sends the shopper back to it.");
  }
  if (text.size() > kMaxReturnUrlBytes) {
    return return_url_error("return_url is longer than 2048 bytes.");
  }
  UrlParts url;
  if (const char* message = split_url(text, url)) {
    return return_url_error("Invalid return_url: ", message);
  }
  static constexpr const char* kDangerous[] = {"javascript", "data", "vbscript", "file", "blob"};
  for (auto scheme : kDangerous) {
    if (ascii_iequals(url.scheme, scheme)) {
      return return_url_error("return_url must be an https URL; the ", scheme,
                              ": scheme is not allowed.");
    }
  }
  const bool http = ascii_iequals(url.scheme, "http");
  if (!http && !ascii_iequals(url.scheme, "https")) {
    return return_url_error("return_url must be an https URL.");
  }
  if (url.host.empty()) {
    return return_url_error("return_url must name a host (https://host/…).");
  }
  if (!url.userinfo.empty()) {
    return return_url_error("return_url must not contain credentials (user:password@).");
  }
  if (http && !is_loopback_host(url.host)) {
    return return_url_error(
        "return_url must use https; plain http is allowed only for localhost and 127.0.0.1.");
  }
  return ok_status();
}

std::string add_return_params(std::string_view return_url, IntentKind kind,
                              std::string_view intent_id, std::string_view client_secret,
                              std::string_view redirect_status) {
  std::string_view base = return_url;
  std::string_view fragment;  // with its '#'
  if (const size_t hash = base.find('#'); hash != std::string_view::npos) {
    fragment = base.substr(hash);
    base = base.substr(0, hash);
  }
  std::string_view query;
  if (const size_t q = base.find('?'); q != std::string_view::npos) {
    query = base.substr(q + 1);
    base = base.substr(0, q);
  }
  std::string out(base);
  out.push_back('?');
  // Keep the merchant's parameters as they were written, but drop return
  // parameters left from an earlier attempt (a page that reuses its own
  // location as return_url): two setup_intent values would be ambiguous.
  size_t start = 0;
  while (start < query.size()) {
    size_t end = query.find('&', start);
    if (end == std::string_view::npos) {
      end = query.size();
    }
    const std::string_view part = query.substr(start, end - start);
    start = end + 1;
    if (part.empty()) {
      continue;
    }
    auto key = percent_decode(part.substr(0, part.find('=')), true);
    if (key && return_param_index(key.value()) >= 0) {
      continue;
    }
    out += part;
    out.push_back('&');
  }
  const std::string_view prefix = to_string(kind);
  out += prefix;
  out.push_back('=');
  out += percent_encode(intent_id);
  out.push_back('&');
  out += prefix;
  out += "_client_secret=";
  out += percent_encode(client_secret);
  out += "&redirect_pm_type=cashapp";
  if (!redirect_status.empty()) {
    out += "&redirect_status=";
    out += percent_encode(redirect_status);
  }
  out += fragment;
  return out;
}

Result<ReturnParams> parse_return_url(std::string_view url) {
  UrlParts parsed;
  if (split_url(url, parsed)) {
    return return_params_error("", "The return URL is not a valid absolute URL.");
  }
  QueryValue params[kReturnParamCount];
  read_return_params(parsed.query, params);
  const QueryValue& setup = params[0];
  const QueryValue& payment = params[2];
  if (setup.present && payment.present) {
    return return_params_error(
        "", "The return URL carries both setup_intent and payment_intent parameters.");
  }
  if (!setup.present && !payment.present) {
    return return_params_error(setup.malformed     ? "setup_intent"
                               : payment.malformed ? "payment_intent"
                                                   : "",
                               "The return URL has no setup_intent or payment_intent parameter: "
                               "it was not reached through a redirect.");
  }
  ReturnParams out;
  out.kind = setup.present ? IntentKind::setup : IntentKind::payment;
  const int k = setup.present ? 0 : 2;
  const char* id_name = kReturnParams[k];
  const char* secret_name = kReturnParams[k + 1];
  const QueryValue& id = params[k];
  const QueryValue& secret = params[k + 1];
  if (id.conflicting || id.malformed) {
    return return_params_error(id_name, "The return URL has an ambiguous ", id_name,
                               " parameter.");
  }
  if (!secret.present || secret.conflicting || secret.malformed) {
    return return_params_error(secret_name, "The return URL has a missing or ambiguous ",
                               secret_name, " parameter.");
  }
  auto cs = parse_client_secret_of_kind(secret.value, out.kind);
  if (!cs) {
    Error e = cs.error();
    e.param = secret_name;
    return e;
  }
  if (cs->intent_id != id.value) {
    return return_params_error(secret_name, "The return URL's ", secret_name,
                               " does not belong to its ", id_name, ".");
  }
  out.intent_id = id.value;
  out.client_secret = secret.value;
  // Hints only: an ambiguous or unreadable hint is dropped, not an error.
  if (params[kStatus].present && !params[kStatus].conflicting) {
    out.redirect_status = params[kStatus].value;
  }
  if (params[kPmType].present && !params[kPmType].conflicting) {
    out.redirect_pm_type = params[kPmType].value;
  }
  return out;
}

}  // namespace setupflow
