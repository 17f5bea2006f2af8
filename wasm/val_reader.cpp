// ValReader's members: one small JavaScript helper each (EM_JS), so reading a
// field is one call across the boundary rather than several embind ones.
#include "val_reader.hpp"

#include <emscripten/em_js.h>
#include <emscripten/emscripten.h>

using emscripten::EM_VAL;

// Kinds in JsonKind's order: null, boolean, number, string, array, object.
EM_JS(int, sf_val_kind, (EM_VAL handle), {
  var v = Emval.toValue(handle);
  if (v === null) return 0;
  switch (typeof v) {
    case 'boolean': return 1;
    case 'number': return 2;
    case 'string': return 3;
    case 'object': return Array.isArray(v) ? 4 : 5;
  }
  return 0;
});

// A new handle to object[key] if the object has that own property, else 0
// (never a valid handle).
EM_JS(EM_VAL, sf_val_member, (EM_VAL handle, const char* key, size_t length), {
  var o = Emval.toValue(handle);
  var k = UTF8ToString(key, length);
  return Object.prototype.hasOwnProperty.call(o, k) ? Emval.toHandle(o[k]) : 0;
});

EM_JS(double, sf_val_number, (EM_VAL handle), { return +Emval.toValue(handle); });

EM_JS(double, sf_val_length, (EM_VAL handle), { return Emval.toValue(handle).length; });

EM_JS(EM_VAL, sf_val_at, (EM_VAL handle, double index), { return Emval.toHandle(Emval.toValue(handle)[index]); });

EM_JS(EM_VAL, sf_val_keys, (EM_VAL handle), { return Emval.toHandle(Object.keys(Emval.toValue(handle))); });

namespace setupflow::wasm {

JsonKind ValReader::kind() const {
  switch (sf_val_kind(value_.as_handle())) {
    case 1: return JsonKind::boolean;
    case 2: return JsonKind::number;
    case 3: return JsonKind::string;
    case 4: return JsonKind::array;
    case 5: return JsonKind::object;
    default: return JsonKind::null;
  }
}

bool ValReader::as_bool() const { return value_.isTrue(); }

double ValReader::as_number() const { return kind() == JsonKind::number ? sf_val_number(value_.as_handle()) : 0.0; }

std::string ValReader::as_string() const {
  return kind() == JsonKind::string ? value_.as<std::string>() : std::string();
}

std::optional<ValReader> ValReader::member(std::string_view key) const {
  if (kind() != JsonKind::object) return std::nullopt;
  // std::string: the key must be NUL-terminated for UTF8ToString's length stop.
  const std::string name(key);
  EM_VAL h = sf_val_member(value_.as_handle(), name.c_str(), name.size());
  if (h == nullptr) return std::nullopt;
  return ValReader(emscripten::val::take_ownership(h));
}

size_t ValReader::size() const {
  if (kind() != JsonKind::array) return 0;
  const double n = sf_val_length(value_.as_handle());
  return n > 0 ? static_cast<size_t>(n) : 0;
}

ValReader ValReader::at(size_t index) const {
  if (index >= size()) return ValReader(emscripten::val::null());
  return ValReader(emscripten::val::take_ownership(sf_val_at(value_.as_handle(), static_cast<double>(index))));
}

ValReader ValReader::own_keys() const {
  return ValReader(emscripten::val::take_ownership(sf_val_keys(value_.as_handle())));
}

}  // namespace setupflow::wasm
