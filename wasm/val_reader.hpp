// The emscripten::val adapter of the Reader concept (json_reader.hpp): the
// wasm reads what the shim parsed with JSON.parse, so nlohmann/json is never
// linked into the browser build (ARCHITECTURE.md, "Where JSON is parsed").
//
// Inputs are expected to be JSON.parse results: plain objects, arrays,
// strings, finite numbers, booleans and null. Anything else (undefined, a
// function, a bigint, a symbol) reads as null. Members are looked up with
// Object.prototype.hasOwnProperty, never a method of the object itself, so a
// body such as {"hasOwnProperty":1} or {"__proto__":…} reads like any other,
// and inherited properties are never read.
//
// Design, for size and speed: a ValReader is a trivially copyable index into
// a JavaScript-side table of the values reached during one read (ValScope);
// the table is emptied when the scope ends. So the mapping code copies plain
// integers instead of reference-counted emscripten::val handles, and each
// accessor is one small JavaScript call (val_reader.cpp).
#pragma once

#include <emscripten/val.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "setupflow/json_reader.hpp"

namespace setupflow::wasm {

class ValReader {
 public:
  // read_intent checks every field but stores only what the confirm flow
  // reads (intent_reader.hpp).
  static constexpr bool kFlowFieldsOnly = true;

  JsonKind kind() const;
  bool as_bool() const;
  double as_number() const;
  std::string as_string() const;
  std::optional<ValReader> member(std::string_view key) const;
  size_t size() const;
  ValReader at(size_t index) const;  // a null reader out of range
  // The value itself, to keep beyond the scope (the flow registry keeps a
  // final object this way).
  emscripten::val value() const;

  template <class F>
  void for_each_member(F&& f) const {
    if (kind() != JsonKind::object) return;
    const ValReader keys = own_keys();
    const size_t n = keys.size();
    for (size_t i = 0; i < n; ++i) {
      const std::string name = keys.at(i).as_string();
      if (const std::optional<ValReader> child = member(name)) f(std::string_view(name), *child);
    }
  }

 private:
  friend class ValScope;
  explicit ValReader(uint32_t slot) : slot_(slot) {}
  ValReader own_keys() const;  // Object.keys(value) as an array reader

  uint32_t slot_;  // index in the scope's table; 0 is always null
};
static_assert(Reader<ValReader>);

// Owns the table for one read. Only one scope may be live at a time (reads
// are synchronous and do not nest); readers must not outlive their scope.
class ValScope {
 public:
  explicit ValScope(const emscripten::val& root);
  ~ValScope();
  ValScope(const ValScope&) = delete;
  ValScope& operator=(const ValScope&) = delete;

  ValReader root() const { return ValReader(root_); }
  // Another value to read in this scope (a second argument of the same call).
  ValReader add(const emscripten::val& value) const;

 private:
  uint32_t root_;
};

}  // namespace setupflow::wasm
