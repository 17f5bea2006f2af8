// The embind surface of setupflow: values in, values out (STYLE.md, the
// zxing-wasm pattern). No class_ handles cross into JS, so the page never has
// to call .delete(); live confirm flows stay in a registry here, keyed by a
// uint32 id, and are erased when they finish or when the shim destroys them.
//
// Results cross as JSON text the shim reads with JSON.parse (json_out.hpp);
// response bodies come in as the objects JSON.parse made (val_reader.hpp).
// Errors are in Stripe's shape {type, code, message, param}.
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
#include <emscripten/val.h>

#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "setupflow/client_secret.hpp"
#include "setupflow/confirm_flow.hpp"
#include "setupflow/consent.hpp"
#include "setupflow/intent_reader.hpp"
#include "setupflow/qr.hpp"
#include "setupflow/redirect.hpp"
#include "json_out.hpp"
#include "val_reader.hpp"

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

// The intent as the core decided on it. The shim already holds the full body
// it parsed (with every field Stripe sent, known or not), so only what it
// needs to match and report crosses back.
void write_intent_summary(JsonOut& out, const Intent& in) {
  out.open_object().member("id", in.id).member("kind", kind_name(in.kind)).member("status", to_string(in.status));
  out.close_object();
}

struct EffectWriter {
  JsonOut& out;
  void operator()(const SendRequest& r) const {
    out.open_object().member("type", "send").member_int("requestId", r.request_id).member("method", r.method);
    out.member("url", r.url).key("headers").open_object();
    for (const auto& [name, value] : r.headers) out.member(name, value);
    out.close_object().member_if("body", r.body).member_if("idempotencyKey", r.idempotency_key).close_object();
  }
  void operator()(const ShowQr& q) const {
    out.open_object().member("type", "showQr").member("data", q.data).member("svgPath", q.svg_path);
    out.member_int("size", q.size).member_int("expiresAtMs", q.expires_at_ms);
    out.member("hostedInstructionsUrl", q.hosted_instructions_url).member("mobileAuthUrl", q.mobile_auth_url);
    out.member("imageUrlSvg", q.image_url_svg).member_int("refreshCount", q.refresh_count).close_object();
  }
  void operator()(const HideQr&) const { out.open_object().member("type", "hideQr").close_object(); }
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
    out.open_object().member("type", "finish").key("intent");
    if (f.intent) {
      write_intent_summary(out, *f.intent);
    } else {
      out.null();
    }
    out.key("error");
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
  ConfirmFlow flow;
  IntentKind kind;
  LiveFlow* next;
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

// Writes the effects as a JSON array and forgets the flow (`live` is then
// gone) once it has finished or navigated away: nothing else can happen to it.
std::string effects_result(const LiveFlow& live, const Effects& effects) {
  JsonOut out;
  out.open_array();
  // A chain of get_if: smaller in the wasm than std::visit's dispatch table
  // (measured 73 bytes gzip). The assert keeps it complete.
  static_assert(std::variant_size_v<Effect> == 7, "write the new effect below");
  const EffectWriter w{out};
  for (const Effect& e : effects) {
    if (const auto* send = std::get_if<SendRequest>(&e)) w(*send);
    else if (const auto* show = std::get_if<ShowQr>(&e)) w(*show);
    else if (const auto* hide = std::get_if<HideQr>(&e)) w(*hide);
    else if (const auto* nav = std::get_if<Navigate>(&e)) w(*nav);
    else if (const auto* wake = std::get_if<ScheduleWake>(&e)) w(*wake);
    else if (const auto* cancel = std::get_if<CancelTimer>(&e)) w(*cancel);
    else if (const auto* finish = std::get_if<Finish>(&e)) w(*finish);
  }
  if (live.flow.finished()) erase_flow(live.id);
  return out.close_array().take();
}

int64_t ms(double now_ms) {
  // Clocks are finite and far inside int64; anything else reads as 0.
  return (now_ms > -9.0e15 && now_ms < 9.0e15) ? static_cast<int64_t>(now_ms) : 0;
}

// ---- entry points ----------------------------------------------------------------------
// Every flow entry point returns a JSON array of effects ("[]" for an unknown
// or finished flow id); the others return the JSON noted.

// operation: "confirm" | "handle_next_action" | "retrieve"; kind: "setup" |
// "payment"; device: "desktop" | "mobile". → {"flowId":n} | {"error":{…}}; an
// error means no flow exists and nothing was sent.
std::string flow_create(std::string publishable_key, std::string api_base, std::string operation, std::string kind,
                        std::string client_secret, std::string return_url, std::string payment_method,
                        bool handle_actions, std::string device, std::string idempotency_key) {
  const FlowOperation op = operation == "retrieve"             ? FlowOperation::retrieve
                           : operation == "handle_next_action" ? FlowOperation::handle_next_action
                                                               : FlowOperation::confirm;
  const IntentKind expected = kind_of(kind);
  // Built in place as create()'s arguments: no FlowConfig/FlowParams moves.
  Result<ConfirmFlow> made = ConfirmFlow::create(
      FlowConfig{.publishable_key = std::move(publishable_key), .api_base = std::move(api_base)},
      FlowParams{.operation = op,
                 .expected_kind = expected,
                 .client_secret = std::move(client_secret),
                 .return_url = std::move(return_url),
                 .payment_method = std::move(payment_method),
                 .handle_actions = handle_actions,
                 .device = device == "mobile" ? Device::mobile : Device::desktop,
                 .idempotency_key = std::move(idempotency_key)});
  if (!made) return error_result(made.error());
  const uint32_t id = next_flow_id++;
  live_flows = new LiveFlow{id, std::move(made).value(), expected, live_flows};
  return JsonOut().open_object().member_int("flowId", id).close_object().take();
}

// body: the JSON.parse result, or null when the body was empty or not JSON.
std::string flow_response(uint32_t id, uint32_t request_id, int status, val body, double now_ms) {
  LiveFlow* live = find_live(id);
  if (!live) return "[]";
  // The scope (the body's values) outlives the read by the machine's step,
  // which never reads val: the response goes straight into on_response's
  // parameter, with no HttpResponse to move around.
  const ValScope scope(body);
  const ValReader reader = scope.root();
  const bool has_body = reader.kind() != JsonKind::null;
  return effects_result(
      *live, live->flow.on_response(read_http_response(request_id, status, has_body ? &reader : nullptr, live->kind),
                                    ms(now_ms)));
}

// The inputs other than a response, through one entry point (one binding
// instead of five: 251 bytes gzip less). event: 0 start, 1 network failure
// of request `arg`, 2 timer `arg` fired, 3 visibility (arg: 1 visible, 0
// hidden), 4 the shopper cancelled.
std::string flow_event(uint32_t id, int event, uint32_t arg, double now_ms) {
  LiveFlow* live = find_live(id);
  if (!live) return "[]";
  ConfirmFlow* f = &live->flow;
  const int64_t now = ms(now_ms);
  if (event < 0 || event > 4) return "[]";
  // One effects_result call (and Effects destructor) for all five, and no
  // move-assignments: the chosen call's result is built in place.
  const Effects effects = event == 0   ? f->start(now)
                          : event == 1 ? f->on_network_failure(arg, now)
                          : event == 2 ? f->on_timer(arg, now)
                          : event == 3 ? f->on_visibility(arg != 0, now)
                                       : f->on_cancel(now);
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
  emscripten::function("flowEvent", &flow_event);
  emscripten::function("flowResponse", &flow_response);
  emscripten::function("flowDestroy", &flow_destroy);
  emscripten::function("flowCount", &flow_count);
  emscripten::function("checkPublishableKey", &check_publishable_key);
  emscripten::function("parseClientSecret", &parse_secret);
  emscripten::function("parseReturnUrl", &return_params);
  emscripten::function("consentText", &consent_text);
  emscripten::function("prepareQr", &prepare_qr);
}
