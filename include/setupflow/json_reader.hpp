// Reading parsed JSON through a Reader: the concept both adapters implement
// (nlohmann/json natively, src/intent_json.hpp; emscripten::val in the wasm,
// wasm/val_reader.hpp) and the typed reads every API object's mapping is
// written with (intent_reader.hpp, response_reader.hpp, flow_params_reader.hpp).
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

#include "setupflow/decimal.hpp"
#include "setupflow/errors.hpp"
#include "setupflow/intent.hpp"  // Metadata

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

// An object of strings (an intent's metadata): sorted by key with unique keys
// whatever order the reader visits members in (a later duplicate replaces an
// earlier one, as std::map::insert_or_assign).
template <Reader R>
Metadata read_string_map(ReadState& st, const R& obj, std::string_view key) {
  Metadata out;
  std::optional<R> m = opt_object(st, obj, "", key);
  if (!m) {
    return out;
  }
  m->for_each_member([&](std::string_view name, const R& value) {
    if (value.kind() != JsonKind::string) {
      st.fail(key, name, "a string");
      return;
    }
    auto at = std::lower_bound(out.begin(), out.end(), name,
                               [](const auto& kv, std::string_view k) { return kv.first < k; });
    if (at != out.end() && at->first == name) {
      at->second = value.as_string();
    } else {
      out.emplace(at, std::string(name), value.as_string());
    }
  });
  return out;
}

}  // namespace detail
}  // namespace setupflow
