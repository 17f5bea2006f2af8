// The embind surface of setupflow: values in, values out (STYLE.md, the
// zxing-wasm pattern). No class_ handles cross into JS, so the page never has
// to call .delete(); live confirm flows stay in a registry here, keyed by a
// uint32 id, and are erased when they finish or when the shim destroys them.
//
// Errors cross as plain objects in Stripe's shape {type, code, message, param}.
// The core is built with -fno-exceptions and reports every expected failure as
// a Result, so there is no C++ exception to catch at this boundary; the only
// way out of an entry point other than a return is a JavaScript exception
// raised by an emscripten::val operation, which cannot happen for the plain
// JSON.parse values and strings the shim hands over (see val_reader.hpp).
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <variant>

#include "setupflow/client_secret.hpp"
#include "setupflow/confirm_flow.hpp"
#include "setupflow/consent.hpp"
#include "setupflow/intent_reader.hpp"
#include "setupflow/qr.hpp"
#include "setupflow/redirect.hpp"
#include "val_reader.hpp"

namespace setupflow::wasm {
namespace {

using emscripten::val;

// ---- reading plain JS values (the shim has type-checked them) -------------------

std::string str_of(const val& obj, const char* key) {
  const val v = obj[key];
  return v.isString() ? v.as<std::string>() : std::string();
}

bool bool_of(const val& obj, const char* key, bool fallback) {
  const val v = obj[key];
  if (v.isTrue()) return true;
  if (v.isFalse()) return false;
  return fallback;
}

IntentKind kind_of(const std::string& text) { return text == "payment" ? IntentKind::payment : IntentKind::setup; }

const char* kind_name(IntentKind kind) { return kind == IntentKind::payment ? "payment" : "setup"; }

// ---- writing plain JS values ---------------------------------------------------------

void set_if(val& obj, const char* key, const std::string& text) {
  if (!text.empty()) obj.set(key, text);
}

val error_value(const Error& e) {
  val out = val::object();
  out.set("type", std::string(to_string(e.type)));
  set_if(out, "code", e.code);
  out.set("message", e.message);
  set_if(out, "param", e.param);
  set_if(out, "decline_code", e.decline_code);
  set_if(out, "doc_url", e.doc_url);
  if (e.http_status != 0) out.set("statusCode", e.http_status);
  return out;
}

val error_result(const Error& e) {
  val out = val::object();
  out.set("error", error_value(e));
  return out;
}

// The intent as the core decided on it. The shim already holds the full body
// it parsed (with every field Stripe sent, known or not), so only what it
// needs to match and report crosses back.
val intent_summary(const Intent& in) {
  val out = val::object();
  out.set("id", in.id);
  out.set("kind", std::string(kind_name(in.kind)));
  out.set("status", std::string(to_string(in.status)));
  return out;
}

struct EffectWriter {
  val operator()(const SendRequest& r) const {
    val out = val::object();
    out.set("type", std::string("send"));
    out.set("requestId", r.request_id);
    out.set("method", r.method);
    out.set("url", r.url);
    val headers = val::object();
    for (const auto& [name, value] : r.headers) headers.set(name, value);
    out.set("headers", headers);
    if (!r.body.empty()) out.set("body", r.body);
    set_if(out, "idempotencyKey", r.idempotency_key);
    return out;
  }
  val operator()(const ShowQr& q) const {
    val out = val::object();
    out.set("type", std::string("showQr"));
    out.set("data", q.data);
    out.set("svgPath", q.svg_path);
    out.set("size", q.size);
    out.set("expiresAtMs", static_cast<double>(q.expires_at_ms));
    out.set("hostedInstructionsUrl", q.hosted_instructions_url);
    out.set("mobileAuthUrl", q.mobile_auth_url);
    out.set("imageUrlSvg", q.image_url_svg);
    out.set("refreshCount", q.refresh_count);
    return out;
  }
  val operator()(const HideQr&) const {
    val out = val::object();
    out.set("type", std::string("hideQr"));
    return out;
  }
  val operator()(const Navigate& n) const {
    val out = val::object();
    out.set("type", std::string("navigate"));
    out.set("url", n.url);
    return out;
  }
  val operator()(const ScheduleWake& w) const {
    val out = val::object();
    out.set("type", std::string("wake"));
    out.set("timerId", w.timer_id);
    out.set("delayMs", static_cast<double>(w.delay_ms));
    return out;
  }
  val operator()(const CancelTimer& c) const {
    val out = val::object();
    out.set("type", std::string("cancelTimer"));
    out.set("timerId", c.timer_id);
    return out;
  }
  val operator()(const Finish& f) const {
    val out = val::object();
    out.set("type", std::string("finish"));
    out.set("intent", f.intent ? intent_summary(*f.intent) : val::null());
    out.set("error", f.error ? error_value(*f.error) : val::null());
    return out;
  }
};

// ---- the flow registry ------------------------------------------------------------------

struct LiveFlow {
  ConfirmFlow flow;
  IntentKind kind;
};

std::map<uint32_t, LiveFlow>& flows() {
  static std::map<uint32_t, LiveFlow> registry;
  return registry;
}
uint32_t next_flow_id = 1;

// Converts the effects and forgets the flow once it has finished (or
// navigated away): nothing else can happen to it.
val effects_value(uint32_t id, Effects effects) {
  val out = val::array();
  unsigned i = 0;
  for (const Effect& e : effects) out.set(i++, std::visit(EffectWriter{}, e));
  auto it = flows().find(id);
  if (it != flows().end() && it->second.flow.finished()) flows().erase(it);
  return out;
}

ConfirmFlow* find_flow(uint32_t id) {
  auto it = flows().find(id);
  return it == flows().end() ? nullptr : &it->second.flow;
}

int64_t ms(double now_ms) {
  // Clocks are finite and far inside int64; anything else reads as 0.
  return (now_ms > -9.0e15 && now_ms < 9.0e15) ? static_cast<int64_t>(now_ms) : 0;
}

// ---- entry points ----------------------------------------------------------------------

// config: {publishableKey, apiBase}; params: {operation: "confirm" |
// "handle_next_action" | "retrieve", kind: "setup" | "payment", clientSecret,
// returnUrl, paymentMethod, handleActions, expandPaymentMethod,
// device: "desktop" | "mobile", idempotencyKey}.
// → {flowId} | {error}; an error means no flow exists and nothing was sent.
val flow_create(val config, val params) {
  FlowConfig c;
  c.publishable_key = str_of(config, "publishableKey");
  c.api_base = str_of(config, "apiBase");
  FlowParams p;
  const std::string op = str_of(params, "operation");
  p.operation = op == "retrieve"             ? FlowOperation::retrieve
                : op == "handle_next_action" ? FlowOperation::handle_next_action
                                             : FlowOperation::confirm;
  p.expected_kind = kind_of(str_of(params, "kind"));
  p.client_secret = str_of(params, "clientSecret");
  p.return_url = str_of(params, "returnUrl");
  p.payment_method = str_of(params, "paymentMethod");
  p.handle_actions = bool_of(params, "handleActions", true);
  p.expand_payment_method = bool_of(params, "expandPaymentMethod", false);
  p.device = str_of(params, "device") == "mobile" ? Device::mobile : Device::desktop;
  p.idempotency_key = str_of(params, "idempotencyKey");
  const IntentKind kind = p.expected_kind;
  Result<ConfirmFlow> made = ConfirmFlow::create(std::move(c), std::move(p));
  if (!made) return error_result(made.error());
  const uint32_t id = next_flow_id++;
  flows().emplace(id, LiveFlow{std::move(made).value(), kind});
  val out = val::object();
  out.set("flowId", id);
  return out;
}

val flow_start(uint32_t id, double now_ms) {
  ConfirmFlow* f = find_flow(id);
  return f ? effects_value(id, f->start(ms(now_ms))) : val::array();
}

// body: the JSON.parse result, or null when the body was empty or not JSON.
val flow_response(uint32_t id, uint32_t request_id, int status, val body, double now_ms) {
  auto it = flows().find(id);
  if (it == flows().end()) return val::array();
  const ValReader reader(body);
  const bool has_body = !(body.isNull() || body.isUndefined());
  const HttpResponse response =
      read_http_response(request_id, status, has_body ? &reader : nullptr, it->second.kind);
  return effects_value(id, it->second.flow.on_response(response, ms(now_ms)));
}

val flow_network_failure(uint32_t id, uint32_t request_id, double now_ms) {
  ConfirmFlow* f = find_flow(id);
  return f ? effects_value(id, f->on_network_failure(request_id, ms(now_ms))) : val::array();
}

val flow_timer(uint32_t id, uint32_t timer_id, double now_ms) {
  ConfirmFlow* f = find_flow(id);
  return f ? effects_value(id, f->on_timer(timer_id, ms(now_ms))) : val::array();
}

val flow_visibility(uint32_t id, bool visible, double now_ms) {
  ConfirmFlow* f = find_flow(id);
  return f ? effects_value(id, f->on_visibility(visible, ms(now_ms))) : val::array();
}

val flow_cancel(uint32_t id, double now_ms) {
  ConfirmFlow* f = find_flow(id);
  return f ? effects_value(id, f->on_cancel(ms(now_ms))) : val::array();
}

// Forgets a flow without effects (the page went away, or the shim gave up).
void flow_destroy(uint32_t id) { flows().erase(id); }

// Live flows, for leak checks in tests.
uint32_t flow_count() { return static_cast<uint32_t>(flows().size()); }

// → null when the key is a well-formed publishable key, else the error.
val check_publishable_key(std::string key) {
  const Status s = validate_publishable_key(key);
  return s ? val::null() : error_value(s.error());
}

// kind: "setup" | "payment" | "" (either). → {kind, intentId} | {error}.
val parse_secret(std::string text, std::string kind) {
  const Result<ClientSecret> r =
      kind.empty() ? parse_client_secret(text) : parse_client_secret_of_kind(text, kind_of(kind));
  if (!r) return error_result(r.error());
  val out = val::object();
  out.set("kind", std::string(kind_name(r->kind)));
  out.set("intentId", r->intent_id);
  return out;
}

// → null when safe, else the error.
val check_return_url(std::string url) {
  const Status s = validate_return_url(url);
  return s ? val::null() : error_value(s.error());
}

// → {kind, intentId, clientSecret, redirectStatus, redirectPmType} | {error}.
val return_params(std::string url) {
  const Result<ReturnParams> r = parse_return_url(url);
  if (!r) return error_result(r.error());
  val out = val::object();
  out.set("kind", std::string(kind_name(r->kind)));
  out.set("intentId", r->intent_id);
  out.set("clientSecret", r->client_secret);
  out.set("redirectStatus", r->redirect_status);
  out.set("redirectPmType", r->redirect_pm_type);
  return out;
}

// → {size, path} (path for a viewBox of size + 8) | {error}.
val qr_path(std::string data) {
  const Result<QrMatrix> m = encode_qr(data);
  if (!m) return error_result(m.error());
  val out = val::object();
  out.set("size", m->size());
  out.set("path", qr_svg_path(*m));
  return out;
}

// mode: "setup" | "payment". → {locale, version, text, html}.
val consent_text(std::string locale, std::string merchant, std::string mode) {
  const ConsentText t = cashapp_consent(locale, merchant,
                                        mode == "payment" ? ConsentMode::payment_with_future_usage : ConsentMode::setup);
  val out = val::object();
  out.set("locale", t.locale);
  out.set("version", t.version);
  out.set("text", t.text);
  out.set("html", t.html);
  return out;
}

std::string locale_of(std::string requested) { return resolve_locale(requested); }

}  // namespace
}  // namespace setupflow::wasm

EMSCRIPTEN_BINDINGS(setupflow) {
  using namespace setupflow::wasm;
  emscripten::function("flowCreate", &flow_create);
  emscripten::function("flowStart", &flow_start);
  emscripten::function("flowResponse", &flow_response);
  emscripten::function("flowNetworkFailure", &flow_network_failure);
  emscripten::function("flowTimer", &flow_timer);
  emscripten::function("flowVisibility", &flow_visibility);
  emscripten::function("flowCancel", &flow_cancel);
  emscripten::function("flowDestroy", &flow_destroy);
  emscripten::function("flowCount", &flow_count);
  emscripten::function("checkPublishableKey", &check_publishable_key);
  emscripten::function("parseClientSecret", &parse_secret);
  emscripten::function("checkReturnUrl", &check_return_url);
  emscripten::function("parseReturnUrl", &return_params);
  emscripten::function("qrPath", &qr_path);
  emscripten::function("consentText", &consent_text);
  emscripten::function("resolveLocale", &locale_of);
}
