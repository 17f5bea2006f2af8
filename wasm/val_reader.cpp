// ValReader's accessors: one small JavaScript helper each (EM_JS) over a table
// of the values reached during the current read (see val_reader.hpp).
#include "val_reader.hpp"

#include <emscripten/em_js.h>
#include <emscripten/emscripten.h>

using emscripten::EM_VAL;

// The table lives on the module (Module.sfVals): slot 0 is null.
EM_JS(uint32_t, sf_val_open, (EM_VAL handle), {
  Module.sfVals = [null, Emval.toValue(handle)];
  return 1;
});

EM_JS(void, sf_val_close, (), { Module.sfVals = [null]; });

EM_JS(uint32_t, sf_val_push, (EM_VAL handle), { return Module.sfVals.push(Emval.toValue(handle)) - 1; });

// Kinds in JsonKind's order: null, boolean, number, string, array, object.
EM_JS(int, sf_val_kind, (uint32_t slot), {
  var v = Module.sfVals[slot];
  if (v === null) return 0;
  switch (typeof v) {
    case 'boolean': return 1;
    case 'number': return 2;
    case 'string': return 3;
    case 'object': return Array.isArray(v) ? 4 : 5;
  }
  return 0;
});

// The slot of object[key] if the object has that own property, else -1 (not
// 0: slot 0 is the null value itself, and an absent member must differ from a
// null one). The caller checks that the value is an object first.
EM_JS(int, sf_val_member, (uint32_t slot, const char* key, size_t length), {
  var o = Module.sfVals[slot];
  var k = UTF8ToString(key, length);
  if (!Object.prototype.hasOwnProperty.call(o, k)) return -1;
  return Module.sfVals.push(o[k]) - 1;
});

// A number's value; 0 for any other value.
EM_JS(double, sf_val_number, (uint32_t slot), {
  var v = Module.sfVals[slot];
  return typeof v == 'number' ? v : 0;
});

EM_JS(int, sf_val_bool, (uint32_t slot), { return Module.sfVals[slot] === true; });

// An array's length; 0 for any other value.
EM_JS(double, sf_val_length, (uint32_t slot), {
  var v = Module.sfVals[slot];
  return Array.isArray(v) ? v.length : 0;
});

EM_JS(uint32_t, sf_val_at, (uint32_t slot, double index), {
  return Module.sfVals.push(Module.sfVals[slot][index]) - 1;
});

EM_JS(uint32_t, sf_val_keys, (uint32_t slot), {
  return Module.sfVals.push(Object.keys(Module.sfVals[slot])) - 1;
});

// UTF-8 length (0 for a value that is not a string), then the bytes into a
// buffer the caller sized (+1 for NUL).
EM_JS(size_t, sf_val_utf8_length, (uint32_t slot), {
  var v = Module.sfVals[slot];
  return typeof v == 'string' ? lengthBytesUTF8(v) : 0;
});
EM_JS(void, sf_val_utf8_copy, (uint32_t slot, char* out, size_t capacity), {
  stringToUTF8(Module.sfVals[slot], out, capacity);
});

EM_JS(EM_VAL, sf_val_handle, (uint32_t slot), { return Emval.toHandle(Module.sfVals[slot]); });

namespace setupflow::wasm {

ValScope::ValScope(const emscripten::val& root) : root_(sf_val_open(root.as_handle())) {}
ValScope::~ValScope() { sf_val_close(); }
ValReader ValScope::add(const emscripten::val& value) const { return ValReader(sf_val_push(value.as_handle())); }

// sf_val_kind returns only 0..5, JsonKind's values in order.
static_assert(static_cast<int>(JsonKind::null) == 0 && static_cast<int>(JsonKind::object) == 5);
JsonKind ValReader::kind() const { return static_cast<JsonKind>(sf_val_kind(slot_)); }

bool ValReader::as_bool() const { return sf_val_bool(slot_) != 0; }

double ValReader::as_number() const { return sf_val_number(slot_); }

std::string ValReader::as_string() const {
  std::string out(sf_val_utf8_length(slot_), '\0');  // empty if not a string
  if (!out.empty()) sf_val_utf8_copy(slot_, out.data(), out.size() + 1);  // writes the NUL at out[size()]
  return out;
}

std::optional<ValReader> ValReader::member(std::string_view key) const {
  if (kind() != JsonKind::object) return std::nullopt;
  // UTF8ToString(key, length) reads at most length bytes, so the key needs no
  // terminating NUL and is not copied. It also stops at a NUL byte, as it did
  // when the key was copied first: the mapping's own keys contain none.
  const int slot = sf_val_member(slot_, key.data(), key.size());
  if (slot < 0) return std::nullopt;
  return ValReader(static_cast<uint32_t>(slot));
}

size_t ValReader::size() const {
  return static_cast<size_t>(sf_val_length(slot_));  // an array length: 0 <= n < 2^32
}

ValReader ValReader::at(size_t index) const {
  if (index >= size()) return ValReader(0);
  return ValReader(sf_val_at(slot_, static_cast<double>(index)));
}

emscripten::val ValReader::value() const { return emscripten::val::take_ownership(sf_val_handle(slot_)); }

ValReader ValReader::own_keys() const { return ValReader(sf_val_keys(slot_)); }

}  // namespace setupflow::wasm
