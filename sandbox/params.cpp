// Strict parameter reading: every endpoint names what it accepts, and a
// parameter of the wrong shape is a 400 with Stripe's code and param.
#include "params.hpp"

#include <cctype>
#include <charconv>

namespace setupflow::sandbox {

void allow_params(const Ctx& ctx, std::initializer_list<std::string_view> allowed) {
  for (const auto& [key, _] : ctx.params.fields) {
    if (key == "expand") continue;
    bool ok = false;
    for (auto a : allowed) ok = ok || key == a;
    if (!ok) throw unknown_parameter(key);
  }
}

void refuse_unsupported(const Ctx& ctx, std::initializer_list<std::string_view> unsupported) {
  for (auto name : unsupported)
    if (ctx.params.get(name))
      throw invalid("parameter_unsupported",
                    "The sandbox does not support " + std::string(name) +
                        " on this endpoint (Stripe accepts it; see the sandbox README's list of refused parameters).",
                    std::string(name));
}

void allow_children(const FormNode* node, const std::string& prefix,
                    std::initializer_list<std::string_view> allowed) {
  if (!node) return;
  if (node->kind != FormNode::Kind::object)
    throw invalid("parameter_invalid_object", "Invalid object", prefix);
  for (const auto& [key, _] : node->fields) {
    bool ok = false;
    for (auto a : allowed) ok = ok || key == a;
    if (!ok) throw unknown_parameter(prefix + "[" + key + "]");
  }
}

const FormNode* param(const FormNode& root, std::string_view name) { return root.get(name); }

std::optional<std::string> param_string(const FormNode& root, std::string_view name,
                                        const std::string& full_name) {
  const FormNode* n = root.get(name);
  if (!n) return std::nullopt;
  if (n->kind != FormNode::Kind::string)
    throw invalid("parameter_invalid_string", "Invalid string: expected a string for " + full_name,
                  full_name);
  if (n->value.size() > 5000)
    throw invalid("parameter_invalid_string", "Invalid string: too long", full_name);
  return n->value;
}

std::optional<bool> param_bool(const FormNode& root, std::string_view name, const std::string& full_name) {
  auto s = param_string(root, name, full_name);
  if (!s) return std::nullopt;
  // Stripe reads booleans case-insensitively: python-stripe sends True/False.
  std::string lower;
  for (char c : s->substr(0, 6)) lower.push_back(char(std::tolower(static_cast<unsigned char>(c))));
  if (s->size() <= 5 && lower == "true") return true;
  if (s->size() <= 5 && lower == "false") return false;
  throw invalid("parameter_invalid_boolean", "Invalid boolean: " + s->substr(0, 40) + " (expected true or false)",
                full_name);
}

std::optional<int64_t> param_int(const FormNode& root, std::string_view name, const std::string& full_name,
                                 int64_t lo, int64_t hi) {
  auto s = param_string(root, name, full_name);
  if (!s) return std::nullopt;
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s->data(), s->data() + s->size(), v);
  if (s->empty() || ec != std::errc() || p != s->data() + s->size() || v < lo || v > hi)
    throw invalid("parameter_invalid_integer",
                  "Invalid integer: " + s->substr(0, 40) + " (expected " + std::to_string(lo) +
                      ".." + std::to_string(hi) + ")",
                  full_name);
  return v;
}

std::vector<std::string> param_string_list(const Ctx& ctx, std::string_view name) {
  std::vector<std::string> out;
  const FormNode* n = ctx.params.get(name);
  if (!n) return out;
  if (n->kind == FormNode::Kind::string) {
    if (!n->value.empty()) out.push_back(n->value);
    return out;
  }
  if (n->kind != FormNode::Kind::list)
    throw invalid("parameter_invalid_array", "Invalid array", std::string(name));
  for (const auto& item : n->items) {
    if (!item || item->kind != FormNode::Kind::string)
      throw invalid("parameter_invalid_string", "Invalid array of strings", std::string(name));
    out.push_back(item->value);
  }
  return out;
}

json param_nullable(const Ctx& ctx, std::string_view name) {
  auto v = param_string(ctx.params, name, std::string(name));
  return v && !v->empty() ? json(*v) : json();
}

json apply_metadata(const Ctx& ctx, json existing) {
  if (!existing.is_object()) existing = json::object();
  const FormNode* n = ctx.params.get("metadata");
  if (!n) return existing;
  if (n->kind == FormNode::Kind::string && n->value.empty()) return json::object();
  if (n->kind != FormNode::Kind::object) throw invalid("parameter_invalid_object", "Invalid metadata", "metadata");
  for (const auto& [k, v] : n->fields) {
    if (!v || v->kind != FormNode::Kind::string)
      throw invalid("parameter_invalid_string", "Invalid metadata value", "metadata[" + k + "]");
    if (v->value.empty()) existing.erase(k);
    else existing[k] = v->value;
  }
  if (existing.size() > 50) throw invalid("parameter_invalid_object", "At most 50 metadata keys", "metadata");
  return existing;
}

}  // namespace setupflow::sandbox
