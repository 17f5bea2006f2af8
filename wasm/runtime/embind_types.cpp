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
// wasm/CMakeLists.txt links embind's JavaScript without libembind, so these
// are the only registrations. They run first (constructor priority 101, before
// EMSCRIPTEN_BINDINGS' static object): embind_narrow.js resolves a function's
// types when the function is registered. A binding that uses a type missing
// here stops the module from starting with a BindingError naming the binding
// (every test that loads the module would fail); add the type below.
//
// Measured 2026-11-24: see the size log in wasm/CMakeLists.txt.
#include <emscripten/bind.h>
#include <emscripten/emscripten.h>
#include <emscripten/val.h>

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

__attribute__((constructor(101))) void setupflow_register_embind_types() {
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
