// Absolute URLs (RFC 3986), parsed strictly enough for return URLs and the
// URLs the API asks the page to open: anything a browser might read
// differently from us (spaces, controls, backslashes, odd hosts) is refused
// rather than guessed at. Messages never echo the URL.
#include <array>
#include <string>

#include "setupflow/redirect.hpp"  // parse_url and is_loopback_host are declared there

namespace setupflow {
namespace {

bool is_alpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowered(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    c = lower(c);
  }
  return out;
}

// Character classes as bits of one table (wasm size: a lookup instead of a
// chain of comparisons at each use).
enum : unsigned char { kScheme = 1, kHost = 2, kIpv6 = 4 };

constexpr std::array<unsigned char, 128> kClasses = [] {
  std::array<unsigned char, 128> t{};
  for (int c = 0; c < 128; ++c) {
    const bool alpha = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    const bool digit = c >= '0' && c <= '9';
    const bool hex = digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
    if (alpha || digit || c == '+' || c == '-' || c == '.') {
      t[c] |= kScheme;
    }
    // reg-name characters we accept: letters, digits, '-', '.', '_', '~'.
    // Percent escapes and other sub-delims are legal in RFC 3986 but not in
    // real hosts, and browsers would reinterpret them.
    if (alpha || digit || c == '-' || c == '.' || c == '_' || c == '~') {
      t[c] |= kHost;
    }
    if (hex || c == ':' || c == '.') {
      t[c] |= kIpv6;
    }
  }
  return t;
}();

bool in_class(char c, unsigned char cls) {
  const auto u = static_cast<unsigned char>(c);
  return u < 128 && (kClasses[u] & cls) != 0;
}

bool is_host_char(char c) { return in_class(c, kHost); }

// 127.0.0.0/8 as four dot-separated decimal octets 0..255, each written
// without leading zeros (browsers read "010" as octal, so such hosts are never
// treated as loopback).
bool is_ipv4_loopback(std::string_view host) {
  if (host.substr(0, 4) != "127.") {
    return false;
  }
  int dots = 1;
  int digits = 0;  // in the current octet
  int value = 0;   // of the current octet
  for (size_t i = 4; i <= host.size(); ++i) {
    const char c = i < host.size() ? host[i] : '.';  // the end closes the last octet
    if (c == '.') {
      if (digits == 0 || value > 255) {
        return false;
      }
      ++dots;
      digits = value = 0;
    } else if (is_digit(c) && digits < 3 && !(digits == 1 && value == 0)) {
      value = value * 10 + (c - '0');
      ++digits;
    } else {
      return false;
    }
  }
  return dots == 4;  // counting the end
}

}  // namespace

bool ascii_iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) {
      return false;
    }
  }
  return true;
}

// A bracketed IPv6 literal at the start of `authority` into `host` (brackets
// kept) and whatever follows its ':' into `port`. nullptr, or why it is not one.
const char* split_ipv6_host(std::string_view authority, std::string_view& host,
                            std::string_view& port) {
  const size_t close = authority.find(']');
  if (close == std::string_view::npos) {
    return "The URL has an unclosed '[' host.";
  }
  host = authority.substr(0, close + 1);
  const std::string_view inner = host.substr(1, host.size() - 2);
  if (inner.empty() || inner.find(':') == std::string_view::npos) {
    return "The URL has a malformed IPv6 host.";
  }
  for (char c : inner) {
    if (!in_class(c, kIpv6)) {
      return "The URL has a malformed IPv6 host.";
    }
  }
  const std::string_view after = authority.substr(close + 1);
  if (!after.empty()) {
    if (after[0] != ':') {
      return "The URL has text after its IPv6 host.";
    }
    port = after.substr(1);
  }
  return nullptr;
}

// A port is empty or up to 5 digits worth at most 65535.
bool is_valid_port(std::string_view port) {
  if (port.size() > 5) {  // also keeps the value below from overflowing
    return false;
  }
  int value = 0;
  for (char c : port) {
    if (!is_digit(c)) {
      return false;
    }
    value = value * 10 + (c - '0');
  }
  return value <= 65535;
}

// The authority after "//" (userinfo already removed) into url.host and
// url.port. nullptr, or why the host or port is invalid.
const char* split_host_port(std::string_view authority, UrlParts& url) {
  std::string_view host = authority;
  std::string_view port;
  if (!authority.empty() && authority[0] == '[') {
    if (const char* message = split_ipv6_host(authority, host, port)) {
      return message;
    }
  } else {
    const size_t colon = authority.rfind(':');
    if (colon != std::string_view::npos) {
      host = authority.substr(0, colon);
      port = authority.substr(colon + 1);
    }
    for (char c : host) {
      if (!is_host_char(c)) {
        return "The URL's host contains an invalid character.";
      }
    }
  }
  if (!is_valid_port(port)) {
    return "The URL has an invalid port.";
  }
  url.host = host;
  url.port = port;
  return nullptr;
}

const char* split_url(std::string_view text, UrlParts& url) {
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == 0x7F) {
      return "The URL contains a space or a control character.";
    }
    if (c == '\\') {
      return "The URL contains a backslash.";
    }
  }
  if (text.empty()) {
    return "The URL is empty.";
  }
  constexpr const char* kRelative =
      "The URL is relative; an absolute URL with a scheme (https://…) is needed.";

  // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"
  size_t i = 0;
  if (!is_alpha(text[0])) {
    return kRelative;
  }
  while (i < text.size() && in_class(text[i], kScheme)) {
    ++i;
  }
  if (i >= text.size() || text[i] != ':') {
    return kRelative;
  }
  url.scheme = text.substr(0, i);
  std::string_view rest = text.substr(i + 1);

  // Fragment and query come off the end first: '#' ends everything, '?' the path.
  if (const size_t hash = rest.find('#'); hash != std::string_view::npos) {
    url.has_fragment = true;
    url.fragment = rest.substr(hash + 1);
    rest = rest.substr(0, hash);
  }
  if (const size_t q = rest.find('?'); q != std::string_view::npos) {
    url.has_query = true;
    url.query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }

  if (rest.substr(0, 2) != "//") {
    url.path = rest;
    return nullptr;
  }
  rest = rest.substr(2);
  const size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  if (slash != std::string_view::npos) {
    url.path = rest.substr(slash);
  }
  if (const size_t at = authority.rfind('@'); at != std::string_view::npos) {
    url.userinfo = authority.substr(0, at);
    authority = authority.substr(at + 1);
  }
  return split_host_port(authority, url);
}

Result<Url> parse_url(std::string_view text) {
  UrlParts p;
  if (const char* message = split_url(text, p)) {
    return invalid_request("url_invalid", message);
  }
  return Url{lowered(p.scheme), std::string(p.userinfo), lowered(p.host), std::string(p.port),
             std::string(p.path), std::string(p.query), std::string(p.fragment), p.has_query,
             p.has_fragment};
}

bool is_loopback_host(std::string_view host) {
  if (ascii_iequals(host, "localhost") || ascii_iequals(host, "[::1]")) {
    return true;
  }
  constexpr std::string_view kSuffix = ".localhost";
  if (host.size() > kSuffix.size() &&
      ascii_iequals(host.substr(host.size() - kSuffix.size()), kSuffix)) {
    // "*.localhost": a non-empty label before the suffix, made of host chars.
    const std::string_view label = host.substr(0, host.size() - kSuffix.size());
    if (label.front() == '.' || label.back() == '.') {
      return false;
    }
    for (char c : label) {
      if (!is_host_char(c)) {
        return false;
      }
    }
    return true;
  }
  return is_ipv4_loopback(host);
}

}  // namespace setupflow
