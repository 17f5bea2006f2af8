// What every wasm entry's flow bindings share (bindings.cpp for Cash App,
// bindings_moto.cpp for MOTO): the registry of live flows, the writing of
// effects and errors as JSON text, and flowInput's reading of an input.
// Included by exactly one file of each module (it defines sf_result).
//
// A flow type used here has on_event(FlowEvent, now), awaits(id) and
// finished(); each entry reads a response for its flows (the `respond`
// callback of flow_input) and writes the presentations they make
// (write_present, defined by the entry: a module carries only its own).
#pragma once

#include <emscripten/em_js.h>
#include <emscripten/emscripten.h>  // EMSCRIPTEN_KEEPALIVE, which EM_JS uses
#include <emscripten/val.h>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>

#include "setupflow/effects.hpp"
#include "setupflow/flow_input.hpp"
#include "setupflow/flow_params_reader.hpp"
#include "setupflow/json_out.hpp"
#include "val_reader.hpp"

// JSON text → the object it encodes; `object` (when not null) becomes the
// last effect's `object`: the Finish effect's final object, the API's body as
// JSON.parse made it. Quoted names: Closure must not rename them.
EM_JS(emscripten::EM_VAL, sf_result, (const char* json, size_t length, emscripten::EM_VAL object), {
  var result = JSON.parse(UTF8ToString(json, length));
  var value = Emval.toValue(object);
  if (value !== null) {
    var effects = result['effects'];
    effects[effects.length - 1]['object'] = value;
  }
  return Emval.toHandle(result);
});

namespace setupflow::wasm {

using emscripten::val;

// ---- writing results -------------------------------------------------------------------

inline void write_error(JsonOut& out, const Error& e) {
  out.open_object().member("type", to_string(e.type)).member_if("code", e.code).member("message", e.message);
  out.member_if("param", e.param).member_if("decline_code", e.decline_code).member_if("doc_url", e.doc_url);
  if (e.http_status != 0) out.member_int("statusCode", e.http_status);
  out.close_object();
}

inline std::string error_result(const Error& e) {
  JsonOut out;
  out.open_object().key("error");
  write_error(out, e);
  return out.close_object().take();
}

inline val parse_result(const std::string& json, const val& object) {
  return val::take_ownership(sf_result(json.data(), json.size(), object.as_handle()));
}

inline val error_value(const Error& e) { return parse_result(error_result(e), val::null()); }

inline int64_t ms(double now_ms) {
  // Clocks are finite and far inside int64; anything else reads as 0.
  return (now_ms > -9.0e15 && now_ms < 9.0e15) ? static_cast<int64_t>(now_ms) : 0;
}

// {type: "present", kind, …}: each entry writes the kinds its flows make.
void write_present(JsonOut& out, const Present& p);

struct EffectWriter {
  JsonOut& out;
  void operator()(const SendRequest& r) const {
    out.open_object().member("type", "send").member_int("requestId", r.request_id).member("method", r.method);
    out.member("url", r.url).key("headers").open_object();
    for (const auto& [name, value] : r.headers) out.member(name, value);
    out.close_object().member_if("body", r.body).member_if("idempotencyKey", r.idempotency_key).close_object();
  }
  void operator()(const Present& p) const { write_present(out, p); }
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

template <class Flow>
struct LiveFlow {
  uint32_t id;
  Flow flow;
  LiveFlow* next;
  // The last awaited 2xx answer's body (a JSON.parse result): the one a
  // Finish's object was read from (effects.hpp), handed out as its object.
  val body = val::null();
};

// A page runs one or two flows at a time, so a singly linked list searched
// linearly is enough: smaller in the wasm than std::map's tree code, and than
// a vector's growth path (which moves every flow when it reallocates).
template <class Flow>
class FlowRegistry {
 public:
  LiveFlow<Flow>* find(uint32_t id) const {
    for (LiveFlow<Flow>* f = head_; f; f = f->next) {
      if (f->id == id) return f;
    }
    return nullptr;
  }
  uint32_t add(Flow&& flow) {
    const uint32_t id = next_id_++;
    head_ = new LiveFlow<Flow>{id, std::move(flow), head_};
    return id;
  }
  void erase(uint32_t id) {
    for (LiveFlow<Flow>** link = &head_; *link; link = &(*link)->next) {
      if ((*link)->id == id) {
        LiveFlow<Flow>* gone = *link;
        *link = gone->next;
        delete gone;
        return;
      }
    }
  }
  uint32_t count() const {
    uint32_t n = 0;
    for (const LiveFlow<Flow>* f = head_; f; f = f->next) ++n;
    return n;
  }

 private:
  LiveFlow<Flow>* head_ = nullptr;
  uint32_t next_id_ = 1;
};

// {flowId}: the answer of a flowCreate that made a flow.
template <class Flow>
val created(FlowRegistry<Flow>& flows, Flow&& flow) {
  const uint32_t id = flows.add(std::move(flow));
  return parse_result(JsonOut().open_object().member_int("flowId", id).close_object().take(), val::null());
}

// Writes the effects as {effects: [...]}, with the final object (the kept
// body) in a Finish effect, and forgets the flow (`live` is then gone) once it
// has finished or navigated away: nothing else can happen to it.
template <class Flow>
val effects_result(FlowRegistry<Flow>& flows, LiveFlow<Flow>& live, const Effects& effects) {
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
      if (finish->has_object()) object = live.body;  // the body it was read from
    }
  }
  out.close_array().close_object();
  if (live.flow.finished()) flows.erase(live.id);
  return parse_result(out.take(), object);
}

// flowInput for any flow (apply_input): input {type: "start"} | {type: "response",
// requestId, status, body} (body: the JSON.parse result, or null when the
// body was empty or not JSON) | {type: "network_failure", requestId} |
// {type: "timer", timerId} | {type: "visibility", visible} | {type:
// "cancel"}. → {effects: [...]} ({effects: []} for an unknown or finished
// flow id) | {error} for an ill-typed input. `respond(flow, event, body or
// null, now)` reads a response for the flow and returns its effects.
template <class Flow, class Respond>
val apply_input(FlowRegistry<Flow>& flows, uint32_t id, const val& input, double now_ms, Respond&& respond) {
  LiveFlow<Flow>* live = flows.find(id);
  if (!live) return parse_result("{\"effects\":[]}", val::null());
  const int64_t now = ms(now_ms);
  std::optional<Error> refused;
  // The scope (the input's values) outlives the read by the machine's step,
  // which never reads val.
  const Effects effects = [&]() -> Effects {
    const ValScope scope(input);
    const ValReader r = scope.root();
    FlowEvent event;
    if (!read_flow_event(r, event, refused)) return {};
    if (event.type != FlowEvent::Type::response) return live->flow.on_event(event, now);
    const std::optional<ValReader> body = detail::present(r, "body");
    // Kept before the core reads it: an awaited 2xx body is the final object
    // if the flow ends on it (a malformed one ends the flow with no object).
    if (body && event.status >= 200 && event.status <= 299 && live->flow.awaits(event.id)) {
      live->body = body->value();
    }
    return respond(live->flow, event, body ? &*body : nullptr, now);
  }();
  if (refused) return error_value(*refused);
  return effects_result(flows, *live, effects);
}

}  // namespace setupflow::wasm
