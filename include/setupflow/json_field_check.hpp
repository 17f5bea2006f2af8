// Checking a member's type without storing it: what a mapping does for the
// fields its flow never reads (see read_intent's kFlowFieldsOnly).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "setupflow/json_reader.hpp"

namespace setupflow {
namespace detail {

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

// Checks a member exactly as the storing reads above would (same rules, same
// messages) without building a value: one call per field instead of a typed
// read inlined per field. Absent or null is fine. `prefix` is the path of
// `obj` in messages (empty for a top-level member).
template <Reader R>
void check_field(ReadState& st, const R& obj, const FieldCheck& field,
                 std::string_view prefix = {}) {
  std::optional<R> m = present(obj, field.key);
  if (!m) {
    return;
  }
  const JsonKind kind = m->kind();
  const std::string_view key = field.key;
  // What the member should have been, when it is not the right kind: one
  // failure site for every expectation (smaller in the wasm than one per case).
  const char* expected = nullptr;
  switch (field.expect) {
    case Expect::string:
      if (kind != JsonKind::string) {
        expected = "a string";
      }
      break;
    case Expect::integer:
      if (kind != JsonKind::number || !to_safe_integer(m->as_number())) {
        expected = "an integer";
      }
      break;
    case Expect::boolean:
      if (kind != JsonKind::boolean) {
        expected = "a boolean";
      }
      break;
    case Expect::expandable:
      if (kind == JsonKind::string) {
        break;
      }
      if (kind == JsonKind::object) {
        std::optional<R> id = m->member("id");
        if (id && id->kind() == JsonKind::string) {
          break;
        }
      }
      expected = "a string or an object with a string id";
      break;
    case Expect::string_list:
      if (kind != JsonKind::array) {
        expected = "an array of strings";
        break;
      }
      for (size_t i = 0, n = m->size(); i < n; ++i) {
        if (m->at(i).kind() != JsonKind::string) {
          st.fail(item_path(prefix, key, i), "a string");
          return;
        }
      }
      break;
    case Expect::string_map:
      if (kind != JsonKind::object) {
        expected = "an object";
        break;
      }
      m->for_each_member([&](std::string_view name, const R& value) {
        if (value.kind() != JsonKind::string) {
          st.fail(join_path(prefix, key), name, "a string");
        }
      });
      break;
  }
  if (expected) {
    st.fail(prefix, key, expected);
  }
}

template <Reader R, size_t N>
void check_fields(ReadState& st, const R& obj, const FieldCheck (&fields)[N],
                  std::string_view prefix = {}) {
  for (const FieldCheck& f : fields) {
    check_field(st, obj, f, prefix);
  }
}

}  // namespace detail
}  // namespace setupflow
