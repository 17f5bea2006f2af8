#include "routing.hpp"

#include <algorithm>
#include <string_view>

#include "api_error.hpp"
#include "endpoints.hpp"
#include "objects.hpp"
#include "setup_attempts.hpp"

namespace setupflow::sandbox {
namespace {

const Route kRoutes[] = {
    {"POST", "/v1/customers", "customers.create", customer_create, Access::secret},
    {"GET", "/v1/customers", "customers.list", customer_list, Access::secret},
    {"GET", "/v1/customers/:", "customers.retrieve", customer_retrieve, Access::secret},
    {"POST", "/v1/customers/:", "customers.update", customer_update, Access::secret},
    {"GET", "/v1/customers/:/payment_methods", "customers.list_payment_methods",
     customer_list_payment_methods, Access::secret},
    {"POST", "/v1/setup_intents", "setup_intents.create", setup_intent_create, Access::secret},
    {"GET", "/v1/setup_intents", "setup_intents.list", setup_intent_list, Access::secret},
    {"GET", "/v1/setup_intents/:", "setup_intents.retrieve", setup_intent_retrieve, Access::browser},
    {"POST", "/v1/setup_intents/:", "setup_intents.update", setup_intent_update, Access::secret},
    {"POST", "/v1/setup_intents/:/confirm", "setup_intents.confirm", setup_intent_confirm, Access::browser},
    {"POST", "/v1/setup_intents/:/cancel", "setup_intents.cancel", setup_intent_cancel, Access::secret},
    {"POST", "/v1/payment_intents", "payment_intents.create", payment_intent_create, Access::secret},
    {"GET", "/v1/payment_intents/:", "payment_intents.retrieve", payment_intent_retrieve, Access::browser},
    {"POST", "/v1/payment_intents/:/confirm", "payment_intents.confirm", payment_intent_confirm,
     Access::browser},
    {"POST", "/v1/payment_intents/:/cancel", "payment_intents.cancel", payment_intent_cancel, Access::secret},
    {"GET", "/v1/setup_attempts", "setup_attempts.list", setup_attempt_list, Access::secret},
    {"GET", "/v1/payment_methods", "payment_methods.list", payment_method_list, Access::secret},
    {"GET", "/v1/payment_methods/:", "payment_methods.retrieve", payment_method_retrieve, Access::secret},
    {"POST", "/v1/payment_methods/:/attach", "payment_methods.attach", payment_method_attach, Access::secret},
    {"POST", "/v1/payment_methods/:/detach", "payment_methods.detach", payment_method_detach, Access::secret},
    {"GET", "/v1/mandates/:", "mandates.retrieve", mandate_retrieve, Access::secret},
    {"GET", "/v1/events", "events.list", event_list, Access::secret},
    {"GET", "/v1/events/:", "events.retrieve", event_retrieve, Access::secret},
    {"POST", "/v1/webhook_endpoints", "webhook_endpoints.create", webhook_endpoint_create, Access::secret},
    {"GET", "/v1/webhook_endpoints", "webhook_endpoints.list", webhook_endpoint_list, Access::secret},
    {"GET", "/v1/webhook_endpoints/:", "webhook_endpoints.retrieve", webhook_endpoint_retrieve, Access::secret},
    {"DELETE", "/v1/webhook_endpoints/:", "webhook_endpoints.delete", webhook_endpoint_delete, Access::secret},
    {"POST", "/v1/test_helpers/advance_clock", "test_helpers.advance_clock", advance_clock, Access::secret},
    {"GET", "/cashapp/authorize/:", "cashapp.phone", page_phone, Access::page},
    {"POST", "/cashapp/authorize/:", "cashapp.decide", page_phone_decide, Access::page},
    {"GET", "/cashapp/instructions/:/:", "cashapp.instructions", page_instructions, Access::page},
    {"GET", "/cashapp/qr/:", "cashapp.qr", page_qr_svg, Access::page},
    {"GET", "/cashapp/buyers/:", "cashapp.buyer", page_buyer, Access::page},
    {"POST", "/cashapp/buyers/:/revoke", "cashapp.revoke", page_buyer_revoke, Access::page},
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


}  // namespace

Response error_response(const ApiError& e) { return json_response(e.to_json(), e.status); }

PreparedRequest prepare_request(const Config& config, const Request& req) {
  PreparedRequest p;
  p.parts = split_path(req.path);
  bool path_known = false;
  for (const auto& candidate : kRoutes) {
    if (!matches(candidate.pattern, p.parts)) continue;
    path_known = true;
    if (req.method == candidate.method || (req.method == "OPTIONS" && candidate.access == Access::browser)) {
      p.route = &candidate;
      break;
    }
  }
  if (!p.route) {
    ApiError e = invalid("", "Unrecognized request URL (" + req.method + ": " + req.path.substr(0, 200) + ").");
    e.status = path_known ? 405 : 404;
    p.direct = error_response(e);
    return p;
  }
  const bool browser = p.route->access == Access::browser;
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

  if (p.route->access != Access::page) {
    std::string& api_key = p.api_key;
    api_key = header_key(req);
    if (api_key.empty()) {
      try {
        if (auto k = param_string(p.params, "key", "key")) api_key = *k;
      } catch (const ApiError& e) {  // key[...]=…: not a string
        p.early = error_response(e);
        return p;
      }
    }
    if (browser) p.params.fields.erase("key");
    if (api_key.empty()) {
      p.early = error_response(
          auth_error("You did not provide an API key. Provide it as 'Authorization: Bearer sk_test_...'."));
      return p;
    }
    if (secure_equals(api_key, config.secret_key)) {
      p.publishable = false;
      p.secret = true;
    } else if (secure_equals(api_key, config.publishable_key)) {
      if (!browser) {
        p.early = error_response(auth_error(
            "This API call cannot be made with a publishable API key. Use the secret key.", "secret_key_required"));
        return p;
      }
      p.publishable = true;
    } else {
      p.early = error_response(auth_error("Invalid API Key provided: " + redact(api_key), "api_key_invalid"));
      return p;
    }
  }

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
