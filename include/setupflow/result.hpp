// Result<T>: a value or a setupflow::Error, for expected failures.
//
// The core is built without exceptions (the wasm links with -fno-exceptions),
// so every fallible public function returns a Result instead of throwing.
// Callers test `ok()` (or `if (result)`) before touching `value()`; reading the
// wrong alternative is a programming error caught by assert in debug builds.
#pragma once

#include <cassert>
#include <type_traits>
#include <utility>
#include <variant>

#include "setupflow/errors.hpp"

namespace setupflow {

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  const T& value() const& { assert(ok()); return *std::get_if<0>(&v_); }
  T& value() & { assert(ok()); return *std::get_if<0>(&v_); }
  T&& value() && { assert(ok()); return std::move(*std::get_if<0>(&v_)); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const { assert(!ok()); return *std::get_if<1>(&v_); }

 private:
  std::variant<T, Error> v_;
};

// Result<void>: success carries no value.
struct Ok {};
using Status = Result<Ok>;
inline Status ok_status() { return Status(Ok{}); }

}  // namespace setupflow
