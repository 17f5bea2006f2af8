// Result<T>: a value or a setupflow::Error, for expected failures.
//
// The core is built without exceptions (the wasm links with -fno-exceptions),
// so every fallible public function returns a Result instead of throwing.
// Callers test `ok()` (or `if (result)`) before touching `value()`; reading the
// wrong alternative is a programming error caught by assert in debug builds.
#pragma once

#include <cassert>
#include <type_traits>
#include <new>
#include <utility>

#include "setupflow/errors.hpp"

namespace setupflow {

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : ok_(true) { new (&value_) T(std::move(value)); }  // NOLINT: implicit by design
  Result(Error error) : ok_(false) { new (&error_) Error(std::move(error)); }  // NOLINT

  Result(const Result& other) requires std::is_copy_constructible_v<T> : ok_(other.ok_) {
    if (ok_) {
      new (&value_) T(other.value_);
    } else {
      new (&error_) Error(other.error_);
    }
  }
  Result(Result&& other) noexcept(std::is_nothrow_move_constructible_v<T>) : ok_(other.ok_) {
    if (ok_) {
      new (&value_) T(std::move(other.value_));
    } else {
      new (&error_) Error(std::move(other.error_));
    }
  }
  Result& operator=(const Result& other) requires std::is_copy_constructible_v<T> {
    if (this != &other) {
      destroy();
      ok_ = other.ok_;
      if (ok_) {
        new (&value_) T(other.value_);
      } else {
        new (&error_) Error(other.error_);
      }
    }
    return *this;
  }
  Result& operator=(Result&& other) noexcept(std::is_nothrow_move_constructible_v<T>) {
    if (this != &other) {
      destroy();
      ok_ = other.ok_;
      if (ok_) {
        new (&value_) T(std::move(other.value_));
      } else {
        new (&error_) Error(std::move(other.error_));
      }
    }
    return *this;
  }
  ~Result() { destroy(); }

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok(); }

  const T& value() const& { assert(ok()); return value_; }
  T& value() & { assert(ok()); return value_; }
  T&& value() && { assert(ok()); return std::move(value_); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const { assert(!ok()); return error_; }

 private:
  void destroy() {
    if (ok_) {
      value_.~T();
    } else {
      error_.~Error();
    }
  }

  // A tagged union rather than std::variant<T, Error>: the same semantics,
  // without variant's dispatch tables (smaller in the wasm).
  bool ok_;
  union {
    T value_;
    Error error_;
  };
};

struct Ok {};
using Status = Result<Ok>;
inline Status ok_status() { return Status(Ok{}); }

}  // namespace setupflow
