// Objects in and out of the store, and as a caller sees them: private "_"
// fields removed, the publishable key's subset, expand[] applied.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "api_error.hpp"
#include "sandbox.hpp"

namespace setupflow::sandbox {

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

// obj[key] when it is a string, else "" (null, absent, other types).
std::string jstr(const json& obj, const char* key);

// `obj` without its private "_" fields (what an event or an error shows).
json without_private(json obj);

// HTML text escaping.
std::string html_escape(std::string_view text);

}  // namespace setupflow::sandbox
