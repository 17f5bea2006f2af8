// The intent model's native JSON codec (nlohmann/json): the Reader adapter for
// intent_reader.hpp, text parsing that never throws, and the writer of the
// wire shape (WIRE.md) used by the sandbox and the tests. Native only: the
// wasm reads JSON.parse results through wasm/val_reader.hpp instead.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "setupflow/intent.hpp"
#include "setupflow/response_reader.hpp"
#include "setupflow/result.hpp"

namespace setupflow {

// A Reader over a nlohmann::json value. A view: the json must outlive it.
class JsonReader {
 public:
  explicit JsonReader(const nlohmann::json& value) : value_(&value) {}

  JsonKind kind() const;
  bool as_bool() const;
  double as_number() const;
  std::string as_string() const;
  std::optional<JsonReader> member(std::string_view key) const;
  size_t size() const;
  JsonReader at(size_t index) const;  // a null reader out of range

  template <class F>
  void for_each_member(F&& f) const {
    if (!value_->is_object()) {
      return;
    }
    for (auto it = value_->begin(); it != value_->end(); ++it) {
      const JsonReader child(*it);
      f(std::string_view(it.key()), child);
    }
  }

 private:
  const nlohmann::json* value_;
};
static_assert(Reader<JsonReader>);

// Parses JSON text (no comments, no trailing commas, at most
// kMaxJsonDepth levels deep) and reads it as an intent of kind `expected`.
// Bad JSON, or a body read_intent refuses, is an api_error with code
// "invalid_response". Never throws. Total.
Result<Intent> parse_intent_json(std::string_view text, IntentKind expected);

// Like read_http_response over a text body: an empty or non-JSON body is
// handed on as a missing body. Never throws. Total.
HttpResponse parse_http_response_json(uint32_t request_id, int status, std::string_view text,
                                      IntentKind expected);

// Parses JSON text into a value; nullopt for invalid JSON or nesting deeper
// than kMaxJsonDepth. Never throws. Total.
inline constexpr int kMaxJsonDepth = 64;
std::optional<nlohmann::json> parse_json_text(std::string_view text);

// Writes an intent in the wire shape of WIRE.md: "setup_intent" or
// "payment_intent" by kind, last_setup_error or last_payment_error by kind,
// the PaymentIntent fields only for payments. client_visible omits customer,
// mandate and metadata, as Stripe does for a publishable key. Unset optional
// fields are written as null. read_intent(intent_to_json(i)) == i for every
// intent whose strings are valid UTF-8 and integers are safe integers (and,
// when client_visible, without the omitted fields). Never throws.
nlohmann::json intent_to_json(const Intent& intent, bool client_visible);

}  // namespace setupflow
