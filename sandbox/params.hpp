// Reading a request's parameters strictly. Each helper throws ApiError with
// Stripe's codes (parameter_unknown, parameter_invalid_*, parameter_unsupported)
// naming the parameter, so nothing is silently ignored or guessed at.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api_error.hpp"
#include "sandbox.hpp"

namespace setupflow::sandbox {

// Top-level parameter names the endpoint accepts ("expand" is always
// allowed); anything else is a 400 parameter_unknown naming it.
void allow_params(const Ctx& ctx, std::initializer_list<std::string_view> allowed);
// Parameters Stripe has on this endpoint that the sandbox does not implement:
// present, they are a 400 parameter_unsupported "The sandbox does not support
// <name>." (never accepted and ignored; sandbox/README.md lists them).
void refuse_unsupported(const Ctx& ctx, std::initializer_list<std::string_view> unsupported);
// Same for the children of an object parameter, e.g. ("mandate_data", {...}).
void allow_children(const FormNode* node, const std::string& prefix,
                    std::initializer_list<std::string_view> allowed);

const FormNode* param(const FormNode& root, std::string_view name);
// A scalar parameter; an object or list where a string is expected is a 400.
std::optional<std::string> param_string(const FormNode& root, std::string_view name,
                                        const std::string& full_name);
inline std::optional<std::string> param_string(const Ctx& ctx, std::string_view name) {
  return param_string(ctx.params, name, std::string(name));
}
// "true"/"false" in any case (python-stripe sends "True"/"False", which
// Stripe accepts); anything else is a 400 parameter_invalid_boolean.
std::optional<bool> param_bool(const FormNode& root, std::string_view name, const std::string& full_name);
inline std::optional<bool> param_bool(const Ctx& ctx, std::string_view name) {
  return param_bool(ctx.params, name, std::string(name));
}
// A decimal integer in [lo, hi]; anything else (huge, signed garbage) a 400.
std::optional<int64_t> param_int(const FormNode& root, std::string_view name, const std::string& full_name,
                                 int64_t lo, int64_t hi);
inline std::optional<int64_t> param_int(const Ctx& ctx, std::string_view name, int64_t lo, int64_t hi) {
  return param_int(ctx.params, name, std::string(name), lo, hi);
}
// A list of strings (a[]=x, a[0]=x); a single scalar counts as a one-item list.
std::vector<std::string> param_string_list(const Ctx& ctx, std::string_view name);
// A string parameter as a field value: null when absent or empty.
json param_nullable(const Ctx& ctx, std::string_view name);
// Applies metadata[k]=v onto `existing` (an empty value removes the key).
json apply_metadata(const Ctx& ctx, json existing);

}  // namespace setupflow::sandbox
