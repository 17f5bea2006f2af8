// Stripe's bracket form encoding (WIRE.md "Requests").
//
// Decoding is strict on purpose: the sandbox reads untrusted bodies with it, so
// any ambiguity (a key that is both a scalar and an object, a list written in
// two styles, a sparse index) is refused with the offending key as `param`
// instead of being resolved by a guess the caller cannot see.
#include "setupflow/form_encoding.hpp"

#include <cstdint>
#include <map>
#include <string>

#include "setupflow/decimal.hpp"

namespace setupflow {
namespace {

// Printable ASCII kept, every other byte as %XX.
std::string printable(std::string_view raw) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : raw) {
    const auto c = static_cast<unsigned char>(ch);
    if (c > 0x20 && c < 0x7F) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0x0F]);
    }
  }
  return out;
}

Error form_error(std::string code, std::string message, std::string param) {
  return invalid_request(std::move(code), std::move(message), std::move(param));
}

// One bracket segment of a key, after the leading name.
struct Segment {
  enum class Kind { key, index, append } kind = Kind::key;
  std::string key;   // Kind::key
  size_t index = 0;  // Kind::index
};

struct ParsedKey {
  std::string name;
  std::vector<Segment> segments;
};

// Splits "name[a][0][]" into its parts. Digits-only segments are list indices
// (so an object cannot have a key made only of digits); "[]" may only end a key.
Result<ParsedKey> parse_key(const std::string& key, const FormLimits& limits) {
  ParsedKey out;
  const size_t open = key.find('[');
  out.name = key.substr(0, open);
  if (out.name.empty()) {
    return form_error("parameter_invalid_key", "A form key has an empty name.", key);
  }
  if (out.name.find(']') != std::string::npos) {
    return form_error("parameter_invalid_key", "Unbalanced brackets in the form key.", key);
  }
  size_t pos = open;
  while (pos != std::string::npos && pos < key.size()) {
    if (key[pos] != '[') {
      return form_error("parameter_invalid_key", "Unexpected text after ']' in the form key.", key);
    }
    const size_t close = key.find(']', pos + 1);
    if (close == std::string::npos) {
      return form_error("parameter_invalid_key", "Unbalanced brackets in the form key.", key);
    }
    const std::string content = key.substr(pos + 1, close - pos - 1);
    if (content.find('[') != std::string::npos) {
      return form_error("parameter_invalid_key", "Nested '[' inside a bracket of the form key.",
                        key);
    }
    if (out.segments.size() >= limits.max_depth) {
      return form_error("parameter_too_deep", "The form key is nested too deeply.", key);
    }
    Segment seg;
    if (content.empty()) {
      seg.kind = Segment::Kind::append;
    } else if (content.find_first_not_of("0123456789") == std::string::npos) {
      if (content.size() > 1 && content[0] == '0') {
        return form_error("parameter_invalid_key", "A list index has a leading zero.", key);
      }
      seg.kind = Segment::Kind::index;
      // Compare digit by digit so that no index, however long, can overflow.
      size_t value = 0;
      for (char c : content) {
        value = value * 10 + static_cast<size_t>(c - '0');
        if (value > limits.max_list_index) {
          return form_error("parameter_index_too_large", "A list index is too large.", key);
        }
      }
      seg.index = value;
    } else {
      seg.key = content;
    }
    out.segments.push_back(std::move(seg));
    pos = close + 1;
  }
  for (size_t i = 0; i + 1 < out.segments.size(); ++i) {
    if (out.segments[i].kind == Segment::Kind::append) {
      return form_error("parameter_invalid_key", "'[]' may only end a form key.", key);
    }
  }
  return out;
}

enum class ListStyle { appended, indexed };

// Builds the tree; remembers how each list was written to refuse mixing.
class TreeBuilder {
 public:
  explicit TreeBuilder(const FormLimits& limits) : limits_(limits) {}

  Status insert(const std::string& key, const ParsedKey& parsed, std::string value) {
    FormNode* node = &root_;
    // The node at each step is the child `name` of an object, or an item of a
    // list; `want` is what the next segment needs it to be.
    std::shared_ptr<FormNode>* slot = &child_of(root_, parsed.name);
    for (const Segment& seg : parsed.segments) {
      const FormNode::Kind want =
          seg.kind == Segment::Kind::key ? FormNode::Kind::object : FormNode::Kind::list;
      auto status = ensure(*slot, want, key);
      if (!status) {
        return status;
      }
      node = slot->get();
      if (seg.kind == Segment::Kind::key) {
        slot = &child_of(*node, seg.key);
        continue;
      }
      const ListStyle style =
          seg.kind == Segment::Kind::append ? ListStyle::appended : ListStyle::indexed;
      auto [it, fresh] = styles_.try_emplace(node, style);
      if (!fresh && it->second != style) {
        return form_error("parameter_mixed_list_forms",
                          "A list is written both as a[] and as a[0] in the same body.", key);
      }
      const size_t index = seg.kind == Segment::Kind::append ? node->items.size() : seg.index;
      if (index > node->items.size()) {
        return form_error("parameter_index_gap",
                          "List indices must start at 0 and increase without gaps.", key);
      }
      if (index > limits_.max_list_index) {
        return form_error("parameter_index_too_large", "The list has too many items.", key);
      }
      if (index == node->items.size()) {
        node->items.push_back(nullptr);
      }
      slot = &node->items[index];
    }
    auto status = ensure(*slot, FormNode::Kind::string, key);
    if (!status) {
      return status;
    }
    // A repeated scalar key: the last value wins, as in most form readers.
    (*slot)->value = std::move(value);
    return ok_status();
  }

  FormNode take() { return std::move(root_); }

 private:
  static std::shared_ptr<FormNode>& child_of(FormNode& object, const std::string& key) {
    return object.fields[key];
  }

  // Creates the node in `slot` with `want` kind, or checks an existing one.
  static Status ensure(std::shared_ptr<FormNode>& slot, FormNode::Kind want,
                       const std::string& key) {
    if (!slot) {
      slot = std::make_shared<FormNode>();
      slot->kind = want;
      return ok_status();
    }
    if (slot->kind == want) {
      return ok_status();
    }
    if (slot->kind == FormNode::Kind::string || want == FormNode::Kind::string) {
      return form_error("parameter_conflict",
                        "A form key is used both as a scalar and as an object or list.", key);
    }
    return form_error("parameter_conflict", "A form key is used both as an object and as a list.",
                      key);
  }

  const FormLimits& limits_;
  FormNode root_;
  std::map<const FormNode*, ListStyle> styles_;
};

void flatten_into(const FormNode& node, const std::string& prefix, FormPairs& out) {
  switch (node.kind) {
    case FormNode::Kind::string:
      out.emplace_back(prefix, node.value);
      return;
    case FormNode::Kind::object:
      for (const auto& [key, child] : node.fields) {
        if (!child) {
          continue;
        }
        std::string path = prefix;
        if (path.empty()) {
          path = key;
        } else {
          path.append("[").append(key).append("]");
        }
        flatten_into(*child, path, out);
      }
      return;
    case FormNode::Kind::list: {
      bool all_scalars = true;
      for (const auto& item : node.items) {
        if (!item || item->kind != FormNode::Kind::string) {
          all_scalars = false;
        }
      }
      for (size_t i = 0; i < node.items.size(); ++i) {
        if (!node.items[i]) {
          continue;
        }
        flatten_into(
            *node.items[i],
            all_scalars ? prefix + "[]" : prefix + "[" + decimal(static_cast<int64_t>(i)) + "]",
            out);
      }
      return;
    }
  }
}

}  // namespace

void append_form_pair(std::string& body, std::string_view key, std::string_view value) {
  if (!body.empty()) {
    body.push_back('&');
  }
  body += percent_encode(key, true);
  body.push_back('=');
  body += percent_encode(value, true);
}

std::string encode_form(const FormPairs& pairs) {
  std::string out;
  for (const auto& [key, value] : pairs) {
    append_form_pair(out, key, value);
  }
  return out;
}

const FormNode* FormNode::get(std::string_view key) const {
  if (kind != Kind::object) {
    return nullptr;
  }
  auto it = fields.find(std::string(key));
  return it == fields.end() ? nullptr : it->second.get();
}

Result<FormNode> decode_form(std::string_view body, const FormLimits& limits) {
  if (body.size() > limits.max_body_bytes) {
    return form_error("body_too_large", "The form body is too large.", {});
  }
  TreeBuilder builder(limits);
  size_t pairs = 0;
  size_t start = 0;
  while (start <= body.size()) {
    size_t end = body.find('&', start);
    if (end == std::string_view::npos) {
      end = body.size();
    }
    const std::string_view part = body.substr(start, end - start);
    start = end + 1;
    if (part.empty()) {
      continue;  // "a=1&&b=2", a trailing '&'
    }
    if (++pairs > limits.max_pairs) {
      return form_error("too_many_parameters", "The form body has too many parameters.", {});
    }
    const size_t eq = part.find('=');
    const std::string_view raw_key = part.substr(0, eq);
    const std::string_view raw_value =
        eq == std::string_view::npos ? std::string_view() : part.substr(eq + 1);
    auto key = percent_decode(raw_key, true);
    if (!key) {
      Error e = key.error();
      // The key itself is unreadable: name it as sent, with anything outside
      // printable ASCII escaped so the param is safe to put in a JSON error.
      e.param = printable(raw_key.substr(0, 200));
      return e;
    }
    auto value = percent_decode(raw_value, true);
    if (!value) {
      Error e = value.error();
      e.param = key.value();
      return e;
    }
    auto parsed = parse_key(key.value(), limits);
    if (!parsed) {
      return parsed.error();
    }
    auto status = builder.insert(key.value(), parsed.value(), std::move(value).value());
    if (!status) {
      return status.error();
    }
  }
  return builder.take();
}

bool operator==(const FormNode& a, const FormNode& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case FormNode::Kind::string:
      return a.value == b.value;
    case FormNode::Kind::object: {
      if (a.fields.size() != b.fields.size()) return false;
      auto ib = b.fields.begin();
      for (const auto& [k, v] : a.fields) {
        if (k != ib->first || !v || !ib->second || !(*v == *ib->second)) return false;
        ++ib;
      }
      return true;
    }
    case FormNode::Kind::list:
      if (a.items.size() != b.items.size()) return false;
      for (size_t i = 0; i < a.items.size(); ++i) {
        if (!a.items[i] || !b.items[i] || !(*a.items[i] == *b.items[i])) return false;
      }
      return true;
  }
  return false;
}

FormPairs flatten_form(const FormNode& root) {
  FormPairs out;
  flatten_into(root, {}, out);
  return out;
}

}  // namespace setupflow
