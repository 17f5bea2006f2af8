// Stripe's error shape, shared by the core, the bindings and the sandbox.
//
// Two families:
//  - integration errors: the caller misused the API (a secret key in the
//    browser, a malformed client secret, an unsafe return_url). The JS shim
//    throws these as `IntegrationError`; no request is ever sent.
//  - API errors: anything the server said or the network did. The shim resolves
//    these as `{error: {type, code, message, param}}`.
#pragma once

#include <string>
#include <string_view>

namespace setupflow {

enum class ErrorType {
  // Server-side types (appear on the wire in `error.type`).
  api_error,
  card_error,
  idempotency_error,
  invalid_request_error,
  authentication_error,
  rate_limit_error,
  // Client-side only.
  api_connection_error,
  validation_error,
  integration_error,
};

// Wire spelling of a type ("api_error", ...). Total.
std::string_view to_string(ErrorType type);
// Parses a wire spelling; unknown spellings map to api_error (a server that
// invents a type is still a server error). Total.
ErrorType error_type_from_string(std::string_view text);

struct Error {
  ErrorType type = ErrorType::api_error;
  std::string code;          // e.g. "parameter_invalid_string", may be empty
  std::string message;       // human-readable; never contains a client secret
  std::string param;         // offending parameter name, may be empty
  std::string decline_code;  // card/cashapp declines only
  std::string doc_url;       // optional
  int http_status = 0;       // 0 when no HTTP response was involved

  bool is_integration_error() const { return type == ErrorType::integration_error; }
};

// Convenience constructors. `message` must not contain secrets.
Error integration_error(std::string code, std::string message, std::string param = {});
Error invalid_request(std::string code, std::string message, std::string param = {});

// The same for the common case of literal texts (a null param means none):
// overload resolution picks these for string literals, so a call site passes
// three pointers instead of building three strings, which is most of an error
// site's code in the wasm.
Error integration_error(const char* code, const char* message, const char* param = nullptr);
Error invalid_request(const char* code, const char* message, const char* param = nullptr);
Error api_error(std::string code, std::string message);
Error connection_error(std::string message);

}  // namespace setupflow
