// The intent model's field mapping (SetupIntent, PaymentIntent), written once
// over the Reader concept (json_reader.hpp) so the native codec
// (nlohmann/json, src/intent_json.hpp) and the wasm bindings
// (emscripten::val, wasm/val_reader.hpp) cannot drift apart. The fields
// without rules of their own are listed in api_fields.hpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "setupflow/api_fields.hpp"
#include "setupflow/errors.hpp"
#include "setupflow/intent.hpp"
#include "setupflow/json_field_check.hpp"
#include "setupflow/json_reader.hpp"
#include "setupflow/result.hpp"

namespace setupflow {
namespace detail {

// Reads the last error object named key into `out` (left as it is when the
// member is absent or null). Like read_next_action, it fills the intent's
// member in place rather than returning an optional to move into it.
template <Reader R>
void read_last_error(ReadState& st, const R& obj, std::string_view key,
                     std::optional<LastError>& out) {
  if (std::optional<R> m = opt_object(st, obj, "", key)) {
    read_strings(st, *m, key, kLastErrorStrings, out.emplace());
  }
}

template <Reader R>
void read_next_action(ReadState& st, const R& obj, std::optional<NextAction>& out) {
  std::optional<R> m = opt_object(st, obj, "", "next_action");
  if (!m) {
    return;
  }
  std::optional<std::string> type = opt_string(st, *m, "next_action", "type");
  if (!type) {
    st.fail("next_action.type", "a string");
    return;
  }
  NextAction& na = out.emplace();
  na.type = std::move(*type);
  if (na.type != kCashappNextActionType) {
    return;  // other actions: type only
  }
  // The paths below are "next_action." + kCashappNextActionType (+ ".qr_code").
  constexpr std::string_view cpath = "next_action.cashapp_handle_redirect_or_display_qr_code";
  constexpr std::string_view qpath = "next_action.cashapp_handle_redirect_or_display_qr_code.qr_code";
  std::optional<R> c = opt_object(st, *m, "next_action", kCashappNextActionType);
  if (!c) {
    return;  // the flow reports a Cash App action without details
  }
  CashappNextAction& ca = na.cashapp.emplace();
  read_strings(st, *c, cpath, kCashappStrings, ca);
  if (std::optional<R> q = opt_object(st, *c, cpath, "qr_code")) {
    ca.qr_code.expires_at = opt_integer(st, *q, qpath, "expires_at").value_or(0);
    read_strings(st, *q, qpath, kQrCodeStrings, ca.qr_code);
  }
}

// read_fields' store: one overload per member type of IntentMember.
template <Reader R>
void read_member(ReadState& st, const R& obj, const IntentField& f, std::string& out) {
  out = string_or_empty(st, obj, "", f.key);
}
template <Reader R>
void read_member(ReadState& st, const R& obj, const IntentField& f,
                 std::optional<std::string>& out) {
  out = f.expect == Expect::expandable ? opt_expandable(st, obj, "", f.key)
                                       : opt_string(st, obj, "", f.key);
}
template <Reader R>
void read_member(ReadState& st, const R& obj, const IntentField& f, std::vector<std::string>& out) {
  out = string_list(st, obj, "", f.key);
}
template <Reader R>
void read_member(ReadState& st, const R& obj, const IntentField& f, bool& out) {
  out = opt_bool(st, obj, "", f.key).value_or(false);
}
template <Reader R>
void read_member(ReadState& st, const R& obj, const IntentField& f, int64_t& out) {
  out = opt_integer(st, obj, "", f.key).value_or(0);
}
template <Reader R>
void read_member(ReadState& st, const R& obj, const IntentField& f, Metadata& out) {
  out = read_string_map(st, obj, f.key);
}

// Reads a table's fields into `in`; a kFlowFieldsOnly reader only checks
// them (same rules, same messages), storing nothing.
template <Reader R, size_t N>
void read_fields(ReadState& st, const R& body, const IntentField (&fields)[N], Intent& in) {
  for (const IntentField& f : fields) {
    if constexpr (flow_fields_only<R>()) {
      check_field(st, body, {f.key, f.expect});
    } else {
      std::visit([&](auto member) { read_member(st, body, f, in.*member); }, f.member);
    }
  }
}

// read_intent's work, into a default-constructed `in`: the first error, or
// nullopt with `in` read. read_http_response reads into its HttpResponse's
// intent in place, which spares a Result<Intent> and a move of the Intent.
template <Reader R>
std::optional<Error> read_intent_into(const R& body, IntentKind expected, Intent& in) {
  ReadState st;
  if (body.kind() != JsonKind::object) {
    return api_error("invalid_response", "the response body must be an object");
  }
  in.kind = expected;
  if (std::optional<std::string> object = opt_string(st, body, "", "object");
      object && *object != to_string(expected)) {
    // The quoted wire name of the expected kind (to_string(IntentKind)).
    st.fail("object", expected == IntentKind::setup ? "\"setup_intent\"" : "\"payment_intent\"");
  }
  read_string(st, body, "", "id", in.id);
  if (!st.error && in.id.empty()) {
    st.fail("id", "a non-empty string");
  }
  read_fields(st, body, kUnusedBeforeStatus, in);
  std::optional<std::string> status = opt_string(st, body, "", "status");
  std::optional<IntentStatus> parsed = status ? intent_status_from_string(*status) : std::nullopt;
  if (!parsed) {
    st.fail("status", "a known intent status");
  } else {
    in.status = *parsed;
  }
  read_fields(st, body, kUnusedBeforeNextAction, in);
  read_next_action(st, body, in.next_action);
  read_last_error(st, body,
                  expected == IntentKind::setup ? "last_setup_error" : "last_payment_error",
                  in.last_error);
  read_fields(st, body, kUnusedAfterLastError, in);
  if (expected == IntentKind::setup) {
    read_fields(st, body, kUnusedSetupFields, in);
  } else {
    read_fields(st, body, kUnusedPaymentFields, in);
  }
  return std::move(st.error);
}

}  // namespace detail

// Reads a SetupIntent (expected == setup) or PaymentIntent object. Requires a
// JSON object with a non-empty string `id` and a known `status`; `object`, if
// present, must name the expected kind. An expanded `payment_method`,
// `customer` or `mandate` object reads as its id. The other kind's
// last_*_error and every unknown field are ignored. Total.
//
// A Reader that declares `static constexpr bool kFlowFieldsOnly = true` gets
// every field checked the same way (same rules, same first error, same
// message) but stores only what the confirm flow reads: kind, id, status,
// next_action and the last error; the other members keep their defaults. The
// wasm's reader does this: its intents never reach the page (the shim hands
// the page the body it parsed itself), and storing the rest cost about 1 KB
// gzip of std::map code (metadata, since a sorted vector) and ~1 KB more of
// string and vector code.
template <Reader R>
Result<Intent> read_intent(const R& body, IntentKind expected) {
  Intent in;
  if (std::optional<Error> error = detail::read_intent_into(body, expected, in)) {
    return std::move(*error);
  }
  return in;
}

}  // namespace setupflow
