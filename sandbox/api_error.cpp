#include "api_error.hpp"

namespace setupflow::sandbox {

nlohmann::json ApiError::to_json() const {
  nlohmann::json e = extra;
  e["type"] = type;
  e["message"] = message;
  if (!code.empty()) {
    e["code"] = code;
    e["doc_url"] = "https://stripe.com/docs/error-codes/" + code;
  }
  if (!param.empty()) e["param"] = param;
  if (!decline_code.empty()) e["decline_code"] = decline_code;
  return nlohmann::json{{"error", e}};
}

ApiError invalid(std::string code, std::string message, std::string param) {
  ApiError e;
  e.code = std::move(code);
  e.message = std::move(message);
  e.param = std::move(param);
  return e;
}

ApiError missing_resource(const std::string& what, const std::string& id, std::string param) {
  ApiError e;
  e.status = 404;
  e.code = "resource_missing";
  // Ids are echoed as Stripe does, but never a client secret (ids never hold one).
  e.message = "No such " + what + ": '" + id.substr(0, 100) + "'";
  e.param = std::move(param);
  return e;
}

ApiError unknown_parameter(const std::string& name) {
  return invalid("parameter_unknown", "Received unknown parameter: " + name.substr(0, 200), name.substr(0, 200));
}

ApiError auth_error(std::string message, std::string code) {
  ApiError e;
  e.status = 401;
  e.type = "authentication_error";
  e.code = std::move(code);
  e.message = std::move(message);
  return e;
}

}  // namespace setupflow::sandbox
