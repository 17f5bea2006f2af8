// The MOTO contract of the hosted demo (demo_moto.hpp): the same steps,
// answers and refusals as js/server/moto.mjs, on the sandbox's API.
#include "demo_moto.hpp"

#include <cctype>
#include <cstdlib>
#include <string_view>

#include "crypto.hpp"
#include "setupflow/form_encoding.hpp"

namespace setupflow::sandbox {
namespace {

constexpr std::string_view kPrefix = "/demo/moto/";
constexpr int64_t kMaxClockSkewSeconds = 600;

// A refusal of ours (the reference server's MotoError).
struct MotoRefusal {
  int status;
  std::string code;
  std::string message;
  std::string param;
};

// An error of the API, passed on as it came.
struct ApiFailure {
  ApiReply reply;
};

MotoRefusal refuse(std::string code, std::string message, std::string param) {
  return {400, std::move(code), std::move(message), std::move(param)};
}

Response answer(const json& body, int status = 200) { return moto_answer(body, status); }

json or_null(const json& object, const char* key) {
  return object.is_object() && object.contains(key) ? object[key] : json();
}

Response refusal_answer(const MotoRefusal& e) {
  return answer({{"error",
                  {{"type", "invalid_request_error"},
                   {"code", e.code},
                   {"message", e.message},
                   {"param", e.param.empty() ? json() : json(e.param)}}}},
                e.status);
}

// Stripe's error as the reference server passes it on (a 5xx becomes 502).
Response failure_answer(const ApiFailure& e) {
  const json error = or_null(e.reply.body, "error");
  const json type = or_null(error, "type");
  return answer({{"error",
                  {{"type", type.is_string() ? type : json("api_error")},
                   {"code", or_null(error, "code")},
                   {"decline_code", or_null(error, "decline_code")},
                   {"message", or_null(error, "message")},
                   {"param", or_null(error, "param")}}}},
                e.reply.status >= 400 && e.reply.status < 500 ? e.reply.status : 502);
}

// "<prefix>_" then 1 to 250 of [A-Za-z0-9_], as the reference server checks.
bool id_ok(const json& value, std::string_view prefix) {
  if (!value.is_string()) return false;
  const std::string& s = value.get_ref<const std::string&>();
  if (s.size() <= prefix.size() || s.size() > prefix.size() + 250 || s.compare(0, prefix.size(), prefix) != 0)
    return false;
  for (size_t i = prefix.size(); i < s.size(); ++i)
    if (!(std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '_')) return false;
  return true;
}

std::string id_or_refuse(const json& value, std::string_view prefix, const std::string& param, const std::string& what) {
  if (!id_ok(value, prefix)) throw refuse("parameter_invalid", param + " must be " + what + ".", param);
  return value.get<std::string>();
}

json public_reader(const json& reader) {
  const json& action = reader["action"];
  json location = or_null(reader, "location");
  if (location.is_object()) location = or_null(location, "id");
  json out = {{"id", reader["id"]},
              {"label", or_null(reader, "label")},
              {"status", or_null(reader, "status")},
              {"device_type", or_null(reader, "device_type")},
              {"location", location.is_string() ? location : json()},
              {"action", nullptr}};
  if (action.is_object()) {
    out["action"] = {{"type", or_null(action, "type")},
                     {"status", or_null(action, "status")},
                     {"failure_code", or_null(action, "failure_code")},
                     {"failure_message", or_null(action, "failure_message")},
                     {"setup_intent", or_null(or_null(action, "process_setup_intent"), "setup_intent")}};
  }
  return out;
}

json public_setup_intent(const json& si) {
  const json& error = si["last_setup_error"];
  json out = {{"id", si["id"]}, {"status", si["status"]}, {"last_setup_error", nullptr}};
  if (error.is_object())
    out["last_setup_error"] = {{"code", or_null(error, "code")},
                               {"decline_code", or_null(error, "decline_code")},
                               {"message", or_null(error, "message")}};
  return out;
}

json public_card(const json& pm) {
  if (!pm.is_object() || !pm["card"].is_object()) return nullptr;
  const json& card = pm["card"];
  return {{"id", pm["id"]},
          {"brand", or_null(card, "brand")},
          {"last4", or_null(card, "last4")},
          {"exp_month", or_null(card, "exp_month")},
          {"exp_year", or_null(card, "exp_year")},
          {"allow_redisplay", or_null(pm, "allow_redisplay")}};
}

// The consent record as <setupflow-moto> sends it, checked field by field
// exactly as the reference server's checkConsent.
json check_consent(const json& consent, const std::string& customer, int64_t now) {
  if (!consent.is_object()) throw refuse("consent_missing", "The consent record is required.", "consent");
  auto text = [&](const char* name) {
    const json v = or_null(consent, name);
    if (!v.is_string() || v.get_ref<const std::string&>().empty())
      throw refuse("consent_invalid", std::string("consent.") + name + " must be a non-empty string.",
                   std::string("consent[") + name + "]");
    return v.get<std::string>();
  };
  json record = {{"terms_version", text("terms_version")}, {"locale", text("locale")},
                 {"text", text("text")},                   {"customer", text("customer")},
                 {"agent", text("agent")},                 {"channel", text("channel")},
                 {"allow_redisplay", text("allow_redisplay")}};
  if (record["customer"] != customer)
    throw refuse("consent_invalid", "The consent record names another customer.", "consent[customer]");
  if (record["agent"] != DemoMoto::kAgent)
    throw refuse("consent_invalid", "The consent record names another agent than the one signed in.", "consent[agent]");
  if (record["channel"] != "telephone" && record["channel"] != "mail")
    throw refuse("consent_invalid", "consent.channel must be \"telephone\" or \"mail\".", "consent[channel]");
  if (record["allow_redisplay"] != "always" && record["allow_redisplay"] != "limited")
    throw refuse("consent_invalid", "consent.allow_redisplay must be \"always\" or \"limited\".",
                 "consent[allow_redisplay]");
  const json at = or_null(consent, "accepted_at");
  if (!at.is_number_integer() || std::llabs(now - at.get<int64_t>()) > kMaxClockSkewSeconds)
    throw refuse("consent_invalid",
                 "consent.accepted_at must be the time of the agreement (Unix seconds, within ten minutes of now).",
                 "consent[accepted_at]");
  record["accepted_at"] = at;
  return record;
}

// The same keys as the core's moto_consent_metadata().
FormPairs consent_metadata(const json& record) {
  auto text = [&](const char* name) { return record[name].get<std::string>(); };
  return {{"metadata[consent_terms_version]", text("terms_version")},
          {"metadata[consent_locale]", text("locale")},
          {"metadata[consent_channel]", text("channel")},
          {"metadata[consent_agent]", text("agent")},
          {"metadata[consent_accepted_at]", std::to_string(record["accepted_at"].get<int64_t>())},
          {"metadata[consent_allow_redisplay]", text("allow_redisplay")}};
}

bool is_json(const std::string& content_type) {
  constexpr std::string_view kJson = "application/json";
  if (content_type.size() < kJson.size()) return false;
  for (size_t i = 0; i < kJson.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(content_type[i])) != kJson[i]) return false;
  // \b in the reference server's /^application\/json\b/i: not a longer word.
  return content_type.size() == kJson.size() ||
         !(std::isalnum(static_cast<unsigned char>(content_type[kJson.size()])) || content_type[kJson.size()] == '_');
}

std::vector<std::string> segments(std::string_view path) {
  std::vector<std::string> parts;
  size_t i = 0;
  while (i < path.size()) {
    size_t end = path.find('/', i);
    if (end == std::string_view::npos) end = path.size();
    if (end > i) parts.emplace_back(path.substr(i, end - i));
    i = end + 1;
  }
  return parts;
}

}  // namespace

Response moto_answer(const json& body, int status) {
  Response r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  r.set_header("Cache-Control", "no-store");
  return r;
}

bool DemoMoto::handles(const std::string& path) { return path.rfind(kPrefix, 0) == 0; }

json DemoMoto::call(const std::string& method, const std::string& path, const std::string& form,
                    const std::string& idempotency_key) {
  ApiReply reply = api_(method, path, form, idempotency_key);
  if (reply.status != 200) throw ApiFailure{std::move(reply)};
  return std::move(reply.body);
}

json DemoMoto::own_reader(const json& id) {
  const std::string reader_id = id_or_refuse(id, "tmr_", "reader", "a reader id (\"tmr_…\")");
  json reader = call("GET", "/v1/terminal/readers/" + reader_id);
  if (reader.value("deleted", false) || or_null(reader, "location") != json(location()))
    throw MotoRefusal{404, "resource_missing", "No such reader.", "reader"};
  return reader;
}

// Only MOTO setups (the consent metadata) this session started.
json DemoMoto::own_setup_intent(const std::string& id, const std::string& session) {
  const std::string si_id = id_or_refuse(id, "seti_", "setup_intent", "a SetupIntent id (\"seti_…\")");
  json si = call("GET", "/v1/setup_intents/" + si_id + "?expand%5B0%5D=payment_method");
  if (!or_null(or_null(si, "metadata"), "consent_terms_version").is_string() || !sessions_.owns_intent(session, si_id))
    throw MotoRefusal{404, "resource_missing", "No such MOTO setup.", "setup_intent"};
  return si;
}

json DemoMoto::list_readers() {
  json list = call("GET", "/v1/terminal/readers?limit=100&location=" + percent_encode(location()));
  json readers = json::array();
  for (const json& r : list.value("data", json::array())) readers.push_back(public_reader(r));
  return {{"readers", readers}};
}

json DemoMoto::start_setup(const Request& request, const json& body, const std::string& session) {
  const std::string key = request.header("idempotency-key");
  if (key.empty() || key.size() > 200)
    throw refuse("idempotency_key_missing",
                 "POST /setups needs an Idempotency-Key header (1–200 characters), the same on every retry of one "
                 "start.",
                 "Idempotency-Key");
  const std::string customer = id_or_refuse(or_null(body, "customer"), "cus_", "customer", "a Customer id (\"cus_…\")");
  const json reader = own_reader(or_null(body, "reader"));
  const json record = check_consent(or_null(body, "consent"), customer, now_());
  // The keys sent on are this session's: two agents' consoles never share a start.
  const std::string scoped = "demo-moto:" + sha256_hex(session).substr(0, 16) + ":" + key;
  FormPairs create = {{"customer", customer}, {"payment_method_types[0]", "card"}, {"usage", "off_session"}};
  for (auto& pair : consent_metadata(record)) create.push_back(std::move(pair));
  const json si = call("POST", "/v1/setup_intents", encode_form(create), scoped + ":setup_intent");
  const std::string si_id = si["id"];
  sessions_.remember_intent(session, si_id);
  // Kept once the API has taken the start (its SetupIntent made, or the same
  // one replayed) and still before the reader asks for a card: a retry under
  // the key with another customer or consent is refused above and leaves the
  // start's record as it was, not replaced by one its SetupIntent never had.
  consents_.record(scoped, record, now_());
  consents_.link(scoped, si_id);
  json processing;
  try {
    processing = call("POST", "/v1/terminal/readers/" + reader["id"].get<std::string>() + "/process_setup_intent",
                      encode_form({{"setup_intent", si_id},
                                   {"allow_redisplay", record["allow_redisplay"].get<std::string>()},
                                   {"process_config[moto]", "true"}}),
                      scoped + ":process");
  } catch (const ApiFailure&) {
    // Busy, offline, …: no card will come for this SetupIntent, so none is
    // left waiting. The next Start is a new action with a new key.
    api_("POST", "/v1/setup_intents/" + si_id + "/cancel", "", scoped + ":cancel");
    throw;
  }
  return {{"setup_intent", public_setup_intent(si)}, {"reader", public_reader(processing)}, {"card", nullptr}};
}

json DemoMoto::watch_setup(const std::string& setup_intent, const std::string& reader, const std::string& session) {
  // Both ids are checked before either is fetched, as the reference server's
  // Promise.all does.
  id_or_refuse(setup_intent, "seti_", "setup_intent", "a SetupIntent id (\"seti_…\")");
  id_or_refuse(reader.empty() ? json() : json(reader), "tmr_", "reader", "a reader id (\"tmr_…\")");
  // The reader first: a card keyed on the screen is processed when the
  // reader is next read, so the SetupIntent read after it is never older.
  const json r = own_reader(reader);
  const json si = own_setup_intent(setup_intent, session);
  return {{"setup_intent", public_setup_intent(si)}, {"reader", public_reader(r)}, {"card", public_card(si["payment_method"])}};
}

json DemoMoto::cancel_setup(const std::string& setup_intent, const json& body, const std::string& session) {
  const json si = own_setup_intent(setup_intent, session);
  json reader = own_reader(or_null(body, "reader"));
  const json& action = reader["action"];
  if (action.is_object() && or_null(or_null(action, "process_setup_intent"), "setup_intent") == si["id"] &&
      action["status"] == "in_progress")
    reader = call("POST", "/v1/terminal/readers/" + reader["id"].get<std::string>() + "/cancel_action");
  const bool over = si["status"] == "succeeded" || si["status"] == "canceled";
  const json canceled = over ? si : call("POST", "/v1/setup_intents/" + si["id"].get<std::string>() + "/cancel");
  return {{"setup_intent", public_setup_intent(canceled)},
          {"reader", public_reader(reader)},
          {"card", public_card(si["payment_method"])}};
}

Response DemoMoto::handle(const Request& request, const std::string& session) {
  try {
    if (session.empty()) throw MotoRefusal{401, "not_signed_in", "Sign in as an agent first.", ""};
    const bool post = request.method == "POST";
    if (post && !is_json(request.header("content-type")))
      throw MotoRefusal{415, "json_required", "POST bodies must be JSON (Content-Type: application/json).", ""};
    if (request.body.size() > kMaxBodyBytes) throw MotoRefusal{413, "body_too_large", "The body is too large.", ""};
    json body;
    if (!request.body.empty()) {
      body = json::parse(request.body, nullptr, false);
      if (body.is_discarded()) throw MotoRefusal{400, "json_invalid", "The body is not JSON.", ""};
    }
    const std::vector<std::string> parts = segments(std::string_view(request.path).substr(kPrefix.size()));
    auto form = decode_form(request.query);
    const FormNode* reader = form ? form->get("reader") : nullptr;
    const std::string reader_id = reader && reader->kind == FormNode::Kind::string ? reader->value : "";
    if (!post && request.method == "GET" && parts.size() == 1 && parts[0] == "readers") return answer(list_readers());
    if (post && parts.size() == 1 && parts[0] == "setups") return answer(start_setup(request, body, session));
    if (request.method == "GET" && parts.size() == 2 && parts[0] == "setups")
      return answer(watch_setup(parts[1], reader_id, session));
    if (post && parts.size() == 3 && parts[0] == "setups" && parts[2] == "cancel")
      return answer(cancel_setup(parts[1], body, session));
    throw MotoRefusal{404, "route_unknown", "No route " + request.method + " " + request.path.substr(5) + ".", ""};
  } catch (const MotoRefusal& e) {
    return refusal_answer(e);
  } catch (const ApiFailure& e) {
    return failure_answer(e);
  }
}

}  // namespace setupflow::sandbox
