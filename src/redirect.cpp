// return_url handling. The page navigates the shopper to Cash App and back to
// this URL, so a bad one is an open door (javascript:, data:) or a leak
// (credentials, plain http over the internet); it is refused before any
// request is sent. Messages describe the problem and never echo the URL: it may
// carry the merchant's own tokens.
#include "setupflow/redirect.hpp"

#include <array>
#include <string>

#include "setupflow/form_encoding.hpp"

namespace setupflow {
namespace {

constexpr size_t kMaxReturnUrlBytes = 2048;

bool is_alpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower(c);
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

Error url_error(std::string message) {
  return invalid_request("url_invalid", std::move(message), {});
}

Error return_url_error(std::string message) {
  return integration_error("invalid_return_url", std::move(message), "return_url");
}

// reg-name characters we accept: letters, digits, '-', '.', '_', '~'. Percent
// escapes and other sub-delims are legal in RFC 3986 but not in real hosts, and
// browsers would reinterpret them.
bool is_host_char(char c) {
  return is_alpha(c) || is_digit(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

bool is_ipv6_char(char c) {
  return is_digit(c) || (lower(c) >= 'a' && lower(c) <= 'f') || c == ':' || c == '.';
}

// A decimal octet 0..255 written without leading zeros (browsers read
// "010" as octal, so such hosts are never treated as loopback).
bool is_octet(std::string_view s) {
  if (s.empty() || s.size() > 3) return false;
  if (s.size() > 1 && s[0] == '0') return false;
  int v = 0;
  for (char c : s) {
    if (!is_digit(c)) return false;
    v = v * 10 + (c - '0');
  }
  return v <= 255;
}

bool is_ipv4_loopback(std::string_view host) {
  std::array<std::string_view, 4> parts;
  size_t count = 0, start = 0;
  while (true) {
    const size_t dot = host.find('.', start);
    if (count == parts.size()) return false;
    parts[count++] = host.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (count != 4) return false;
  for (auto p : parts) {
    if (!is_octet(p)) return false;
  }
  return parts[0] == "127";
}

// The value of query parameter `name` (decoded), whether it was present, and
// whether it appeared twice with different values.
struct QueryValue {
  bool present = false;
  bool conflicting = false;
  bool malformed = false;
  std::string value;
};

QueryValue query_value(std::string_view query, std::string_view name) {
  QueryValue out;
  size_t start = 0;
  while (start <= query.size()) {
    size_t end = query.find('&', start);
    if (end == std::string_view::npos) end = query.size();
    const std::string_view part = query.substr(start, end - start);
    start = end + 1;
    const size_t eq = part.find('=');
    auto key = percent_decode(part.substr(0, eq), true);
    if (!key || key.value() != name) continue;
    auto value = percent_decode(
        eq == std::string_view::npos ? std::string_view() : part.substr(eq + 1), true);
    if (!value) {
      out.malformed = true;
      continue;
    }
    if (out.present && out.value != value.value()) out.conflicting = true;
    out.present = true;
    out.value = std::move(value).value();
  }
  return out;
}

bool is_return_param(std::string_view key) {
  static constexpr std::string_view kNames[] = {"setup_intent",     "setup_intent_client_secret",
                                                "payment_intent",   "payment_intent_client_secret",
                                                "redirect_pm_type", "redirect_status"};
  for (auto n : kNames) {
    if (key == n) return true;
  }
  return false;
}

Error return_params_error(std::string message, std::string param) {
  return integration_error("invalid_return_params", std::move(message), std::move(param));
}

}  // namespace

Result<Url> parse_url(std::string_view text) {
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == 0x7F) {
      return url_error("The URL contains a space or a control character.");
    }
    if (c == '\\') return url_error("The URL contains a backslash.");
  }
  if (text.empty()) return url_error("The URL is empty.");

  // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"
  size_t i = 0;
  if (!is_alpha(text[0])) {
    return url_error("The URL is relative; an absolute URL with a scheme (https://…) is needed.");
  }
  while (i < text.size() && (is_alpha(text[i]) || is_digit(text[i]) || text[i] == '+' ||
                             text[i] == '-' || text[i] == '.')) {
    ++i;
  }
  if (i >= text.size() || text[i] != ':') {
    return url_error("The URL is relative; an absolute URL with a scheme (https://…) is needed.");
  }
  Url url;
  url.scheme = to_lower(text.substr(0, i));
  std::string_view rest = text.substr(i + 1);

  // Fragment and query come off the end first: '#' ends everything, '?' the path.
  if (const size_t hash = rest.find('#'); hash != std::string_view::npos) {
    url.has_fragment = true;
    url.fragment = std::string(rest.substr(hash + 1));
    rest = rest.substr(0, hash);
  }
  if (const size_t q = rest.find('?'); q != std::string_view::npos) {
    url.has_query = true;
    url.query = std::string(rest.substr(q + 1));
    rest = rest.substr(0, q);
  }

  if (rest.substr(0, 2) == "//") {
    rest = rest.substr(2);
    const size_t slash = rest.find('/');
    std::string_view authority = rest.substr(0, slash);
    url.path = slash == std::string_view::npos ? std::string() : std::string(rest.substr(slash));
    if (const size_t at = authority.rfind('@'); at != std::string_view::npos) {
      url.userinfo = std::string(authority.substr(0, at));
      authority = authority.substr(at + 1);
    }
    std::string_view host = authority;
    std::string_view port;
    if (!authority.empty() && authority[0] == '[') {
      const size_t close = authority.find(']');
      if (close == std::string_view::npos) return url_error("The URL has an unclosed '[' host.");
      host = authority.substr(0, close + 1);
      const std::string_view inner = host.substr(1, host.size() - 2);
      if (inner.empty() || inner.find(':') == std::string_view::npos) {
        return url_error("The URL has a malformed IPv6 host.");
      }
      for (char c : inner) {
        if (!is_ipv6_char(c)) return url_error("The URL has a malformed IPv6 host.");
      }
      const std::string_view after = authority.substr(close + 1);
      if (!after.empty()) {
        if (after[0] != ':') return url_error("The URL has text after its IPv6 host.");
        port = after.substr(1);
      }
    } else {
      const size_t colon = authority.rfind(':');
      if (colon != std::string_view::npos) {
        host = authority.substr(0, colon);
        port = authority.substr(colon + 1);
      }
      for (char c : host) {
        if (!is_host_char(c)) return url_error("The URL's host contains an invalid character.");
      }
    }
    if (port.size() > 5) return url_error("The URL has an invalid port.");
    int port_value = 0;
    for (char c : port) {
      if (!is_digit(c)) return url_error("The URL has an invalid port.");
      port_value = port_value * 10 + (c - '0');
    }
    if (port_value > 65535) return url_error("The URL has an invalid port.");
    url.host = to_lower(host);
    url.port = std::string(port);
  } else {
    url.path = std::string(rest);
  }
  return url;
}

bool is_loopback_host(std::string_view host) {
  if (iequals(host, "localhost") || iequals(host, "[::1]")) return true;
  constexpr std::string_view kSuffix = ".localhost";
  if (host.size() > kSuffix.size() && iequals(host.substr(host.size() - kSuffix.size()), kSuffix)) {
    // "*.localhost": a non-empty label before the suffix, made of host chars.
    const std::string_view label = host.substr(0, host.size() - kSuffix.size());
    if (label.front() == '.' || label.back() == '.') return false;
    for (char c : label) {
      if (!is_host_char(c)) return false;
    }
    return true;
  }
  return is_ipv4_loopback(host);
}

Status validate_return_url(std::string_view text) {
  if (text.empty()) {
    return return_url_error("Missing return_url: Cash App sends the shopper back to it.");
  }
  if (text.size() > kMaxReturnUrlBytes) {
    return return_url_error("return_url is longer than 2048 bytes.");
  }
  auto parsed = parse_url(text);
  if (!parsed) return return_url_error("Invalid return_url: " + parsed.error().message);
  const Url& url = parsed.value();
  static constexpr std::string_view kDangerous[] = {"javascript", "data", "vbscript", "file",
                                                    "blob"};
  for (auto scheme : kDangerous) {
    if (url.scheme == scheme) {
      return return_url_error("return_url must be an https URL; the " + std::string(scheme) +
                              ": scheme is not allowed.");
    }
  }
  if (url.scheme != "https" && url.scheme != "http") {
    return return_url_error("return_url must be an https URL.");
  }
  if (url.host.empty()) return return_url_error("return_url must name a host (https://host/…).");
  if (!url.userinfo.empty()) {
    return return_url_error("return_url must not contain credentials (user:password@).");
  }
  if (url.scheme == "http" && !is_loopback_host(url.host)) {
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
    if (end == std::string_view::npos) end = query.size();
    const std::string_view part = query.substr(start, end - start);
    start = end + 1;
    if (part.empty()) continue;
    auto key = percent_decode(part.substr(0, part.find('=')), true);
    if (key && is_return_param(key.value())) continue;
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
  auto parsed = parse_url(url);
  if (!parsed) {
    return return_params_error("The return URL is not a valid absolute URL.", {});
  }
  const std::string& query = parsed->query;
  const QueryValue setup = query_value(query, "setup_intent");
  const QueryValue payment = query_value(query, "payment_intent");
  if (setup.present && payment.present) {
    return return_params_error(
        "The return URL carries both setup_intent and payment_intent parameters.", {});
  }
  if (!setup.present && !payment.present) {
    return return_params_error(
        "The return URL has no setup_intent or payment_intent parameter: it was not reached "
        "through a redirect.",
        setup.malformed     ? "setup_intent"
        : payment.malformed ? "payment_intent"
                            : "");
  }
  ReturnParams out;
  out.kind = setup.present ? IntentKind::setup : IntentKind::payment;
  const std::string id_name(to_string(out.kind));
  const std::string secret_name = id_name + "_client_secret";
  const QueryValue& id = setup.present ? setup : payment;
  const QueryValue secret = query_value(query, secret_name);
  if (id.conflicting || id.malformed) {
    return return_params_error("The return URL has an ambiguous " + id_name + " parameter.",
                               id_name);
  }
  if (!secret.present || secret.conflicting || secret.malformed) {
    return return_params_error(
        "The return URL has a missing or ambiguous " + secret_name + " parameter.", secret_name);
  }
  auto cs = parse_client_secret_of_kind(secret.value, out.kind);
  if (!cs) {
    Error e = cs.error();
    e.param = secret_name;
    return e;
  }
  if (cs->intent_id != id.value) {
    return return_params_error(
        "The return URL's " + secret_name + " does not belong to its " + id_name + ".",
        secret_name);
  }
  out.intent_id = id.value;
  out.client_secret = secret.value;
  const QueryValue status = query_value(query, "redirect_status");
  const QueryValue pm_type = query_value(query, "redirect_pm_type");
  // Hints only: an ambiguous or unreadable hint is dropped, not an error.
  if (status.present && !status.conflicting) out.redirect_status = status.value;
  if (pm_type.present && !pm_type.conflicting) out.redirect_pm_type = pm_type.value;
  return out;
}

}  // namespace setupflow
