// embind's JavaScript half, narrowed to what setupflow's bindings use.
//
// Emscripten lets a --js-library replace a library function by defining the
// same name later (wasm/CMakeLists.txt passes this file after embind's own
// embind.js and emval.js). The bindings (bindings.cpp) are nine free
// functions over seven types (embind_types.cpp): no classes, no overloads, no
// 64-bit integers, no value objects, no arguments read from memory, and every
// type registered before any function. embind's general versions of the
// functions below carry code for all of those; each replacement keeps
// embind's contract for the case the bindings use, and the rest (the
// invokers, destructors, emval handles) is embind's own.
//
// A binding outside that case fails loudly, never silently: a second function
// of the same name, a type nobody registered, a 64-bit signature or a
// non-string passed for a std::string throws embind's BindingError. tests/node and tests/wasm call
// every binding through this runtime.
//
// Measured 2026-11-24: see the size log in wasm/CMakeLists.txt.

mergeInto(LibraryManager.library, {
  // One function per public name (embind's version builds overload tables).
  $exposePublicSymbol__deps: ['$throwBindingError'],
  $exposePublicSymbol: function(name, value) {
    if (Module.hasOwnProperty(name)) throwBindingError("Cannot register public name '" + name + "' twice");
    Module[name] = value;
  },

  // Every type is registered before any function: embind_types.cpp's
  // constructor has a higher priority than EMSCRIPTEN_BINDINGS' static
  // object. So a function's types resolve at once and embind's deferred
  // resolution (types awaiting dependencies, a placeholder that throws
  // UnboundTypeError until they arrive) has nothing to do. A function naming
  // a type nobody registered fails the module's start with a BindingError.
  $registerType__deps: ['$registeredTypes', '$throwBindingError'],
  $registerType: function(rawType, registeredInstance) {
    if (registeredTypes.hasOwnProperty(rawType)) throwBindingError("Cannot register type '" + registeredInstance.name + "' twice");
    registeredTypes[rawType] = registeredInstance;
  },
  _embind_register_function__deps: [
    '$craftInvokerFunction', '$exposePublicSymbol', '$heap32VectorToArray', '$readLatin1String',
    '$embind__requireFunction', '$registeredTypes', '$throwBindingError'],
  _embind_register_function: function(name, argCount, rawArgTypesAddr, signature, rawInvoker, fn) {
    name = readLatin1String(name);
    var types = heap32VectorToArray(argCount, rawArgTypesAddr).map(function(rawType) {
      return registeredTypes[rawType] || throwBindingError(name + ' uses a type not registered in wasm/runtime/embind_types.cpp');
    });
    // [result, no `this`, arguments…], as embind's invoker expects.
    exposePublicSymbol(name, craftInvokerFunction(name, [types[0], null].concat(types.slice(1)), null,
                                                  embind__requireFunction(signature, rawInvoker), fn));
  },

  // No dynCall legalisation: no binding has a 64-bit integer ('j') in its
  // signature, so every invoker is called straight from the table.
  $embind__requireFunction__deps: ['$readLatin1String', '$throwBindingError'],
  $embind__requireFunction: function(signature, rawFunction) {
    signature = readLatin1String(signature);
    var fp = signature.includes('j') ? null : getWasmTableEntry(rawFunction);
    if (typeof fp != 'function') throwBindingError('unknown function pointer with signature ' + signature + ': ' + rawFunction);
    return fp;
  },

  // The function a binding becomes: checks the argument count, converts each
  // argument to its wire value, calls the C++ invoker, frees what the
  // conversions allocated (std::string buffers) and converts the result.
  // embind's DYNAMIC_EXECUTION=0 invoker does the same, plus class methods
  // (`this`), per-type destructor functions and async (Asyncify) returns.
  // argTypes: [result, null (no `this`), arguments…].
  $craftInvokerFunction__deps: ['$runDestructors', '$throwBindingError'],
  $craftInvokerFunction: function(humanName, argTypes, classType, cppInvokerFunc, cppTargetFunc) {
    var expected = argTypes.length - 2;
    return function() {
      if (arguments.length !== expected) {
        throwBindingError('function ' + humanName + ' called with ' + arguments.length + ' arguments, expected ' + expected + ' args!');
      }
      var destructors = [];
      var wired = [cppTargetFunc];
      for (var i = 0; i < expected; ++i) wired.push(argTypes[i + 2]['toWireType'](destructors, arguments[i]));
      var rv = cppInvokerFunc.apply(null, wired);
      runDestructors(destructors);
      return argTypes[0]['fromWireType'](rv);
    };
  },

  // embind's error classes, without function naming (a named constructor
  // needs eval, which DYNAMIC_EXECUTION=0 rules out anyway).
  $extendError__deps: [],
  $extendError: function(baseErrorType, errorName) {
    var errorClass = function(message) {
      this.name = errorName;
      this.message = message;
      this.stack = new Error(message).stack;
    };
    errorClass.prototype = Object.create(baseErrorType.prototype);
    errorClass.prototype.constructor = errorClass;
    errorClass.prototype.toString = function() {
      return this.message === undefined ? this.name : this.name + ': ' + this.message;
    };
    return errorClass;
  },

  // Type and function names are ASCII identifiers: read them as UTF-8 (the
  // decoder is here anyway) instead of through a 256-entry Latin-1 table.
  $readLatin1String__deps: [],
  $readLatin1String: function(ptr) {
    return UTF8ToString(ptr);
  },

  // No leak-inspection hooks on Module (count_emval_handles, get_first_emval).
  $init_emval__deps: [],
  $init_emval: function() {},

  // Scalars cross as arguments and results only, never read from memory, so
  // no readValueFromPointer; and only the invoker above reads these entries,
  // so no argPackAdvance or destructorFunction.
  _embind_register_bool__deps: ['$readLatin1String', '$registerType'],
  _embind_register_bool: function(rawType, name, size, trueValue, falseValue) {
    registerType(rawType, {
      name: readLatin1String(name),
      'fromWireType': function(wt) { return !!wt; },
      'toWireType': function(destructors, o) { return o ? trueValue : falseValue; },
    });
  },
  // 32-bit int and unsigned int (embind_types.cpp registers no other width).
  _embind_register_integer__deps: ['$readLatin1String', '$registerType'],
  _embind_register_integer: function(rawType, name, size, minRange, maxRange) {
    var unsigned = minRange === 0;
    registerType(rawType, {
      name: readLatin1String(name),
      'fromWireType': function(value) { return unsigned ? value >>> 0 : value; },
      'toWireType': function(destructors, value) { return unsigned ? value >>> 0 : value; },
    });
  },
  _embind_register_float__deps: ['$readLatin1String', '$registerType'],
  _embind_register_float: function(rawType, name, size) {
    registerType(rawType, {
      name: readLatin1String(name),
      'fromWireType': function(value) { return value; },
      'toWireType': function(destructors, value) { return value; },
    });
  },

  // std::string as UTF-8 text only (embind's also takes byte arrays and
  // Latin-1 strings). The wire value is embind's: a malloc'd {length, bytes}.
  // Decoded with TextDecoder over exactly `length` bytes, so a NUL inside the
  // text survives as embind's loop over NUL-separated segments keeps it.
  _embind_register_std_string__deps: ['$readLatin1String', '$registerType', '$throwBindingError'],
  _embind_register_std_string: function(rawType, name) {
    registerType(rawType, {
      name: readLatin1String(name),
      'fromWireType': function(value) {
        var str = UTF8Decoder.decode(HEAPU8.subarray(value + 4, value + 4 + HEAPU32[value >> 2]));
        _free(value);
        return str;
      },
      'toWireType': function(destructors, value) {
        if (typeof value != 'string') throwBindingError('Cannot pass non-string to std::string');
        var length = lengthBytesUTF8(value);
        var ptr = _malloc(4 + length + 1);
        HEAPU32[ptr >> 2] = length;
        stringToUTF8(value, ptr + 4, length + 1);
        if (destructors !== null) destructors.push(_free, ptr);
        return ptr;
      },
    });
  },
});
