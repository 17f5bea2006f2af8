// The builtin types embind needs for setupflow's bindings, registered here
// instead of by embind's own library.
//
// `--bind` links libembind, whose one source file registers every builtin type
// in a constructor: 64-bit integers, float, the wide and UTF-16/32 strings,
// unsigned-char strings and eighteen typed-array memory views. Each of those
// registrations is an import, and each import keeps its JavaScript in the glue
// (UTF-16/32 codecs, BigInt and memory-view readers) plus the type names in
// the wasm's data, whether the bindings use the type or not. The bindings in
// bindings.cpp use only the types registered below.
//
// Defining __getTypeName here (the symbol embind's glue calls, and the only
// one in libembind that anything references) means the linker never pulls
// libembind's object in: the two cannot both be linked (duplicate symbols), so
// there is no silent double registration. A binding that uses a type missing
// here fails on its first call with embind's UnboundTypeError naming the type,
// which tests/wasm's module tests would show; add the type below.
//
// Measured 2026-11-24: see the size log in wasm/CMakeLists.txt.
#include <emscripten/bind.h>
#include <emscripten/emscripten.h>
#include <emscripten/val.h>

#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>

namespace {

using emscripten::internal::TypeID;

template <typename T>
void register_integer(const char* name) {
  emscripten::internal::_embind_register_integer(TypeID<T>::get(), name, sizeof(T), std::numeric_limits<T>::min(),
                                                 std::numeric_limits<T>::max());
}

}  // namespace

extern "C" {

// embind's glue names a type in its errors through this (a copy it frees).
// Built without RTTI (EMSCRIPTEN_HAS_UNBOUND_TYPE_NAMES=0), a type is only an
// address, so the name says where the fix goes: embind asks only for a type
// that no registration covers.
EMSCRIPTEN_KEEPALIVE const char* __getTypeName(const void*) {
  return strdup("a type not registered in wasm/embind_types.cpp");
}

// Runs before main's bindings are used; embind resolves registrations in any
// order, so running before or after EMSCRIPTEN_BINDINGS(setupflow) is fine.
__attribute__((constructor)) void setupflow_register_embind_types() {
  using namespace emscripten::internal;
  _embind_register_void(TypeID<void>::get(), "void");
  _embind_register_bool(TypeID<bool>::get(), "bool", sizeof(bool), true, false);
  register_integer<int>("int");
  register_integer<unsigned int>("unsigned int");
  _embind_register_float(TypeID<double>::get(), "double", sizeof(double));
  _embind_register_std_string(TypeID<std::string>::get(), "std::string");
  _embind_register_emval(TypeID<emscripten::val>::get(), "emscripten::val");
}

}  // extern "C"
