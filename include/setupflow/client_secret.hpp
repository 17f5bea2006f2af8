// Client secrets and API keys, checked before any request leaves the page.
#pragma once

#include <string>
#include <string_view>

#include "setupflow/result.hpp"

namespace setupflow {

enum class IntentKind { setup, payment };

// "setup_intent" / "payment_intent" (the object name and return-URL prefix).
std::string_view to_string(IntentKind kind);

struct ClientSecret {
  IntentKind kind = IntentKind::setup;
  std::string intent_id;  // "seti_…" or "pi_…": everything before "_secret_"
  std::string value;      // the whole secret, as given
};

// Parses `<intent id>_secret_<random>`. The id must be `seti_` or `pi_`
// followed by [A-Za-z0-9]+, the random part [A-Za-z0-9]+; at most 255 bytes
// in all. Anything else is an integration_error with param "client_secret"
// whose message never echoes the secret. Total.
Result<ClientSecret> parse_client_secret(std::string_view text);

// Like parse_client_secret, and also requires the given kind: a SetupIntent
// secret passed to a PaymentIntent method (or the reverse) is an
// integration_error naming both kinds. Total.
Result<ClientSecret> parse_client_secret_of_kind(std::string_view text, IntentKind expected);

enum class KeyKind { publishable, secret, restricted, unknown };

// Classifies by prefix: pk_test_/pk_live_, sk_…, rk_…; anything else unknown.
KeyKind classify_key(std::string_view key);

// Accepts only a well-formed publishable key (pk_test_ or pk_live_ followed by
// [A-Za-z0-9]+). Secret and restricted keys are refused with an
// integration_error that says never to put them in a browser, and never
// echoes the key. Total.
Status validate_publishable_key(std::string_view key);

}  // namespace setupflow
