// What an HTTP answer says: Stripe's error body, and the whole response
// turned into a flow's input (HttpResponse). Over the Reader concept, like
// the intent's mapping.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "setupflow/api_fields.hpp"
#include "setupflow/decimal.hpp"
#include "setupflow/errors.hpp"
#include "setupflow/http_response.hpp"
#include "setupflow/intent_reader.hpp"
#include "setupflow/json_reader.hpp"

namespace setupflow {
namespace detail {

inline Error with_status(Error e, int http_status) {
  e.http_status = http_status;
  return e;
}

// "The API answered HTTP <status>" + tail, the start of every message about a
// whole response: built in one string instead of a chain of temporaries at
// each of the four call sites.
inline std::string answered(int http_status, std::string_view tail) {
  std::string out = "The API answered HTTP ";
  append_decimal(out, http_status);
  out += tail;
  return out;
}

// An api_error with http_status set and the message answered(status, tail).
inline Error answered_error(const char* code, int http_status, std::string_view tail) {
  return with_status(api_error(code, answered(http_status, tail)), http_status);
}

}  // namespace detail

// Reads Stripe's error body {"error":{type,code,message,param,decline_code,
// doc_url}} into an Error with http_status set. A type only the client may
// produce (api_connection_error, validation_error, integration_error) reads as
// api_error: a server cannot speak for the page. An empty message gets a
// generic one naming the status. A body of any other shape is an api_error
// with code "invalid_response". Total.
template <Reader R>
Error read_error_body(const R& body, int http_status) {
  using namespace detail;
  if (body.kind() != JsonKind::object) {
    return answered_error("invalid_response", http_status,
                          " with a body that is not an error object.");
  }
  std::optional<R> obj = body.member("error");
  if (!obj || obj->kind() != JsonKind::object) {
    return answered_error("invalid_response", http_status, " without an \"error\" object.");
  }
  ReadState st;
  Error e;
  std::optional<std::string> type = opt_string(st, *obj, "error", "type");
  e.type = type ? error_type_from_string(*type) : ErrorType::api_error;
  if (e.type == ErrorType::api_connection_error || e.type == ErrorType::validation_error ||
      e.type == ErrorType::integration_error) {
    e.type = ErrorType::api_error;
  }
  read_strings(st, *obj, "error", kErrorBodyStrings, e);
  if (st.error) {
    return with_status(*st.error, http_status);
  }
  if (e.message.empty()) {
    e.message = answered(http_status, ".");
  }
  e.http_status = http_status;
  return e;
}

// Turns what the shell received into the machine's input. 2xx: the intent, or
// an invalid_response api_error if the body is malformed. Any other status:
// the error read from the body, http_status set. A missing or non-JSON body
// (body_or_null == nullptr) is an api_error with http_status set. Total.
template <Reader R>
HttpResponse read_http_response(uint32_t request_id, int status, const R* body_or_null,
                                IntentKind expected) {
  HttpResponse out;
  out.request_id = request_id;
  out.status = status;
  const bool success = status >= 200 && status <= 299;
  if (body_or_null == nullptr) {
    out.error =
        detail::answered_error(success ? "invalid_response" : "", status, " without a JSON body.");
    return out;
  }
  if (!success) {
    out.error = read_error_body(*body_or_null, status);
    return out;
  }
  if (std::optional<Error> error =
          detail::read_intent_into(*body_or_null, expected, out.intent.emplace())) {
    out.intent.reset();
    out.error = detail::with_status(std::move(*error), status);
  }
  return out;
}

}  // namespace setupflow
