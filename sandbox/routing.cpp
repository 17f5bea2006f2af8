#include "routing.hpp"

#include <algorithm>
#include <string_view>

#include "api_error.hpp"
#include "crypto.hpp"
#include "params.hpp"
#include "render.hpp"

namespace setupflow::sandbox {
namespace {

// Every family's routes, in match order. A new family adds its line here.
constexpr std::span<const Route> (*kFamilies[])() = {
    customer_routes, setup_intent_routes, payment_intent_routes, setup_attempt_routes, payment_method_routes,
    mandate_routes,  event_routes,        test_helper_routes,    cashapp_page_routes,   terminal_location_routes,
    terminal_reader_routes, terminal_action_routes, reader_page_routes,
};

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') { ++i; continue; }
    size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    parts.push_back(path.substr(i, j - i));
    i = j;
  }
  return parts;
}

// Segment by segment against the pattern's text (":" matches any one
// segment), without splitting the pattern into strings on every request.
bool matches(std::string_view pattern, const std::vector<std::string>& parts) {
  size_t i = 0, n = 0;
  while (i < pattern.size()) {
    if (pattern[i] == '/') { ++i; continue; }
    size_t j = pattern.find('/', i);
    if (j == std::string_view::npos) j = pattern.size();
    std::string_view segment = pattern.substr(i, j - i);
    if (n >= parts.size() || (segment != ":" && segment != parts[n])) return false;
    ++n;
    i = j;
  }
  return n == parts.size();
}


std::string base64_decode(std::string_view in) {
  auto val = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string out;
  int bits = 0, acc = 0;
  for (char c : in) {
    if (c == '=') break;
    int v = val(c);
    if (v < 0) return {};
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(char((acc >> bits) & 0xff));
    }
  }
  return out;
}

// The API key from Authorization (Bearer, or Basic with the key as user).
std::string header_key(const Request& req) {
  std::string auth = req.header("authorization");
  if (auth.rfind("Bearer ", 0) == 0) return auth.substr(7);
  if (auth.rfind("Basic ", 0) == 0) {
    std::string decoded = base64_decode(auth.substr(6));
    return decoded.substr(0, decoded.find(':'));
  }
  return {};
}

std::string redact(const std::string& key) {
  if (key.size() <= 12) return "****";
  return key.substr(0, 8) + "****" + key.substr(key.size() - 4);
}


// The first segment of a path or pattern ("v1" of "/v1/customers").
std::string_view first_segment(std::string_view path) {
  path.remove_prefix(std::min(path.find_first_not_of('/'), path.size()));
  return path.substr(0, path.find('/'));
}

}  // namespace

Response error_response(const ApiError& e) { return json_response(e.to_json(), e.status); }

namespace {

// The route for the request's method and path segments; null with p.direct
// set (404 unknown path, 405 known path with another method).
const Route* match_route(const Request& req, PreparedRequest& p) {
  bool path_known = false;
  for (auto family : kFamilies) {
    for (const Route& candidate : family()) {
      if (!matches(candidate.pattern, p.parts)) continue;
      path_known = true;
      if (req.method == candidate.method || (req.method == "OPTIONS" && candidate.access == Access::browser))
        return &candidate;
    }
  }
  ApiError e = invalid("", "Unrecognized request URL (" + req.method + ": " + req.path.substr(0, 200) + ").");
  e.status = path_known ? 405 : 404;
  p.direct = error_response(e);
  return nullptr;
}

// The API key (Authorization header, else the `key` parameter) and what it
// may call; false with p.early set when it is missing, wrong or not allowed.
bool authenticate(const Config& config, const Request& req, PreparedRequest& p) {
  const bool browser = p.route->access == Access::browser;
  std::string& api_key = p.api_key;
  api_key = header_key(req);
  if (api_key.empty()) {
    try {
      if (auto k = param_string(p.params, "key", "key")) api_key = *k;
    } catch (const ApiError& e) {  // key[...]=…: not a string
      p.early = error_response(e);
      return false;
    }
  }
  if (browser) p.params.fields.erase("key");
  if (api_key.empty()) {
    p.early = error_response(
        auth_error("You did not provide an API key. Provide it as 'Authorization: Bearer sk_test_...'."));
    return false;
  }
  if (secure_equals(api_key, config.secret_key)) {
    p.publishable = false;
    p.secret = true;
  } else if (secure_equals(api_key, config.publishable_key)) {
    if (!browser) {
      p.early = error_response(auth_error(
          "This API call cannot be made with a publishable API key. Use the secret key.", "secret_key_required"));
      return false;
    }
    p.publishable = true;
  } else {
    p.early = error_response(auth_error("Invalid API Key provided: " + redact(api_key), "api_key_invalid"));
    return false;
  }
  return true;
}

}  // namespace

bool is_routed_path(std::string_view path) {
  const std::string_view first = first_segment(path);
  if (first.empty()) return false;
  for (auto family : kFamilies)
    for (const Route& route : family())
      if (first_segment(route.pattern) == first) return true;
  return false;
}

PreparedRequest prepare_request(const Config& config, const Request& req) {
  PreparedRequest p;
  p.parts = split_path(req.path);
  p.route = match_route(req, p);
  if (!p.route) return p;
  if (req.method == "OPTIONS") {
    Response r;
    r.status = 204;
    r.content_type.clear();
    r.set_header("Access-Control-Allow-Origin", "*");
    r.set_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
    r.set_header("Access-Control-Allow-Headers", "Authorization, Content-Type, Idempotency-Key, Stripe-Version");
    r.set_header("Access-Control-Max-Age", "600");
    p.direct = std::move(r);
    return p;
  }

  // Called with the secret key in the header: no CORS on any answer, the
  // errors below included (authenticate() confirms it, or refuses).
  p.secret = secure_equals(header_key(req), config.secret_key);

  // Parameters: the body for POST, the query otherwise. JSON bodies are not
  // Stripe's wire format and are refused rather than guessed at.
  const bool post = req.method == "POST";
  if (post && req.header("content-type").find("json") != std::string::npos) {
    p.early = error_response(invalid("", "Request bodies must be application/x-www-form-urlencoded."));
    return p;
  }
  auto decoded = decode_form(post ? req.body : req.query);
  if (!decoded) {
    const auto& err = decoded.error();
    p.early = error_response(invalid(err.code.empty() ? "parameter_invalid" : err.code,
                                     "Invalid request body: " + err.message, err.param));
    return p;
  }
  p.params = std::move(decoded).value();

  if (p.route->access != Access::page && !authenticate(config, req, p)) return p;

  p.base_url = config.public_base_url;

  // Idempotency (POST API calls only), scoped by key so callers cannot collide.
  if (post && p.route->access != Access::page) {
    p.idem_key = req.header("idempotency-key");
    if (p.idem_key.size() > 255) {
      p.early = error_response(
          invalid("idempotency_key_too_long", "Idempotency-Key must be at most 255 characters."));
      return p;
    }
    if (!p.idem_key.empty()) {
      p.idem_key = sha256_hex(p.api_key).substr(0, 16) + ":" + p.idem_key;
      p.fingerprint = req.method + " " + req.path + " " + sha256_hex(req.body);
    }
  }
  return p;
}

}  // namespace setupflow::sandbox
