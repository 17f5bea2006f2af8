// The emscripten::val adapter of the Reader concept (intent_reader.hpp): the
// wasm reads what the shim parsed with JSON.parse, so nlohmann/json is never
// linked into the browser build (ARCHITECTURE.md, "Where JSON is parsed").
//
// Inputs are expected to be JSON.parse results: plain objects, arrays,
// strings, finite numbers, booleans and null. Anything else (undefined, a
// function, a bigint, a symbol) reads as null. Property lookups go through
// Object.prototype.hasOwnProperty, never a method of the object itself, so a
// body such as {"hasOwnProperty":1} or {"__proto__":…} reads like any other
// member instead of calling into the page's data.
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

  JsonKind kind() const {
    if (value_.isNull() || value_.isUndefined()) return JsonKind::null;
    if (value_.isString()) return JsonKind::string;
    if (value_.isNumber()) return JsonKind::number;
    if (value_.isTrue() || value_.isFalse()) return JsonKind::boolean;
    if (value_.typeOf().as<std::string>() != "object") return JsonKind::null;
    return is_array(value_) ? JsonKind::array : JsonKind::object;
  }

  bool as_bool() const { return value_.isTrue(); }

  double as_number() const { return value_.isNumber() ? value_.as<double>() : 0.0; }

  std::string as_string() const { return value_.isString() ? value_.as<std::string>() : std::string(); }

  std::optional<ValReader> member(std::string_view key) const {
    if (kind() != JsonKind::object) return std::nullopt;
    const emscripten::val name{std::string(key)};
    if (!has_own()(value_, name)) return std::nullopt;
    return ValReader(value_[name]);
  }

  size_t size() const {
    if (kind() != JsonKind::array) return 0;
    const double n = value_["length"].as<double>();
    return n > 0 ? static_cast<size_t>(n) : 0;
  }

  ValReader at(size_t index) const {
    if (index >= size()) return ValReader(emscripten::val::null());
    return ValReader(value_[static_cast<unsigned>(index)]);
  }

  template <class F>
  void for_each_member(F&& f) const {
    if (kind() != JsonKind::object) return;
    const emscripten::val keys = emscripten::val::global("Object").call<emscripten::val>("keys", value_);
    const unsigned n = keys["length"].as<unsigned>();
    for (unsigned i = 0; i < n; ++i) {
      const emscripten::val key = keys[i];
      const std::string name = key.as<std::string>();
      const ValReader child(value_[key]);
      f(std::string_view(name), child);
    }
  }

 private:
  // Object.prototype.hasOwnProperty.call(object, key), looked up once.
  struct HasOwn {
    emscripten::val fn = emscripten::val::global("Object")["prototype"]["hasOwnProperty"];
    bool operator()(const emscripten::val& object, const emscripten::val& key) const {
      return fn.call<bool>("call", object, key);
    }
  };
  static const HasOwn& has_own() {
    static const HasOwn instance;
    return instance;
  }
  static bool is_array(const emscripten::val& v) {
    static const emscripten::val array_ctor = emscripten::val::global("Array");
    return array_ctor.call<bool>("isArray", v);
  }

  emscripten::val value_;
};
static_assert(Reader<ValReader>);

}  // namespace setupflow::wasm
