// Helpers shared by the endpoints: reading parameters strictly, loading and
// saving objects, and rendering them for a caller (secret or publishable key,
// expand[]). Parameter helpers throw ApiError with Stripe's codes.
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
// Applies metadata[k]=v onto `existing` (an empty value removes the key).
json apply_metadata(const Ctx& ctx, json existing);

// Loads an object by id, requiring its "object" to be `object`; otherwise a
// 404 resource_missing with `what` in the message and `param`.
json load(Ctx& ctx, const std::string& id, std::string_view object, const std::string& what,
          const std::string& param = "id");
// Saves by obj["id"], typed by obj["object"], indexed by `owner`.
void save(Ctx& ctx, const json& obj, const std::string& owner = "");

// expand[] names only what render() expands (payment_method, customer,
// mandate; with the publishable key payment_method only); anything else is a
// 400 rather than silently left unexpanded.
void check_expand(const Ctx& ctx);
// The object as the caller may see it: private "_" fields removed; for the
// publishable key the client-visible subset; expand[] applied (one level).
json render(Ctx& ctx, json obj);
Response json_response(const json& body, int status = 200);
json list_object(const std::string& url, const std::vector<json>& data);

// The sandbox clock: wall time plus the advance_clock offset stored in meta.
int64_t sandbox_now(Store& store, Env& env);

// obj[key] when it is a string, else "" (null, absent, other types).
std::string jstr(const json& obj, const char* key);

// Lower-case hex SHA-256.
std::string sha256_hex(std::string_view data);
// Constant-time equality for secrets (lengths may leak, contents do not).
bool secure_equals(std::string_view a, std::string_view b);
// HTML text escaping.
std::string html_escape(std::string_view text);

}  // namespace setupflow::sandbox
