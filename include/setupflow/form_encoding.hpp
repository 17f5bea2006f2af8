// Stripe's application/x-www-form-urlencoded with bracket nesting (WIRE.md).
//
//   a[b][c]=v         nested objects
//   a[]=v  a[0]=v     lists of scalars (both forms are read; encode writes a[])
//   a[0][k]=v         lists of objects
//   a=                an empty value clears a field
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "setupflow/result.hpp"

namespace setupflow {

// Flat, ordered key/value pairs with keys already in bracket form
// ("mandate_data[customer_acceptance][type]"). What the confirm flow sends.
using FormPairs = std::vector<std::pair<std::string, std::string>>;

// Percent-encodes every byte except the RFC 3986 unreserved set
// (A-Z a-z 0-9 - . _ ~); space becomes "%20"... except in form bodies, where
// encode_form writes "+". Works bytewise, so all of UTF-8 round-trips. Total.
std::string percent_encode(std::string_view text, bool space_as_plus = false);
// Decodes %XX and (when plus_is_space) "+". Malformed escapes ("%G1", "%4")
// and decoded bytes that are not valid UTF-8 are an invalid_request_error.
Result<std::string> percent_decode(std::string_view text, bool plus_is_space = true);

// Encodes pairs in order: key and value percent-encoded (brackets too, as
// Stripe's libraries do: "%5B"/"%5D"), joined by "&". Total.
std::string encode_form(const FormPairs& pairs);
// Appends one pair as encode_form writes it ("&" first unless `body` is
// empty), so a caller with a fixed list of fields can build a body without a
// FormPairs. Total.
void append_form_pair(std::string& body, std::string_view key, std::string_view value);

// A decoded form body as a tree. Objects keep keys sorted (std::map); lists
// keep their order. A leaf holds the decoded string (possibly empty).
struct FormNode {
  enum class Kind { string, object, list };
  Kind kind = Kind::object;
  std::string value;                                        // Kind::string
  std::map<std::string, std::shared_ptr<FormNode>> fields;  // Kind::object
  std::vector<std::shared_ptr<FormNode>> items;             // Kind::list

  const FormNode* get(std::string_view key) const;  // object member or nullptr
};

// Deep structural equality: same kinds, values, keys and items (null children
// are never equal). Total.
bool operator==(const FormNode& a, const FormNode& b);

struct FormLimits {
  size_t max_body_bytes = 1 << 20;
  size_t max_depth = 8;        // bracket levels per key
  size_t max_pairs = 2048;
  size_t max_list_index = 1023;  // a[1024] is refused (no huge sparse lists)
};

// Decodes a body (also a query string) into a tree. Accepts percent-encoded or
// raw brackets, "a[]=" and "a[0]=" list forms. Refuses with an
// invalid_request_error naming the parameter: malformed escapes, bad UTF-8,
// unbalanced brackets, a key used both as a scalar and an object, mixed list
// forms or gaps in indices, and anything over `limits`. Total.
Result<FormNode> decode_form(std::string_view body, const FormLimits& limits = {});

// The tree back to flat bracket pairs (lists as a[0]… for objects, a[] for
// scalars), in a deterministic order. decode_form(encode_form(flatten(t))) == t.
FormPairs flatten_form(const FormNode& root);

}  // namespace setupflow
