// create()'s checks and the two HTTP requests of the Cash App confirm flow, exactly as
// WIRE.md "The browser's two calls" describes them.
#include <iterator>
#include <string>
#include <string_view>
#include <utility>

#include "cashapp_confirm_internal.hpp"
#include "setupflow/form_encoding.hpp"
#include "setupflow/redirect.hpp"
#include "setupflow/request_checks.hpp"

namespace setupflow {
namespace {

constexpr size_t kMaxIdempotencyKey = 255;
constexpr size_t kMaxPaymentMethodId = 255;

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// An absolute https base without credentials, query or fragment, or plain
// http to a loopback host (a local sandbox: nothing else may see the keys,
// client secrets and answers in clear); trailing slashes dropped (in place)
// so paths can be appended.
Status normalise_api_base(std::string& api_base) {
  size_t trimmed = 0;
  const BaseUrlCheck check = check_base_url(api_base, /*allow_any_http=*/false, trimmed);
  if (check == BaseUrlCheck::malformed) {
    return integration_error(
        "invalid_api_base",
        "api_base must be an absolute http(s) URL without credentials, query or fragment, "
        "such as \"https://api.stripe.com\".",
        "api_base");
  }
  if (check == BaseUrlCheck::insecure) {
    return integration_error(
        "insecure_api_base",
        "api_base must be https; plain http is allowed only for a sandbox on this machine "
        "(localhost, 127.0.0.1, [::1]).",
        "api_base");
  }
  api_base.resize(trimmed);
  return ok_status();
}

// 1..255 visible ASCII characters (is_idempotency_key).
Status validate_idempotency_key(std::string_view key) {
  if (!is_idempotency_key(key, kMaxIdempotencyKey)) {
    return integration_error(
        "invalid_idempotency_key",
        "idempotency_key must be 1 to 255 visible ASCII characters (no spaces); make one "
        "random key per shopper action and reuse it on retries.",
        "idempotency_key");
  }
  return ok_status();
}

// "pm_" followed by [A-Za-z0-9_]+.
Status validate_payment_method_id(std::string_view id) {
  bool good = id.size() > 3 && id.size() <= kMaxPaymentMethodId && id.substr(0, 3) == "pm_";
  for (char c : id) {
    good = good && (is_alnum(c) || c == '_');
  }
  if (!good) {
    return integration_error(
        "invalid_payment_method",
        "payment_method must be a PaymentMethod id such as \"pm_123\", or empty to create "
        "a new Cash App Pay payment method.",
        "payment_method");
  }
  return ok_status();
}

std::string intent_path(const CashappSetup& setup) {
  const std::string_view collection =
      setup.secret.kind == IntentKind::setup ? "/v1/setup_intents/" : "/v1/payment_intents/";
  return setup.config.api_base + std::string(collection) + percent_encode(setup.secret.intent_id);
}

}  // namespace

Status validate_cashapp(CashappSetup& setup) {
  const CashappParams& params = setup.params;
  if (Status key = validate_publishable_key(setup.config.publishable_key); !key) {
    return key;
  }
  if (Status base = normalise_api_base(setup.config.api_base); !base) {
    return base;
  }
  Result<ClientSecret> secret =
      parse_client_secret_of_kind(params.client_secret, params.expected_kind);
  if (!secret) {
    return secret.error();
  }
  if (params.operation == FlowOperation::confirm) {
    if (params.return_url.empty()) {
      return integration_error(
          "missing_return_url",
          "return_url is required to confirm with Cash App Pay: the shopper comes back to "
          "it from Cash App.",
          "return_url");
    }
    if (Status url = validate_return_url(params.return_url); !url) {
      return url;
    }
    if (Status idem = validate_idempotency_key(params.idempotency_key); !idem) {
      return idem;
    }
    if (!params.payment_method.empty()) {
      if (Status pm = validate_payment_method_id(params.payment_method); !pm) {
        return pm;
      }
    }
  }
  setup.secret = std::move(secret).value();
  return ok_status();
}

// The body lists the fields in WIRE.md's order. mandate_data is sent for
// PaymentIntents too: the page cannot know whether setup_future_usage is set
// before the confirm answers, and an API that needs no mandate ignores it
// (the sandbox attaches a mandate only when the intent saves the method).
SendRequest build_confirm_request(const CashappSetup& setup) {
  const CashappParams& p = setup.params;
  // A table and one loop: smaller in the wasm than a call per field. An
  // empty value leaves its field out (the ones always sent are never empty
  // once create() has checked them).
  static constexpr std::string_view kKeys[] = {
      "key",
      "client_secret",
      "payment_method_data[type]",
      "payment_method",
      "return_url",
      "mandate_data[customer_acceptance][type]",
      "mandate_data[customer_acceptance][online][infer_from_client]",
      "expand[]",
  };
  const std::string_view values[] = {
      setup.config.publishable_key,
      setup.secret.value,
      p.payment_method.empty() ? "cashapp" : "",
      p.payment_method,
      p.return_url,
      "online",
      "true",
      p.expand_payment_method ? "payment_method" : "",
  };
  std::string body;
  for (size_t i = 0; i < std::size(kKeys); ++i) {
    if (!values[i].empty()) {
      append_form_pair(body, kKeys[i], values[i]);
    }
  }

  SendRequest r;
  r.method = "POST";
  r.url = intent_path(setup) + "/confirm";
  r.headers = {{"Authorization", "Bearer " + setup.config.publishable_key},
               {"Content-Type", "application/x-www-form-urlencoded"},
               {"Idempotency-Key", p.idempotency_key}};
  r.body = std::move(body);
  r.idempotency_key = p.idempotency_key;
  return r;
}

// A GET carries the secret and key in the query (percent-encoded) and no
// Idempotency-Key: GETs are safe to repeat.
SendRequest build_retrieve_request(const CashappSetup& setup) {
  SendRequest r;
  r.method = "GET";
  r.url = intent_path(setup) + "?client_secret=" + percent_encode(setup.secret.value) +
          "&key=" + percent_encode(setup.config.publishable_key);
  r.headers = {{"Authorization", "Bearer " + setup.config.publishable_key}};
  return r;
}

bool is_safe_action_url(std::string_view url) {
  UrlParts parsed;
  if (split_url(url, parsed) || !parsed.userinfo.empty() || parsed.host.empty()) {
    return false;
  }
  if (ascii_iequals(parsed.scheme, "https")) {
    return true;
  }
  return ascii_iequals(parsed.scheme, "http") && is_loopback_host(parsed.host);
}

}  // namespace setupflow
