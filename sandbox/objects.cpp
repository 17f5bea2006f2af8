#include "objects.hpp"
#include "webhook_signing.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <cctype>
#include <charconv>
#include <chrono>

namespace setupflow::sandbox {

int64_t SystemEnv::wall_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string SystemEnv::random_alnum(size_t n) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  // RAND_bytes costs a lock and a DRBG call each time: draw 1 KiB per thread
  // at a time and hand it out (still OpenSSL's CSPRNG output, used once).
  thread_local unsigned char buf[1024];
  thread_local size_t used = sizeof buf;
  std::string out;
  out.reserve(n);
  while (out.size() < n) {
    if (used == sizeof buf) {
      if (RAND_bytes(buf, sizeof buf) != 1) throw std::runtime_error("RAND_bytes failed");
      used = 0;
    }
    unsigned char c = buf[used++];
    if (c >= 248) continue;  // 248 = 4 * 62: reject to stay uniform
    out.push_back(kAlphabet[c % 62]);
  }
  return out;
}

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

json load(Ctx& ctx, const std::string& id, std::string_view object, const std::string& what,
          const std::string& param_name) {
  auto obj = ctx.store.get(id);
  if (!obj || !obj->is_object() || obj->value("object", "") != object)
    throw missing_resource(what, id, param_name);
  return std::move(*obj);
}

void save(Ctx& ctx, const json& obj, const std::string& owner) {
  ctx.store.put(obj.at("id").get<std::string>(), obj.at("object").get<std::string>(), owner,
                obj.value("created", int64_t(0)), obj);
}

namespace {
void strip_private(json& obj) {
  if (!obj.is_object()) return;
  for (auto it = obj.begin(); it != obj.end();) {
    if (!it.key().empty() && it.key()[0] == '_') it = obj.erase(it);
    else ++it;
  }
}
}  // namespace

void check_expand(const Ctx& ctx) {
  const FormNode* n = ctx.params.get("expand");
  if (!n) return;
  std::vector<std::string> paths;
  if (n->kind == FormNode::Kind::string) paths.push_back(n->value);
  else if (n->kind == FormNode::Kind::list)
    for (const auto& item : n->items) {
      if (!item || item->kind != FormNode::Kind::string)
        throw invalid("parameter_invalid_string", "Invalid array of strings", "expand");
      paths.push_back(item->value);
    }
  else throw invalid("parameter_invalid_array", "Invalid array", "expand");
  for (const auto& path : paths) {
    const bool known = path == "payment_method" || path == "customer" || path == "mandate" || path == "latest_attempt";
    if (!known || (ctx.publishable && path != "payment_method"))
      throw invalid("parameter_unsupported",
                    "This property cannot be expanded (" + path.substr(0, 80) + "). The sandbox expands " +
                        (ctx.publishable ? "payment_method with a publishable key."
                                         : "payment_method, customer, mandate and latest_attempt, one level deep."),
                    "expand");
  }
}

json render(Ctx& ctx, json obj) {
  strip_private(obj);
  if (ctx.publishable) {
    for (const char* k : {"customer", "mandate", "metadata", "latest_attempt", "latest_charge"})
      obj.erase(k);
  }
  for (const auto& path : param_string_list(ctx, "expand")) {
    if (ctx.publishable && path != "payment_method") continue;
    if (!obj.contains(path) || !obj[path].is_string()) continue;
    if (auto child = ctx.store.get(obj[path].get<std::string>())) {
      strip_private(*child);
      obj[path] = std::move(*child);
    }
  }
  return obj;
}

Response json_response(const json& body, int status) {
  Response r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  return r;
}

json list_object(const std::string& url, const std::vector<json>& data) {
  return json{{"object", "list"}, {"data", data}, {"has_more", false}, {"url", url}};
}

int64_t sandbox_now(Store& store, Env& env) {
  int64_t offset = 0;
  if (auto v = store.meta_get("clock_offset")) {
    auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), offset);
    if (ec != std::errc()) offset = 0;
  }
  return env.wall_now() + offset;
}

std::string jstr(const json& obj, const char* key) {
  if (!obj.is_object()) return {};
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string sha256_hex(std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr);
  return hex_encode(md, len);
}

bool secure_equals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string html_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

}  // namespace setupflow::sandbox
