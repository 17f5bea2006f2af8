// libFuzzer: client secrets and API keys on arbitrary bytes.
// Invariants:
//  - parse_client_secret accepts exactly `(seti_|pi_)[A-Za-z0-9]+_secret_[A-Za-z0-9]+`
//    up to 255 bytes (checked against an independent matcher), and an accepted
//    secret splits back into its input;
//  - the kind-checked parser agrees with the plain one;
//  - no error message depends on the secret's random part or a key's body
//    (so none can echo them), and every error is an integration_error;
//  - validate_publishable_key accepts only what classify_key calls publishable.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "setupflow/client_secret.hpp"

namespace {

using namespace setupflow;

void check(bool ok) {
  if (!ok) __builtin_trap();
}

bool alnum_run(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

// The grammar, written differently from the parser: the id is a prefix plus
// an alnum run, so the first "_secret_" after the prefix ends it.
bool matches_grammar(std::string_view s) {
  if (s.size() > 255) return false;
  std::string_view rest;
  if (s.substr(0, 5) == "seti_") {
    rest = s.substr(5);
  } else if (s.substr(0, 3) == "pi_") {
    rest = s.substr(3);
  } else {
    return false;
  }
  const size_t m = rest.find("_secret_");
  return m != std::string_view::npos && alnum_run(rest.substr(0, m)) &&
         alnum_run(rest.substr(m + 8));
}

// Replaces every letter and digit from `from` on with 'Z': each byte keeps its
// class (alnum or not), so the same rule fails, but the text is gone.
std::string mask_after(std::string_view s, size_t from) {
  std::string out(s);
  for (size_t i = from; i < out.size(); ++i) {
    const char c = out[i];
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (alnum) out[i] = 'Z';
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  const Result<ClientSecret> r = parse_client_secret(text);
  check(r.ok() == matches_grammar(text));
  if (r.ok()) {
    check(r->value == text);
    check(text.substr(0, r->intent_id.size()) == r->intent_id);
    check(text.substr(r->intent_id.size(), 8) == "_secret_");
    check((r->kind == IntentKind::setup) == (r->intent_id.substr(0, 5) == "seti_"));
  } else {
    check(r.error().type == ErrorType::integration_error);
    check(r.error().param == "client_secret");
    // Mask after the separator the grammar sees: the first "_secret_" after the prefix.
    const size_t prefix = text.substr(0, 5) == "seti_" ? 5 : text.substr(0, 3) == "pi_" ? 3 : 0;
    const size_t m = text.find("_secret_", prefix);
    if (m != std::string_view::npos) {
      const Result<ClientSecret> masked = parse_client_secret(mask_after(text, m + 8));
      check(!masked.ok() && masked.error().message == r.error().message);
    }
  }
  for (IntentKind kind : {IntentKind::setup, IntentKind::payment}) {
    const Result<ClientSecret> k = parse_client_secret_of_kind(text, kind);
    check(k.ok() == (r.ok() && r->kind == kind));
    if (!k.ok()) check(k.error().type == ErrorType::integration_error);
  }

  const KeyKind key_kind = classify_key(text);
  const Status key = validate_publishable_key(text);
  if (key.ok()) {
    check(key_kind == KeyKind::publishable);
    check(alnum_run(text.substr(8)));
  } else {
    check(key.error().type == ErrorType::integration_error);
    if (text.size() > 3) {
      // Masking the key's body (after "sk_", "pk_test_"…) must not change the message.
      const size_t body = key_kind == KeyKind::publishable ? 8 : 3;
      const Status masked = validate_publishable_key(mask_after(text, body));
      check(!masked.ok() && masked.error().message == key.error().message);
    }
  }
  return 0;
}
