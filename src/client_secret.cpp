// Client secrets and API keys: checked in the page before any request is sent,
// so that misuse surfaces as an IntegrationError instead of a network call.
//
// No message built here ever contains the text it was given: a client secret
// or a secret key pasted into the wrong place must not end up in a log.
#include "setupflow/client_secret.hpp"

#include <string>

namespace setupflow {
namespace {

constexpr size_t kMaxSecretBytes = 255;
constexpr std::string_view kSecretMarker = "_secret_";

bool is_alnum(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// Non-empty and [A-Za-z0-9]+.
bool all_alnum(std::string_view s) {
  if (s.empty()) {
    return false;
  }
  for (char c : s) {
    if (!is_alnum(c)) {
      return false;
    }
  }
  return true;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::string_view display_name(IntentKind kind) {
  return kind == IntentKind::setup ? "SetupIntent" : "PaymentIntent";
}

std::string_view secret_shape(IntentKind kind) {
  return kind == IntentKind::setup ? "seti_…_secret_…" : "pi_…_secret_…";
}

// Out of line and from a C string: each failure site is one call rather than
// an inlined std::string construction (wasm size).
[[gnu::noinline]] Error bad_secret(const char* message) {
  return integration_error("invalid_client_secret", message, "client_secret");
}

}  // namespace

std::string_view to_string(IntentKind kind) {
  return kind == IntentKind::setup ? "setup_intent" : "payment_intent";
}

Result<ClientSecret> parse_client_secret(std::string_view text) {
  if (text.empty()) {
    return bad_secret("Missing client_secret: pass the intent's client_secret from your server.");
  }
  if (text.size() > kMaxSecretBytes) {
    return bad_secret("Invalid client_secret: longer than 255 characters.");
  }
  // The id is a prefix then [A-Za-z0-9]+, so the first "_secret_" after the
  // prefix ends it ("pi_secret_secret_x" is the id "pi_secret").
  IntentKind kind;
  size_t prefix_len;
  if (starts_with(text, "seti_")) {
    kind = IntentKind::setup;
    prefix_len = 5;
  } else if (starts_with(text, "pi_")) {
    kind = IntentKind::payment;
    prefix_len = 3;
  } else {
    return bad_secret(
        "Invalid client_secret: expected the form seti_…_secret_… or pi_…_secret_…, as returned "
        "by your server when it created the intent.");
  }
  const size_t marker = text.find(kSecretMarker, prefix_len);
  if (marker == std::string_view::npos) {
    return bad_secret(
        "Invalid client_secret: expected the form seti_…_secret_… or pi_…_secret_…, as returned "
        "by your server when it created the intent.");
  }
  const std::string_view id = text.substr(0, marker);
  const std::string_view id_body = id.substr(prefix_len);
  const std::string_view random = text.substr(marker + kSecretMarker.size());
  if (!all_alnum(id_body)) {
    return bad_secret(
        "Invalid client_secret: the intent id may contain only letters and digits after its "
        "prefix.");
  }
  if (!all_alnum(random)) {
    return bad_secret(
        "Invalid client_secret: the part after \"_secret_\" must be letters and digits.");
  }
  ClientSecret out;
  out.kind = kind;
  out.intent_id = std::string(id);
  out.value = std::string(text);
  return out;
}

Result<ClientSecret> parse_client_secret_of_kind(std::string_view text, IntentKind expected) {
  Result<ClientSecret> parsed = parse_client_secret(text);
  if (!parsed) {
    return parsed;
  }
  if (parsed->kind != expected) {
    std::string message = "Expected a ";
    message += display_name(expected);
    message += " client secret (";
    message += secret_shape(expected);
    message += "), but a ";
    message += display_name(parsed->kind);
    message += " client secret was given.";
    return integration_error("client_secret_kind_mismatch", std::move(message), "client_secret");
  }
  return parsed;
}

KeyKind classify_key(std::string_view key) {
  if (starts_with(key, "pk_test_") || starts_with(key, "pk_live_")) {
    return KeyKind::publishable;
  }
  if (starts_with(key, "sk_")) {
    return KeyKind::secret;
  }
  if (starts_with(key, "rk_")) {
    return KeyKind::restricted;
  }
  return KeyKind::unknown;
}

Status validate_publishable_key(std::string_view key) {
  switch (classify_key(key)) {
    case KeyKind::publishable:
      // Both prefixes are 8 bytes long.
      if (all_alnum(key.substr(8))) {
        return ok_status();
      }
      return integration_error("invalid_publishable_key",
                               "Invalid publishable key: after pk_test_ or pk_live_ it may "
                               "contain only letters and digits.",
                               "key");
    case KeyKind::secret:
      return integration_error("secret_key_in_browser",
                               "A secret API key (sk_…) was given. Secret keys must never be "
                               "used in a browser: use your publishable key (pk_test_… or "
                               "pk_live_…) and keep the secret key on your server.",
                               "key");
    case KeyKind::restricted:
      return integration_error("secret_key_in_browser",
                               "A restricted API key (rk_…) was given. Restricted keys must "
                               "never be used in a browser: use your publishable key (pk_test_… "
                               "or pk_live_…) and keep the restricted key on your server.",
                               "key");
    case KeyKind::unknown:
      break;
  }
  if (key.empty()) {
    return integration_error("invalid_publishable_key",
                             "Missing publishable key: pass your pk_test_… or pk_live_… key.",
                             "key");
  }
  return integration_error("invalid_publishable_key",
                           "Invalid publishable key: expected a key starting with pk_test_ or "
                           "pk_live_.",
                           "key");
}

}  // namespace setupflow
