// What the bindings' callers pass, read over the Reader concept
// (json_reader.hpp): the flow kind, its config and params, and its inputs,
// all as named values (the shim's camelCase names). Every unknown or
// ill-typed value is an integration_error naming the member, what it must be
// and what it was given: nothing falls back to a default silently. A member
// documented as optional may be absent (or undefined, which reads as null).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "setupflow/cashapp_confirm.hpp"
#include "setupflow/errors.hpp"
#include "setupflow/flow_input.hpp"
#include "setupflow/json_reader.hpp"
#include "setupflow/result.hpp"

namespace setupflow {

// The flows the bindings can create, by name.
enum class FlowKind { cashapp_confirm };

namespace detail {

// The reads of one argument object ("config", "params", "input"): the first
// refused member is kept in `error` and later reads do nothing, so a mapping
// is a plain sequence of reads (as ReadState does for API objects).
//
// Names and expectations are C strings: each call site passes a pointer
// instead of building a string_view (the project's habit for literals).
struct ArgState {
  const char* what;
  std::optional<Error>& error;

  // Records "<what>.<key> must be <expectation>; it was given <given>." as an
  // integration_error with param `key`. `given` names the value's kind (none:
  // absent), or is `quoted` in quotes when that is not empty (only for
  // enumerated strings: no secret is echoed).
  void fail(const char* key, const char* expectation, std::optional<JsonKind> given,
            std::string_view quoted = {}) {
    static constexpr std::string_view kKinds[] = {"null", "a boolean", "a number",
                                                  "a string", "an array", "an object"};
    if (error) {
      return;
    }
    std::string message = join_path(what, key);
    message += " must be ";
    message += expectation;
    message += "; it was given ";
    if (!quoted.empty()) {
      message += '"';
      message += quoted;
      message += '"';
    } else {
      message += given ? kKinds[static_cast<int>(*given)] : "nothing";
    }
    message += '.';
    error.emplace(integration_error(std::string("invalid_flow_argument"), std::move(message),
                                    std::string(key)));
  }
};

// The member `key` when it has kind `want`; otherwise nullopt, and unless it
// is optional and absent (or null), the failure "must be <expectation>".
template <Reader R>
std::optional<R> read_member(ArgState& st, const R& obj, const char* key, bool required,
                             JsonKind want, const char* expectation) {
  const std::optional<R> m = present(obj, key);
  if (m && m->kind() == want) {
    return m;
  }
  if (m || required) {
    st.fail(key, expectation, m ? std::optional<JsonKind>(m->kind()) : std::nullopt);
  }
  return std::nullopt;
}

template <Reader R>
void read_arg(ArgState& st, const R& obj, const char* key, bool required, std::string& out) {
  if (const std::optional<R> m = read_member(st, obj, key, required, JsonKind::string, "a string")) {
    out = m->as_string();
  }
}

template <Reader R>
void read_bool_arg(ArgState& st, const R& obj, const char* key, bool required, bool& out) {
  if (const std::optional<R> m =
          read_member(st, obj, key, required, JsonKind::boolean, "a boolean")) {
    out = m->as_bool();
  }
}

// A non-negative integer below 2^32 (ids and HTTP statuses); required.
template <Reader R>
void read_u32(ArgState& st, const R& obj, const char* key, uint32_t& out) {
  constexpr const char* kExpect = "an integer from 0 to 4294967295";
  if (const std::optional<R> m = read_member(st, obj, key, true, JsonKind::number, kExpect)) {
    const std::optional<int64_t> v = to_safe_integer(m->as_number());
    if (v && *v >= 0 && *v <= 0xffffffffLL) {
      out = static_cast<uint32_t>(*v);
    } else {
      st.fail(key, kExpect, JsonKind::number);
    }
  }
}

// One of `names` (its index in `out`); `required` refuses an absent one.
template <Reader R>
void read_choice(ArgState& st, const R& obj, const char* key, bool required,
                 std::span<const std::string_view> names, const char* expectation, size_t& out) {
  const std::optional<R> m = present(obj, key);
  if (!m && !required) {
    return;
  }
  const std::string text = m && m->kind() == JsonKind::string ? m->as_string() : std::string();
  for (size_t i = 0; m && i < names.size(); ++i) {
    if (text == names[i]) {
      out = i;
      return;
    }
  }
  st.fail(key, expectation, m ? std::optional<JsonKind>(m->kind()) : std::nullopt, text);
}

}  // namespace detail

// Each reader below returns true when every member was read, and otherwise
// false with the first refused member's integration_error in `error`.

// The flow kind, a string: "cashapp_confirm" (FlowKind::cashapp_confirm).
template <Reader R>
bool read_flow_kind(const R& kind, FlowKind& out, std::optional<Error>& error) {
  const bool is_string = kind.kind() == JsonKind::string;
  const std::string text = is_string ? kind.as_string() : std::string();
  if (is_string && text == "cashapp_confirm") {
    out = FlowKind::cashapp_confirm;
    return true;
  }
  detail::ArgState{"flowCreate", error}.fail("kind", "\"cashapp_confirm\"", kind.kind(), text);
  return false;
}

// {publishableKey: string, apiBase: string}. The values' own rules are
// checked when the flow is created.
template <Reader R>
bool read_flow_config(const R& obj, FlowConfig& out, std::optional<Error>& error) {
  detail::ArgState st{"config", error};
  detail::read_arg(st, obj, "publishableKey", true, out.publishable_key);
  detail::read_arg(st, obj, "apiBase", true, out.api_base);
  return !error;
}

// {operation: "confirm" | "handle_next_action" | "retrieve", kind: "setup" |
// "payment", clientSecret: string, returnUrl?: string, paymentMethod?:
// string, handleActions?: boolean (true), device?: "desktop" | "mobile"
// (desktop), idempotencyKey?: string}.
template <Reader R>
bool read_cashapp_params(const R& obj, CashappParams& out, std::optional<Error>& error) {
  static constexpr std::string_view kOperations[] = {"confirm", "handle_next_action", "retrieve"};
  static constexpr std::string_view kKinds[] = {"setup", "payment"};
  static constexpr std::string_view kDevices[] = {"desktop", "mobile"};
  detail::ArgState st{"params", error};
  size_t op = 0;
  size_t kind = 0;
  size_t device = 0;
  detail::read_choice(st, obj, "operation", true, kOperations,
                      "\"confirm\", \"handle_next_action\" or \"retrieve\"", op);
  detail::read_choice(st, obj, "kind", true, kKinds, "\"setup\" or \"payment\"", kind);
  detail::read_arg(st, obj, "clientSecret", true, out.client_secret);
  detail::read_arg(st, obj, "returnUrl", false, out.return_url);
  detail::read_arg(st, obj, "paymentMethod", false, out.payment_method);
  detail::read_bool_arg(st, obj, "handleActions", false, out.handle_actions);
  detail::read_choice(st, obj, "device", false, kDevices, "\"desktop\" or \"mobile\"",
                      device);
  detail::read_arg(st, obj, "idempotencyKey", false, out.idempotency_key);
  out.operation = static_cast<FlowOperation>(op);
  out.expected_kind = kind == 0 ? IntentKind::setup : IntentKind::payment;
  out.device = device == 0 ? Device::desktop : Device::mobile;
  return !error;
}

// An input's type and values (flow_input.hpp). For a response, the body is
// the caller's to read (read_http_response), from the member "body".
template <Reader R>
bool read_flow_event(const R& obj, FlowEvent& out, std::optional<Error>& error) {
  using Type = FlowEvent::Type;
  // In FlowEvent::Type's order.
  static constexpr std::string_view kTypes[] = {"start", "response", "network_failure",
                                                "timer", "visibility", "cancel"};
  detail::ArgState st{"input", error};
  size_t type = 0;
  detail::read_choice(
      st, obj, "type", true, kTypes,
      "\"start\", \"response\", \"network_failure\", \"timer\", \"visibility\" or \"cancel\"",
      type);
  out.type = static_cast<Type>(type);
  if (error) {
    return false;
  }
  uint32_t status = 0;
  if (out.type == Type::response || out.type == Type::network_failure) {
    detail::read_u32(st, obj, "requestId", out.id);
  }
  if (out.type == Type::response) {
    detail::read_u32(st, obj, "status", status);
  }
  if (out.type == Type::timer) {
    detail::read_u32(st, obj, "timerId", out.id);
  }
  if (out.type == Type::visibility) {
    detail::read_bool_arg(st, obj, "visible", true, out.visible);
  }
  out.status = static_cast<int>(status);
  return !error;
}

}  // namespace setupflow
