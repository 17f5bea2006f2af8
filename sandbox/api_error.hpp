// Errors inside the sandbox's handler. Endpoint code throws ApiError; the
// router catches it, rolls the transaction back and answers with Stripe's
// error shape. (The sandbox is the shell, not the core, so it may use
// exceptions; nothing here is compiled into the wasm.)
#pragma once

#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace setupflow::sandbox {

struct ApiError {
  int status = 400;
  std::string type = "invalid_request_error";
  std::string code;
  std::string message;
  std::string param;
  std::string decline_code;
  nlohmann::json extra = nlohmann::json::object();  // e.g. {"setup_intent": {...}}
  // A decline is an answer about a state change that happened (the intent
  // records last_payment_error, an event is sent): commit, then answer this.
  bool keep_changes = false;

  // A refusal of the parameters themselves (unknown, missing, malformed,
  // unsupported): Stripe's validation, which runs before the endpoint does.
  bool is_parameter_refusal() const { return type == "invalid_request_error" && code.rfind("parameter", 0) == 0; }

  // {"error": {...}} as Stripe writes it.
  nlohmann::json to_json() const;
};

// Shorthands for the common cases.
ApiError invalid(std::string code, std::string message, std::string param = {});
ApiError missing_resource(const std::string& what, const std::string& id, std::string param = "id");
ApiError unknown_parameter(const std::string& name);
ApiError auth_error(std::string message, std::string code = {});

}  // namespace setupflow::sandbox
