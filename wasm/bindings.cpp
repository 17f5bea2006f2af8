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
#include "setupflow/json_out.hpp"
#include "flow_registry.hpp"
#include "val_reader.hpp"

namespace setupflow::wasm {
namespace {

IntentKind kind_of(const std::string& text) { return text == "payment" ? IntentKind::payment : IntentKind::setup; }

const char* kind_name(IntentKind kind) { return kind == IntentKind::payment ? "payment" : "setup"; }

// ---- writing results -------------------------------------------------------------------

// "" for success, else the error object.
std::string status_result(const Status& s) {
  if (s) return std::string();
  JsonOut out;
  write_error(out, s.error());
  return out.take();
}

}  // namespace

// The Cash App QR: the only presentation this module's flow makes.
void write_present(JsonOut& out, const Present& p) {
  const QrPresentation& q = p.qr;
  out.open_object().member("type", "present").member("kind", "qr").member("data", q.data);
  out.member("svgPath", q.svg_path).member_int("size", q.size).member_int("expiresAtMs", q.expires_at_ms);
  out.member("hostedInstructionsUrl", q.hosted_instructions_url).member("mobileAuthUrl", q.mobile_auth_url);
  out.member("imageUrlSvg", q.image_url_svg).member_int("refreshCount", q.refresh_count).close_object();
}

namespace {

FlowRegistry<CashappConfirm> flows;

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
  Result<CashappConfirm> made = CashappConfirm::create(std::move(c), std::move(p));
  if (!made) return error_value(made.error());
  return created(flows, std::move(made).value());
}

// input: see flow_registry.hpp's apply_input. A response's body is read as an
// intent of the flow's kind (read_http_response).
val flow_input(uint32_t id, val input, double now_ms) {
  return apply_input(flows, id, input, now_ms,
                     [](CashappConfirm& flow, const FlowEvent& event, const ValReader* body, int64_t now) {
                       return flow.on_response(
                           read_http_response(event.id, event.status, body, flow.intent_kind()), now);
                     });
}

// Forgets a flow without effects (the page went away, or the shim gave up).
void flow_destroy(uint32_t id) { flows.erase(id); }

// Live flows, for leak checks in tests.
uint32_t flow_count() { return flows.count(); }

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
