// A tiny JSON text writer: what the bindings hand back to the shim, which
// reads it with JSON.parse (STYLE.md: "JSON strings across the boundary"),
// and the JSON bodies a flow sends (the MOTO start). One string per call is
// far smaller in the wasm than building JS objects field by field through
// embind (measured: ~10 KB less code). In the core so that both the machines
// and the bindings use it; it needs nothing but decimal.hpp (no nlohmann).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "setupflow/decimal.hpp"

namespace setupflow {

class JsonOut {
 public:
  JsonOut& open_object() { return sep().raw('{'); }
  JsonOut& close_object() { return raw('}'); }
  JsonOut& open_array() { return sep().raw('['); }
  JsonOut& close_array() { return raw(']'); }

  // Starts a member; the value written next belongs to it.
  JsonOut& key(std::string_view k) {
    sep();
    quote(k);
    text_ += ':';
    after_key_ = true;
    return *this;
  }
  JsonOut& string(std::string_view v) {
    sep();
    quote(v);
    return *this;
  }
  JsonOut& integer(int64_t v) {
    sep();
    append_decimal(text_, v);
    return *this;
  }
  JsonOut& boolean(bool v) {
    sep();
    text_ += v ? "true" : "false";
    return *this;
  }
  JsonOut& null() {
    sep();
    text_ += "null";
    return *this;
  }

  JsonOut& member(std::string_view k, std::string_view v) { return key(k).string(v); }
  JsonOut& member_int(std::string_view k, int64_t v) { return key(k).integer(v); }
  // Omits the member when the value is empty.
  JsonOut& member_if(std::string_view k, std::string_view v) { return v.empty() ? *this : member(k, v); }

  // For std::string values: one out-of-line conversion to string_view instead
  // of one inlined at every call site.
  __attribute__((noinline)) JsonOut& member(std::string_view k, const std::string& v) {
    return member(k, std::string_view(v));
  }
  JsonOut& member(std::string_view k, const char* v) { return member(k, std::string_view(v)); }
  __attribute__((noinline)) JsonOut& member_if(std::string_view k, const std::string& v) {
    return member_if(k, std::string_view(v));
  }

  std::string take() { return std::move(text_); }

 private:
  JsonOut& raw(char c) {
    text_ += c;
    return *this;
  }
  // A comma before a value or key unless it opens a container or follows a key.
  JsonOut& sep() {
    if (after_key_) {
      after_key_ = false;
    } else if (!text_.empty() && text_.back() != '{' && text_.back() != '[') {
      text_ += ',';
    }
    return *this;
  }
  // Quotes and escapes; bytes >= 0x80 pass through (the text is UTF-8, as
  // embind's std::string conversion expects).
  void quote(std::string_view v) {
    static constexpr char kHex[] = "0123456789abcdef";
    text_ += '"';
    for (const char ch : v) {
      const auto c = static_cast<unsigned char>(ch);
      if (c == '"' || c == '\\') {
        text_ += '\\';
        text_ += ch;
      } else if (c < 0x20) {
        text_ += "\\u00";
        text_ += kHex[c >> 4];
        text_ += kHex[c & 15];
      } else {
        text_ += ch;
      }
    }
    text_ += '"';
  }

  std::string text_;
  bool after_key_ = false;
};

}  // namespace setupflow
