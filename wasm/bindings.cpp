// The embind surface of setupflow: values in, values out (STYLE.md, the
// zxing-wasm pattern). No class_ handles cross into JS, so the page never has
// to call .delete(); live flows stay in a registry here, keyed by a uint32
// id, and are erased when they finish or when the shim destroys them.
//
// Flows are made and driven by name: flowCreate(kind, config, params) and
// flowInput(id, input, now) take plain objects, read through the val reader
// (val_reader.hpp) by the core's mappings (flow_params_reader.hpp), so every
// unknown or ill-typed value comes back as a typed integration_error. Flow
// results are objects: JSON text written here (json_out.hpp) and parsed once
// in JavaScript (sf_result). The other entry points return JSON text the shim
// parses. Errors are in Stripe's shape {type, code, message, param}.
//
// Only what the shim uses is bound: every export keeps its code in the wasm,
// and the size budget is tight (the standalone QR encoder is not bound; the
// consent texts are, for the drop-in element).
//
// Exceptions: the core and these bindings are built with -fno-exceptions; the
// core reports every expected failure as a Result, so there is no C++
// exception to catch at this boundary ("every entry point catches
// everything" holds trivially). The only way out of an entry point other than
// a return would be a JavaScript exception thrown inside the reader's small
// JavaScript helpers (val_reader.cpp), which only read own data properties of
// JSON.parse results: plain objects with no getters or proxies.
#include <emscripten/bind.h>
#include <emscripten/em_js.h>
#include <emscripten/emscripten.h>
#include <emscripten/val.h>

#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "setupflow/client_secret.hpp"
#include "setupflow/cashapp_confirm.hpp"
#include "setupflow/consent.hpp"
#include "setupflow/flow_params_reader.hpp"
#include "setupflow/response_reader.hpp"
#include "setupflow/qr.hpp"
#include "setupflow/redirect.hpp"
#include "json_out.hpp"
#include "val_reader.hpp"

using emscripten::EM_VAL;

// JSON text → the object it encodes; `object` (when not null) becomes the
// last effect's `object`: the Finish effect's final object, the API's body as
// JSON.parse made it. Quoted names: Closure must not rename them.
EM_JS(EM_VAL, sf_result, (const char* json, size_t length, EM_VAL object), {
  var result = JSON.parse(UTF8ToString(json, length));
  var value = Emval.toValue(object);
  if (value !== null) {
    var effects = result['effects'];
    effects[effects.length - 1]['object'] = value;
  }
  return Emval.toHandle(result);
});

namespace setupflow::wasm {
namespace {

using emscripten::val;

IntentKind kind_of(const std::string& text) { return text == "payment" ? IntentKind::payment : IntentKind::setup; }

const char* kind_name(IntentKind kind) { return kind == IntentKind::payment ? "payment" : "setup"; }

// ---- writing results -------------------------------------------------------------------

void write_error(JsonOut& out, const Error& e) {
  out.open_object().member("type", to_string(e.type)).member_if("code", e.code).member("message", e.message);
  out.member_if("param", e.param).member_if("decline_code", e.decline_code).member_if("doc_url", e.doc_url);
  if (e.http_status != 0) out.member_int("statusCode", e.http_status);
  out.close_object();
}

std::string error_result(const Error& e) {
  JsonOut out;
  out.open_object().key("error");
  write_error(out, e);
  return out.close_object().take();
}

// "" for success, else the error object.
std::string status_result(const Status& s) {
  if (s) return std::string();
  JsonOut out;
  write_error(out, s.error());
  return out.take();
}

struct EffectWriter {
  JsonOut& out;
  void operator()(const SendRequest& r) const {
    out.open_object().member("type", "send").member_int("requestId", r.request_id).member("method", r.method);
    out.member("url", r.url).key("headers").open_object();
    for (const auto& [name, value] : r.headers) out.member(name, value);
    out.close_object().member_if("body", r.body).member_if("idempotencyKey", r.idempotency_key).close_object();
  }
  void operator()(const Present& p) const {
    const QrPresentation& q = p.qr;  // Present::Kind::qr, the one presentation so far
    out.open_object().member("type", "present").member("data", q.data);
    out.member("svgPath", q.svg_path).member_int("size", q.size).member_int("expiresAtMs", q.expires_at_ms);
    out.member("hostedInstructionsUrl", q.hosted_instructions_url).member("mobileAuthUrl", q.mobile_auth_url);
    out.member("imageUrlSvg", q.image_url_svg).member_int("refreshCount", q.refresh_count).close_object();
  }
  void operator()(const Dismiss&) const { out.open_object().member("type", "dismiss").close_object(); }
  void operator()(const Navigate& n) const {
    out.open_object().member("type", "navigate").member("url", n.url).close_object();
  }
  void operator()(const ScheduleWake& w) const {
    out.open_object().member("type", "wake").member_int("timerId", w.timer_id).member_int("delayMs", w.delay_ms);
    out.close_object();
  }
  void operator()(const CancelTimer& c) const {
    out.open_object().member("type", "cancelTimer").member_int("timerId", c.timer_id).close_object();
  }
  void operator()(const Finish& f) const {
    // "object" stays null here: sf_result puts the API's body there, which the
    // registry kept (effects_result).
    out.open_object().member("type", "finish").member("outcome", to_string(f.outcome));
    out.key("object").null().key("error");
    if (f.error) {
      write_error(out, *f.error);
    } else {
      out.null();
    }
    out.close_object();
  }
};

// ---- the flow registry ------------------------------------------------------------------

struct LiveFlow {
  uint32_t id;
  CashappConfirm flow;
  IntentKind kind;
  LiveFlow* next;
  // The last awaited 2xx answer's body (a JSON.parse result): the one a
  // Finish intent was read from (effects.hpp), handed out as its object.
  val body = val::null();
};

// A page runs one or two flows at a time, so a singly linked list searched
// linearly is enough: smaller in the wasm than std::map's tree code, and than
// a vector's growth path (which moves every flow when it reallocates).
LiveFlow* live_flows = nullptr;
uint32_t next_flow_id = 1;

LiveFlow* find_live(uint32_t id) {
  for (LiveFlow* f = live_flows; f; f = f->next) {
    if (f->id == id) return f;
  }
  return nullptr;
}

void erase_flow(uint32_t id) {
  for (LiveFlow** link = &live_flows; *link; link = &(*link)->next) {
    if ((*link)->id == id) {
      LiveFlow* gone = *link;
      *link = gone->next;
      delete gone;
      return;
    }
  }
}

val parse_result(const std::string& json, const val& object) {
  return val::take_ownership(sf_result(json.data(), json.size(), object.as_handle()));
}

int64_t ms(double now_ms) {
  // Clocks are finite and far inside int64; anything else reads as 0.
  return (now_ms > -9.0e15 && now_ms < 9.0e15) ? static_cast<int64_t>(now_ms) : 0;
}

// Reads `value` with `read` (a core mapping over a Reader) in a scope of its
// own: one val scope may be live at a time.
template <class Read>
auto read_val(const val& value, Read&& read) {
  const ValScope scope(value);
  return read(scope.root());
}

val error_value(const Error& e) { return parse_result(error_result(e), val::null()); }

// Writes the effects as {effects: [...]}, with the final object (the kept
// body) in a Finish effect, and forgets the flow (`live` is then gone) once it
// has finished or navigated away: nothing else can happen to it.
val effects_result(LiveFlow& live, const Effects& effects) {
  JsonOut out;
  out.open_object().key("effects").open_array();
  // A chain of get_if: smaller in the wasm than std::visit's dispatch table
  // (measured 73 bytes gzip). The assert keeps it complete.
  static_assert(std::variant_size_v<Effect> == 7, "write the new effect below");
  const EffectWriter w{out};
  val object = val::null();
  for (const Effect& e : effects) {
    if (const auto* send = std::get_if<SendRequest>(&e)) w(*send);
    else if (const auto* present = std::get_if<Present>(&e)) w(*present);
    else if (const auto* dismiss = std::get_if<Dismiss>(&e)) w(*dismiss);
    else if (const auto* nav = std::get_if<Navigate>(&e)) w(*nav);
    else if (const auto* wake = std::get_if<ScheduleWake>(&e)) w(*wake);
    else if (const auto* cancel = std::get_if<CancelTimer>(&e)) w(*cancel);
    else if (const auto* finish = std::get_if<Finish>(&e)) {
      w(*finish);
      if (finish->intent) object = live.body;  // the body that intent was read from
    }
  }
  out.close_array().close_object();
  if (live.flow.finished()) erase_flow(live.id);
  return parse_result(out.take(), object);
}

// ---- entry points ----------------------------------------------------------------------
// flowCreate and flowInput return objects; the others return the JSON text
// noted, which the shim parses.

// kind: "cashapp_confirm"; config: {publishableKey, apiBase}; params: the
// flow's (flow_params_reader.hpp). → {flowId} | {error}; an error means no
// flow exists and nothing was sent.
val flow_create(val kind, val config, val params) {
  std::optional<Error> refused;
  FlowKind flow_kind = FlowKind::cashapp_confirm;
  FlowConfig c;
  CashappParams p;
  {
    const ValScope scope(kind);  // the three arguments, read in order
    if (!read_flow_kind(scope.root(), flow_kind, refused) || !read_flow_config(scope.add(config), c, refused) ||
        !read_cashapp_params(scope.add(params), p, refused)) {
      return error_value(*refused);
    }
  }
  const IntentKind expected = p.expected_kind;
  Result<CashappConfirm> made = CashappConfirm::create(std::move(c), std::move(p));
  if (!made) return error_value(made.error());
  const uint32_t id = next_flow_id++;
  live_flows = new LiveFlow{id, std::move(made).value(), expected, live_flows};
  return parse_result(JsonOut().open_object().member_int("flowId", id).close_object().take(), val::null());
}

// input: {type: "start"} | {type: "response", requestId, status, body}
// (body: the JSON.parse result, or null when the body was empty or not JSON)
// | {type: "network_failure", requestId} | {type: "timer", timerId} |
// {type: "visibility", visible} | {type: "cancel"}. → {effects: [...]}
// ({effects: []} for an unknown or finished flow id) | {error} for an
// ill-typed input.
val flow_input(uint32_t id, val input, double now_ms) {
  LiveFlow* live = find_live(id);
  if (!live) return parse_result("{\"effects\":[]}", val::null());
  const int64_t now = ms(now_ms);
  std::optional<Error> refused;
  // The scope (the input's values) outlives the read by the machine's step,
  // which never reads val: a response goes straight into on_response's
  // parameter, with no HttpResponse to move around.
  const Effects effects = read_val(input, [&](ValReader r) -> Effects {
    FlowEvent event;
    if (!read_flow_event(r, event, refused)) return {};
    if (event.type != FlowEvent::Type::response) return live->flow.on_event(event, now);
    const std::optional<ValReader> body = detail::present(r, "body");
    // Kept before the core reads it: an awaited 2xx body is the final object
    // if the flow ends on its intent (a malformed one ends the flow with no
    // object at all).
    if (body && event.status >= 200 && event.status <= 299 && live->flow.awaits(event.id)) {
      live->body = body->value();
    }
    return live->flow.on_response(read_http_response(event.id, event.status, body ? &*body : nullptr, live->kind),
                                  now);
  });
  if (refused) return error_value(*refused);
  return effects_result(*live, effects);
}

// Forgets a flow without effects (the page went away, or the shim gave up).
void flow_destroy(uint32_t id) { erase_flow(id); }

// Live flows, for leak checks in tests.
uint32_t flow_count() {
  uint32_t n = 0;
  for (const LiveFlow* f = live_flows; f; f = f->next) ++n;
  return n;
}

// → "" when the key is a well-formed publishable key, else the error.
std::string check_publishable_key(std::string key) { return status_result(validate_publishable_key(key)); }

// kind: "setup" | "payment" | "" (either). → {kind, intentId} | {error}.
std::string parse_secret(std::string text, std::string kind) {
  const Result<ClientSecret> r =
      kind.empty() ? parse_client_secret(text) : parse_client_secret_of_kind(text, kind_of(kind));
  if (!r) return error_result(r.error());
  return JsonOut().open_object().member("kind", kind_name(r->kind)).member("intentId", r->intent_id).close_object().take();
}

// → {kind, intentId, clientSecret, redirectStatus, redirectPmType} | {error}.
std::string return_params(std::string url) {
  const Result<ReturnParams> r = parse_return_url(url);
  if (!r) return error_result(r.error());
  JsonOut out;
  out.open_object().member("kind", kind_name(r->kind)).member("intentId", r->intent_id);
  out.member("clientSecret", r->client_secret).member("redirectStatus", r->redirect_status);
  return out.member("redirectPmType", r->redirect_pm_type).close_object().take();
}

// The Cash App Pay authorisation text for <setupflow-cashapp> (and pages) to
// show before the first save. mode: "payment" (a payment that saves the
// account) | anything else (setup). → {locale, version, text}; total.
std::string consent_text(std::string locale, std::string merchant_name, std::string mode) {
  const ConsentText c = cashapp_consent(
      locale, merchant_name, mode == "payment" ? ConsentMode::payment_with_future_usage : ConsentMode::setup);
  JsonOut out;
  out.open_object().member("locale", c.locale).member("version", c.version).member("text", c.text);
  return out.close_object().take();
}

// Encodes and draws a throwaway QR the size of a Cash App link. The shim calls
// it while a desktop confirm's request is in flight: the browser compiles
// wasm functions on their first call, and this way the QR's are compiled
// before the answer comes instead of after it. No state. → the path's length
// (used, so the optimiser keeps the work).
int prepare_qr() {
  const Result<QrMatrix> qr =
      encode_qr("https://cash.app/pay/grant/GRR_0prepare0the0code0paths0of0the0first0qr0code0while0waiting00");
  return qr ? static_cast<int>(qr_svg_path(*qr).size()) : 0;
}

}  // namespace
}  // namespace setupflow::wasm

EMSCRIPTEN_BINDINGS(setupflow) {
  using namespace setupflow::wasm;
  emscripten::function("flowCreate", &flow_create);
  emscripten::function("flowInput", &flow_input);
  emscripten::function("flowDestroy", &flow_destroy);
  emscripten::function("flowCount", &flow_count);
  emscripten::function("checkPublishableKey", &check_publishable_key);
  emscripten::function("parseClientSecret", &parse_secret);
  emscripten::function("parseReturnUrl", &return_params);
  emscripten::function("consentText", &consent_text);
  emscripten::function("prepareQr", &prepare_qr);
}
