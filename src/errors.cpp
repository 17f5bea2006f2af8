#include "setupflow/errors.hpp"

#include <array>
#include <utility>

namespace setupflow {
namespace {

constexpr std::array<std::pair<ErrorType, std::string_view>, 9> kNames{{
    {ErrorType::api_error, "api_error"},
    {ErrorType::card_error, "card_error"},
    {ErrorType::idempotency_error, "idempotency_error"},
    {ErrorType::invalid_request_error, "invalid_request_error"},
    {ErrorType::authentication_error, "authentication_error"},
    {ErrorType::rate_limit_error, "rate_limit_error"},
    {ErrorType::api_connection_error, "api_connection_error"},
    {ErrorType::validation_error, "validation_error"},
    {ErrorType::integration_error, "integration_error"},
}};

Error make(ErrorType type, std::string code, std::string message, std::string param) {
  Error e;
  e.type = type;
  e.code = std::move(code);
  e.message = std::move(message);
  e.param = std::move(param);
  return e;
}

}  // namespace

std::string_view to_string(ErrorType type) {
  for (const auto& [t, name] : kNames) {
    if (t == type) return name;
  }
  return "api_error";
}

ErrorType error_type_from_string(std::string_view text) {
  for (const auto& [t, name] : kNames) {
    if (name == text) return t;
  }
  return ErrorType::api_error;
}

Error integration_error(std::string code, std::string message, std::string param) {
  return make(ErrorType::integration_error, std::move(code), std::move(message), std::move(param));
}
Error invalid_request(std::string code, std::string message, std::string param) {
  return make(ErrorType::invalid_request_error, std::move(code), std::move(message),
              std::move(param));
}
// Out of line on purpose: one copy of the string building for every literal
// call site (see errors.hpp).
[[gnu::noinline]] Error integration_error(const char* code, const char* message, const char* param) {
  return make(ErrorType::integration_error, code, message, param ? param : "");
}
[[gnu::noinline]] Error invalid_request(const char* code, const char* message, const char* param) {
  return make(ErrorType::invalid_request_error, code, message, param ? param : "");
}
Error api_error(std::string code, std::string message) {
  return make(ErrorType::api_error, std::move(code), std::move(message), {});
}
Error connection_error(std::string message) {
  return make(ErrorType::api_connection_error, "network_error", std::move(message), {});
}

}  // namespace setupflow
