// Loading, saving and showing objects: the caller's view of a stored object
// (private "_" fields removed, the publishable key's subset, expand[]).
#include "render.hpp"

#include "params.hpp"

namespace setupflow::sandbox {

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

json without_private(json obj) {
  strip_private(obj);
  return obj;
}

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

std::string jstr(const json& obj, const char* key) {
  if (!obj.is_object()) return {};
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
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
