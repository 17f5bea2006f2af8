// The emscripten::val adapter of the Reader concept (intent_reader.hpp): the
// wasm reads what the shim parsed with JSON.parse, so nlohmann/json is never
// linked into the browser build (ARCHITECTURE.md, "Where JSON is parsed").
//
// Inputs are expected to be JSON.parse results: plain objects, arrays,
// strings, finite numbers, booleans and null. Anything else (undefined, a
// function, a bigint, a symbol) reads as null. Members are looked up with
// Object.prototype.hasOwnProperty, never a method of the object itself, so a
// body such as {"hasOwnProperty":1} or {"__proto__":…} reads like any other.
//
// The members are defined out of line (val_reader.cpp), each one JavaScript
// call: read_intent<ValReader> is instantiated once and calls them, instead
// of inlining embind's marshalling at every field (measured: that alone was
// over 40 KB of the wasm at -O3).
#pragma once

#include <emscripten/val.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "setupflow/intent_reader.hpp"

namespace setupflow::wasm {

class ValReader {
 public:
  explicit ValReader(emscripten::val value) : value_(std::move(value)) {}

  JsonKind kind() const;
  bool as_bool() const;
  double as_number() const;
  std::string as_string() const;
  std::optional<ValReader> member(std::string_view key) const;
  size_t size() const;
  ValReader at(size_t index) const;  // a null reader out of range

  template <class F>
  void for_each_member(F&& f) const {
    if (kind() != JsonKind::object) return;
    const ValReader keys = own_keys();
    const size_t n = keys.size();
    for (size_t i = 0; i < n; ++i) {
      const std::string name = keys.at(i).as_string();
      const std::optional<ValReader> child = member(name);
      if (child) f(std::string_view(name), *child);
    }
  }

 private:
  ValReader own_keys() const;  // Object.keys(value) as an array reader

  emscripten::val value_;
};
static_assert(Reader<ValReader>);

}  // namespace setupflow::wasm
