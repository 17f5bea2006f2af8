// The intent model's field mapping, written once over a Reader concept so the
// native codec (nlohmann/json, src/intent_json.hpp) and the wasm bindings
// (emscripten::val, wasm/val_reader.hpp) cannot drift apart.
//
// Reading is tolerant of unknown fields (Stripe adds fields without notice) and
// strict about the types of known ones: a known field of the wrong type is an
// api_error with code "invalid_response" whose message names the field's path,
// e.g. "next_action.cashapp_handle_redirect_or_display_qr_code.qr_code.expires_at
// must be an integer". A field Stripe may send as null is accepted as null.
#pragma once

#include <algorithm>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "setupflow/confirm_flow.hpp"
#include "setupflow/decimal.hpp"
#include "setupflow/errors.hpp"
#include "setupflow/intent.hpp"
#include "setupflow/result.hpp"

namespace setupflow {

// The JSON value kinds a Reader distinguishes (as JSON.parse produces them).
enum class JsonKind { null, boolean, number, string, array, object };

namespace detail {
// Stands in for any visitor in the Reader concept's for_each_member check.
struct MemberVisitorArchetype {
  template <class R>
  void operator()(std::string_view /*key*/, const R& /*value*/) const {}
};
}  // namespace detail

// A Reader is a cheap-to-copy, read-only view of one parsed JSON value. All
// members are const and total (no exceptions, no UB on any value):
//   JsonKind kind()            the value's kind; anything exotic reads as null.
//   bool as_bool()             the boolean if kind()==boolean, else false.
//   double as_number()         the number as a double (JavaScript Number
//                              semantics) if kind()==number, else 0.
//   std::string as_string()    the UTF-8 text if kind()==string, else "".
//   std::optional<R> member(std::string_view key)
//                              the member named key if this is an object that
//                              has it (an explicit null member is present and
//                              reads as kind()==null); nullopt if the member is
//                              absent or this is not an object.
//   size_t size()              the element count if kind()==array, else 0.
//   R at(size_t i)             element i, for i < size(); out of range it must
//                              still return a value (a null reader).
//   void for_each_member(F&& f)
//                              calls f(std::string_view key, const R& value)
//                              once per member if this is an object (any
//                              order), else never.
template <class R>
concept Reader = std::copy_constructible<R> &&
    requires(const R& r, std::string_view key, size_t index) {
  { r.kind() } -> std::same_as<JsonKind>;
  { r.as_bool() } -> std::same_as<bool>;
  { r.as_number() } -> std::same_as<double>;
  { r.as_string() } -> std::same_as<std::string>;
  { r.member(key) } -> std::same_as<std::optional<R>>;
  { r.size() } -> std::same_as<size_t>;
  { r.at(index) } -> std::same_as<R>;
  r.for_each_member(detail::MemberVisitorArchetype{});
};

namespace detail {

// Integers must survive a trip through a JavaScript Number: integral and
// within ±(2^53 − 1) (Number.isSafeInteger). A larger integer may already have
// been rounded by a parser, so it cannot be trusted.
inline constexpr double kMaxSafeInteger = 9007199254740991.0;

// Collects the first type violation; later reads keep going harmlessly so the
// mapping code stays linear.
struct ReadState {
  std::optional<Error> error;
  // Records "<prefix>.<key> must be <expectation>" (no dot when prefix is
  // empty) unless an error is already recorded. Taking the path in parts
  // spares each caller building it, and builds nothing after the first error.
  void fail(std::string_view prefix, std::string_view key, std::string_view expectation) {
    if (error) {
      return;
    }
    std::string message(prefix);
    if (!message.empty()) {
      message += '.';
    }
    message += key;
    message += " must be ";
    message += expectation;
    error = api_error("invalid_response", std::move(message));
  }
  void fail(std::string_view path, std::string_view expectation) { fail({}, path, expectation); }
};

inline std::string join_path(std::string_view prefix, std::string_view key) {
  std::string out(prefix);
  if (!out.empty()) {
    out += '.';
  }
  out += key;
  return out;
}

// The path of a list's item i: "<prefix>.<key>[i]" (no dot for an empty
// prefix). string_list and check_field name a bad item the same way.
inline std::string item_path(std::string_view prefix, std::string_view key, size_t i) {
  std::string out = join_path(prefix, key);
  out += '[';
  append_decimal(out, static_cast<int64_t>(i));
  out += ']';
  return out;
}

// The member if present and not null.
template <Reader R>
std::optional<R> present(const R& obj, std::string_view key) {
  std::optional<R> m = obj.member(key);
  if (m && m->kind() == JsonKind::null) {
    return std::nullopt;
  }
  return m;
}

template <Reader R>
std::optional<std::string> opt_string(ReadState& st, const R& obj, std::string_view prefix,
                                      std::string_view key) {
  std::optional<R> m = present(obj, key);
  if (!m) {
    return std::nullopt;
  }
  if (m->kind() != JsonKind::string) {
    st.fail(prefix, key, "a string");
    return std::nullopt;
  }
  return m->as_string();
}

// Stores a present string member into `out`; `out` keeps its value when the
// member is absent, null or of the wrong kind. Assigning inside one function
// spares each call site a temporary string's move and destruction.
template <Reader R>
void read_string(ReadState& st, const R& obj, std::string_view prefix, std::string_view key,
                 std::string& out) {
  if (std::optional<std::string> v = opt_string(st, obj, prefix, key)) {
    out = std::move(*v);
  }
}

// A string member of T read by read_strings.
template <class T>
struct StringField {
  std::string_view key;
  std::string T::*member;
};

// read_string for each field in order (the order decides the first error):
// one loop over a table instead of a call with five arguments per field.
template <Reader R, class T, size_t N>
void read_strings(ReadState& st, const R& obj, std::string_view prefix,
                  const StringField<T> (&fields)[N], T& out) {
  for (const StringField<T>& f : fields) {
    read_string(st, obj, prefix, f.key, out.*f.member);
  }
}

inline constexpr StringField<LastError> kLastErrorStrings[] = {
    {"type", &LastError::type},
    {"code", &LastError::code},
    {"decline_code", &LastError::decline_code},
    {"message", &LastError::message},
    {"param", &LastError::param},
};
inline constexpr StringField<CashappNextAction> kCashappStrings[] = {
    {"hosted_instructions_url", &CashappNextAction::hosted_instructions_url},
    {"mobile_auth_url", &CashappNextAction::mobile_auth_url},
};
inline constexpr StringField<CashappQrCode> kQrCodeStrings[] = {
    {"image_url_png", &CashappQrCode::image_url_png},
    {"image_url_svg", &CashappQrCode::image_url_svg},
    {"data", &CashappQrCode::data},
};
inline constexpr StringField<Error> kErrorBodyStrings[] = {
    {"code", &Error::code},       {"message", &Error::message},
    {"param", &Error::param},     {"decline_code", &Error::decline_code},
    {"doc_url", &Error::doc_url},
};

template <Reader R>
std::string string_or_empty(ReadState& st, const R& obj, std::string_view prefix,
                            std::string_view key) {
  return opt_string(st, obj, prefix, key).value_or(std::string());
}

inline std::optional<int64_t> to_safe_integer(double d) {
  if (!std::isfinite(d) || d != std::trunc(d) || std::fabs(d) > kMaxSafeInteger) {
    return std::nullopt;
  }
  return static_cast<int64_t>(d);
}

template <Reader R>
std::optional<int64_t> opt_integer(ReadState& st, const R& obj, std::string_view prefix,
                                   std::string_view key) {
  std::optional<R> m = present(obj, key);
  if (!m) {
    return std::nullopt;
  }
  std::optional<int64_t> v;
  if (m->kind() == JsonKind::number) {
    v = to_safe_integer(m->as_number());
  }
  if (!v) {
    st.fail(prefix, key, "an integer");
  }
  return v;
}

template <Reader R>
std::optional<bool> opt_bool(ReadState& st, const R& obj, std::string_view prefix,
                             std::string_view key) {
  std::optional<R> m = present(obj, key);
  if (!m) {
    return std::nullopt;
  }
  if (m->kind() != JsonKind::boolean) {
    st.fail(prefix, key, "a boolean");
    return std::nullopt;
  }
  return m->as_bool();
}

// An expandable reference: an id string, or the expanded object (its id).
template <Reader R>
std::optional<std::string> opt_expandable(ReadState& st, const R& obj, std::string_view prefix,
                                          std::string_view key) {
  std::optional<R> m = present(obj, key);
  if (!m) {
    return std::nullopt;
  }
  if (m->kind() == JsonKind::string) {
    return m->as_string();
  }
  if (m->kind() == JsonKind::object) {
    std::optional<R> id = m->member("id");
    if (id && id->kind() == JsonKind::string) {
      return id->as_string();
    }
  }
  st.fail(prefix, key, "a string or an object with a string id");
  return std::nullopt;
}

// An object member: nullopt when absent or null; a wrong kind is a failure.
template <Reader R>
std::optional<R> opt_object(ReadState& st, const R& obj, std::string_view prefix,
                            std::string_view key) {
  std::optional<R> m = present(obj, key);
  if (m && m->kind() != JsonKind::object) {
    st.fail(prefix, key, "an object");
    return std::nullopt;
  }
  return m;
}

template <Reader R>
std::vector<std::string> string_list(ReadState& st, const R& obj, std::string_view prefix,
                                     std::string_view key) {
  std::vector<std::string> out;
  std::optional<R> m = present(obj, key);
  if (!m) {
    return out;
  }
  if (m->kind() != JsonKind::array) {
    st.fail(prefix, key, "an array of strings");
    return out;
  }
  const size_t n = m->size();
  out.reserve(n < 64 ? n : 64);
  for (size_t i = 0; i < n; ++i) {
    R item = m->at(i);
    if (item.kind() != JsonKind::string) {
      st.fail(item_path(prefix, key, i), "a string");
      return {};
    }
    out.push_back(item.as_string());
  }
  return out;
}

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

// True for a Reader type that declares `static constexpr bool kFlowFieldsOnly =
// true` (see read_intent).
template <class R>
constexpr bool flow_fields_only() {
  if constexpr (requires { R::kFlowFieldsOnly; }) {
    return R::kFlowFieldsOnly;
  } else {
    return false;
  }
}

// What a top-level field the confirm flow does not use must be; see
// check_field.
enum class Expect : uint8_t { string, integer, boolean, expandable, string_list, string_map };
struct FieldCheck {
  std::string_view key;
  Expect expect;
};

// Checks a top-level member exactly as the storing reads above would (same
// rules, same messages) without building a value: one call per field instead
// of a typed read inlined per field. Absent or null is fine.
template <Reader R>
void check_field(ReadState& st, const R& obj, const FieldCheck& field) {
  std::optional<R> m = present(obj, field.key);
  if (!m) {
    return;
  }
  const JsonKind kind = m->kind();
  const std::string_view key = field.key;
  switch (field.expect) {
    case Expect::string:
      if (kind != JsonKind::string) {
        st.fail(key, "a string");
      }
      return;
    case Expect::integer:
      if (kind != JsonKind::number || !to_safe_integer(m->as_number())) {
        st.fail(key, "an integer");
      }
      return;
    case Expect::boolean:
      if (kind != JsonKind::boolean) {
        st.fail(key, "a boolean");
      }
      return;
    case Expect::expandable:
      if (kind == JsonKind::string) {
        return;
      }
      if (kind == JsonKind::object) {
        std::optional<R> id = m->member("id");
        if (id && id->kind() == JsonKind::string) {
          return;
        }
      }
      st.fail(key, "a string or an object with a string id");
      return;
    case Expect::string_list:
      if (kind != JsonKind::array) {
        st.fail(key, "an array of strings");
        return;
      }
      for (size_t i = 0, n = m->size(); i < n; ++i) {
        if (m->at(i).kind() != JsonKind::string) {
          st.fail(item_path({}, key, i), "a string");
          return;
        }
      }
      return;
    case Expect::string_map:
      if (kind != JsonKind::object) {
        st.fail(key, "an object");
        return;
      }
      m->for_each_member([&](std::string_view name, const R& value) {
        if (value.kind() != JsonKind::string) {
          st.fail(key, name, "a string");
        }
      });
      return;
  }
}

template <Reader R, size_t N>
void check_fields(ReadState& st, const R& obj, const FieldCheck (&fields)[N]) {
  for (const FieldCheck& f : fields) {
    check_field(st, obj, f);
  }
}

// The fields the confirm flow does not use, in read_intent's reading order:
// those read before next_action, those after it, and each kind's own.
inline constexpr FieldCheck kUnusedBeforeNextAction[] = {
    {"customer", Expect::expandable},
    {"payment_method", Expect::expandable},
    {"payment_method_types", Expect::string_list},
};
inline constexpr FieldCheck kUnusedAfterLastError[] = {
    {"mandate", Expect::expandable}, {"cancellation_reason", Expect::string},
    {"livemode", Expect::boolean},   {"created", Expect::integer},
    {"metadata", Expect::string_map},
};
inline constexpr FieldCheck kUnusedSetupFields[] = {{"usage", Expect::string}};
inline constexpr FieldCheck kUnusedPaymentFields[] = {
    {"amount", Expect::integer},
    {"currency", Expect::string},
    {"setup_future_usage", Expect::string},
    {"capture_method", Expect::string},
    {"statement_descriptor", Expect::string},
};

// Sorted by key with unique keys whatever order the reader visits members in
// (a later duplicate replaces an earlier one, as std::map::insert_or_assign).
template <Reader R>
Metadata read_metadata(ReadState& st, const R& obj) {
  Metadata out;
  std::optional<R> m = opt_object(st, obj, "", "metadata");
  if (!m) {
    return out;
  }
  m->for_each_member([&](std::string_view key, const R& value) {
    if (value.kind() != JsonKind::string) {
      st.fail("metadata", key, "a string");
      return;
    }
    auto at = std::lower_bound(out.begin(), out.end(), key,
                               [](const auto& kv, std::string_view k) { return kv.first < k; });
    if (at != out.end() && at->first == key) {
      at->second = value.as_string();
    } else {
      out.emplace(at, std::string(key), value.as_string());
    }
  });
  return out;
}

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
  constexpr bool kStoreAll = !flow_fields_only<R>();
  if constexpr (kStoreAll) {
    in.client_secret = string_or_empty(st, body, "", "client_secret");
  } else {
    check_field(st, body, {"client_secret", Expect::string});
  }
  std::optional<std::string> status = opt_string(st, body, "", "status");
  std::optional<IntentStatus> parsed = status ? intent_status_from_string(*status) : std::nullopt;
  if (!parsed) {
    st.fail("status", "a known intent status");
  } else {
    in.status = *parsed;
  }
  if constexpr (kStoreAll) {
    in.customer = opt_expandable(st, body, "", "customer");
    in.payment_method = opt_expandable(st, body, "", "payment_method");
    in.payment_method_types = string_list(st, body, "", "payment_method_types");
  } else {
    check_fields(st, body, kUnusedBeforeNextAction);
  }
  read_next_action(st, body, in.next_action);
  read_last_error(st, body,
                  expected == IntentKind::setup ? "last_setup_error" : "last_payment_error",
                  in.last_error);
  if constexpr (kStoreAll) {
    in.mandate = opt_expandable(st, body, "", "mandate");
    in.cancellation_reason = opt_string(st, body, "", "cancellation_reason");
    in.livemode = opt_bool(st, body, "", "livemode").value_or(false);
    in.created = opt_integer(st, body, "", "created").value_or(0);
    in.metadata = read_metadata(st, body);
    if (expected == IntentKind::setup) {
      in.usage = string_or_empty(st, body, "", "usage");
    } else {
      in.amount = opt_integer(st, body, "", "amount").value_or(0);
      in.currency = string_or_empty(st, body, "", "currency");
      in.setup_future_usage = opt_string(st, body, "", "setup_future_usage");
      in.capture_method = string_or_empty(st, body, "", "capture_method");
      in.statement_descriptor = opt_string(st, body, "", "statement_descriptor");
    }
  } else {
    check_fields(st, body, kUnusedAfterLastError);
    if (expected == IntentKind::setup) {
      check_fields(st, body, kUnusedSetupFields);
    } else {
      check_fields(st, body, kUnusedPaymentFields);
    }
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
