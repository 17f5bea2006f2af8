#include "intent_json.hpp"

#include "setupflow/api_fields.hpp"

#include <exception>
#include <utility>
#include <variant>

namespace setupflow {
namespace {

using nlohmann::json;

const json& null_json() {
  static const json kNull;
  return kNull;
}

// True when brackets outside strings nest deeper than kMaxJsonDepth. Checked
// before parsing so hostile input cannot make the parser or the destructor
// work through a deep tree at all.
bool too_deep(std::string_view text) {
  int depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxJsonDepth) {
        return true;
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return false;
}

json string_or_null(const std::optional<std::string>& value) {
  return value ? json(*value) : json(nullptr);
}

// What a publishable key does not see of an intent (WIRE.md).
bool hidden_from_client(std::string_view key) {
  return key == "customer" || key == "mandate" || key == "metadata";
}

// A table field's JSON: its value, null for an absent optional, metadata as
// an object.
template <class T>
json field_json(const T& value) {
  return value;
}
json field_json(const std::optional<std::string>& value) { return string_or_null(value); }
json field_json(const Metadata& metadata) {
  json out = json::object();
  for (const auto& [k, v] : metadata) {
    out[k] = v;
  }
  return out;
}

json last_error_json(const std::optional<LastError>& last) {
  if (!last) {
    return nullptr;
  }
  json out = json::object();
  // Stripe omits the keys that do not apply; empty reads back as absent.
  for (const auto& field : detail::kLastErrorStrings) {
    if (const std::string& value = (*last).*field.member; !value.empty()) {
      out[std::string(field.key)] = value;
    }
  }
  return out;
}

json next_action_json(const std::optional<NextAction>& action) {
  if (!action) {
    return nullptr;
  }
  json out = json::object();
  out["type"] = action->type;
  if (action->cashapp) {
    // The plain strings from the same tables the readers use (api_fields.hpp).
    const CashappNextAction& c = *action->cashapp;
    json cashapp = json::object();
    for (const auto& field : detail::kCashappStrings) {
      cashapp[std::string(field.key)] = c.*field.member;
    }
    json qr = {{"expires_at", c.qr_code.expires_at}};
    for (const auto& field : detail::kQrCodeStrings) {
      qr[std::string(field.key)] = c.qr_code.*field.member;
    }
    cashapp["qr_code"] = std::move(qr);
    out[std::string(kCashappNextActionType)] = std::move(cashapp);
  }
  return out;
}

}  // namespace

JsonKind JsonReader::kind() const {
  switch (value_->type()) {
    case json::value_t::boolean:
      return JsonKind::boolean;
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float:
      return JsonKind::number;
    case json::value_t::string:
      return JsonKind::string;
    case json::value_t::array:
      return JsonKind::array;
    case json::value_t::object:
      return JsonKind::object;
    default:
      return JsonKind::null;  // null, discarded, binary
  }
}

bool JsonReader::as_bool() const { return value_->is_boolean() && value_->get<bool>(); }

double JsonReader::as_number() const {
  // get<double>() converts integers the way JSON.parse would (rounding past 2^53).
  return value_->is_number() ? value_->get<double>() : 0.0;
}

std::string JsonReader::as_string() const {
  return value_->is_string() ? value_->get_ref<const std::string&>() : std::string();
}

std::optional<JsonReader> JsonReader::member(std::string_view key) const {
  if (!value_->is_object()) {
    return std::nullopt;
  }
  auto it = value_->find(key);
  if (it == value_->end()) {
    return std::nullopt;
  }
  return JsonReader(*it);
}

size_t JsonReader::size() const { return value_->is_array() ? value_->size() : 0; }

JsonReader JsonReader::at(size_t index) const {
  if (!value_->is_array() || index >= value_->size()) {
    return JsonReader(null_json());
  }
  return JsonReader((*value_)[index]);
}

std::optional<json> parse_json_text(std::string_view text) {
  if (too_deep(text)) {
    return std::nullopt;
  }
  try {
    json value = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (value.is_discarded()) {
      return std::nullopt;
    }
    return value;
  } catch (const std::exception&) {
    // allow_exceptions=false covers syntax errors; this guards allocation.
    return std::nullopt;
  }
}

Result<Intent> parse_intent_json(std::string_view text, IntentKind expected) {
  std::optional<json> value = parse_json_text(text);
  if (!value) {
    return api_error("invalid_response", "the response body is not valid JSON");
  }
  return read_intent(JsonReader(*value), expected);
}

HttpResponse parse_http_response_json(uint32_t request_id, int status, std::string_view text,
                                      IntentKind expected) {
  std::optional<json> value = parse_json_text(text);
  if (!value) {
    return read_http_response<JsonReader>(request_id, status, nullptr, expected);
  }
  const JsonReader body(*value);
  return read_http_response(request_id, status, &body, expected);
}

json intent_to_json(const Intent& intent, bool client_visible) {
  const bool setup = intent.kind == IntentKind::setup;
  json out = json::object();
  out["id"] = intent.id;
  out["object"] = std::string(to_string(intent.kind));
  out["status"] = std::string(to_string(intent.status));
  out["next_action"] = next_action_json(intent.next_action);
  out[setup ? "last_setup_error" : "last_payment_error"] = last_error_json(intent.last_error);
  detail::for_each_intent_field(intent.kind, [&](const detail::IntentField& field) {
    if (client_visible && hidden_from_client(field.key)) {
      return;
    }
    std::visit([&](auto member) { out[std::string(field.key)] = field_json(intent.*member); },
               field.member);
  });
  return out;
}

}  // namespace setupflow
