// libFuzzer: Stripe form decoding on arbitrary bytes.
// Invariants:
//  - decode_form never crashes, and refuses only with an invalid_request_error
//    whose param is printable ASCII or valid UTF-8 (it goes into JSON errors);
//  - an accepted body survives flatten → encode → decode unchanged, and
//    flattening is stable;
//  - percent_decode(percent_encode(x)) == x for any valid UTF-8 x, and
//    percent_decode accepts only valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "setupflow/form_encoding.hpp"

namespace {

using namespace setupflow;

void check(bool ok) {
  if (!ok) __builtin_trap();
}


// Valid UTF-8, judged by the library's own decoder of a fully escaped copy:
// percent_encode escapes every non-unreserved byte, so the decode only fails
// on bad UTF-8.
bool valid_utf8(std::string_view s) { return percent_decode(percent_encode(s), false).ok(); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);

  FormLimits limits;
  limits.max_pairs = 256;  // keeps each run fast; the logic is the same
  const Result<FormNode> tree = decode_form(body, limits);
  if (tree.ok()) {
    check(tree->kind == FormNode::Kind::object);
    const FormPairs flat = flatten_form(tree.value());
    const std::string encoded = encode_form(flat);
    const Result<FormNode> again = decode_form(encoded);
    check(again.ok());
    check(tree.value() == again.value());
    check(flatten_form(again.value()) == flat);
    for (const auto& [key, value] : flat) check(valid_utf8(key) && valid_utf8(value));
  } else {
    check(tree.error().type == ErrorType::invalid_request_error);
    check(valid_utf8(tree.error().param));
    check(!tree.error().code.empty());
  }

  // The raw bytes as a single value.
  for (bool plus : {false, true}) {
    const std::string enc = percent_encode(body, plus);
    const Result<std::string> dec = percent_decode(enc, plus);
    check(dec.ok() == valid_utf8(body));
    if (dec.ok()) check(dec.value() == body);
    const Result<std::string> direct = percent_decode(body, plus);
    if (direct.ok()) {
      check(valid_utf8(direct.value()));
      check(direct.value().size() <= body.size());
    }
  }
  return 0;
}
