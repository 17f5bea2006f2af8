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

}  // namespace detail
}  // namespace setupflow
