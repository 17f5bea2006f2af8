// The embind surface of the MOTO module (setupflow-moto.wasm): the agent's
// console (<setupflow-moto>) loads it; checkout pages never do. Same shape
// as the Cash App module's (bindings.cpp): values in, values out, live flows
// in a registry keyed by id (flow_registry.hpp, shared with it).
//
//   flowCreate(kind, config, params) → {flowId} | {error}
//     kind "moto_readers" (params {}) or "moto_setup" (moto_params_reader.hpp);
//     config {endpoint, allowHttp?}
//   flowInput(id, input, nowMs) → {effects: [...]} | {error}
//   flowDestroy(id), flowCount()
//   motoTerms(locale, {merchantName, schedule, amounts, cancellation})
//     → {locale, version, text} | {error}
//
// Exceptions: none, as in bindings.cpp (every failure is a returned value).
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>

#include "flow_registry.hpp"
#include "setupflow/json_out.hpp"
#include "setupflow/moto_answer_reader.hpp"
#include "setupflow/moto_params_reader.hpp"
#include "setupflow/moto_readers.hpp"
#include "setupflow/moto_setup.hpp"
#include "setupflow/moto_terms.hpp"
#include "val_reader.hpp"

namespace setupflow::wasm {

// A reader's action: {type: "present", kind: "reader_action", phase,
// readerId, readerStatus, setupIntentId}; the last two null until known.
void write_present(JsonOut& out, const Present& p) {
  const ReaderActionPresentation& a = p.reader_action;
  out.open_object().member("type", "present").member("kind", "reader_action");
  out.member("phase", to_string(a.phase)).member("readerId", a.reader_id).key("readerStatus");
  a.reader_status.empty() ? out.null() : out.string(a.reader_status);
  out.key("setupIntentId");
  a.setup_intent_id.empty() ? out.null() : out.string(a.setup_intent_id);
  out.close_object();
}

namespace {

// Either MOTO flow, driven alike.
class MotoFlow {
 public:
  explicit MotoFlow(MotoSetup setup) : flow_(std::move(setup)) {}
  explicit MotoFlow(MotoReaders readers) : flow_(std::move(readers)) {}

  Effects on_event(const FlowEvent& event, int64_t now) {
    return std::visit([&](auto& flow) { return flow.on_event(event, now); }, flow_);
  }
  bool awaits(uint32_t id) const {
    return std::visit([&](const auto& flow) { return flow.awaits(id); }, flow_);
  }
  bool finished() const {
    return std::visit([](const auto& flow) { return flow.finished(); }, flow_);
  }
  // Reads the body as the answer of the flow's route.
  Effects respond(const FlowEvent& event, const ValReader* body, int64_t now) {
    if (auto* setup = std::get_if<MotoSetup>(&flow_)) {
      return setup->on_response(read_moto_response<MotoSetupAnswer>(event.id, event.status, body), now);
    }
    return std::get<MotoReaders>(flow_).on_response(
        read_moto_response<MotoReadersAnswer>(event.id, event.status, body), now);
  }

 private:
  std::variant<MotoSetup, MotoReaders> flow_;
};

FlowRegistry<MotoFlow> flows;

val flow_create(val kind, val config, val params) {
  std::optional<Error> refused;
  MotoFlowKind flow_kind = MotoFlowKind::moto_readers;
  MotoConfig c;
  MotoSetupParams p;
  {
    const ValScope scope(kind);  // the three arguments, read in order
    const ValReader params_reader = scope.add(params);
    if (!read_moto_flow_kind(scope.root(), flow_kind, refused) ||
        !read_moto_config(scope.add(config), c, refused)) {
      return error_value(*refused);
    }
    if (params_reader.kind() != JsonKind::object) {
      detail::ArgState{"flowCreate", refused}.fail("params", "an object", params_reader.kind());
      return error_value(*refused);
    }
    if (flow_kind == MotoFlowKind::moto_setup && !read_moto_setup_params(params_reader, p, refused)) {
      return error_value(*refused);
    }
  }
  if (flow_kind == MotoFlowKind::moto_readers) {
    Result<MotoReaders> made = MotoReaders::create(std::move(c));
    if (!made) return error_value(made.error());
    return created(flows, MotoFlow(std::move(made).value()));
  }
  Result<MotoSetup> made = MotoSetup::create(std::move(c), std::move(p));
  if (!made) return error_value(made.error());
  return created(flows, MotoFlow(std::move(made).value()));
}

val flow_input(uint32_t id, val input, double now_ms) {
  return apply_input(flows, id, input, now_ms,
                     [](MotoFlow& flow, const FlowEvent& event, const ValReader* body, int64_t now) {
                       return flow.respond(event, body, now);
                     });
}

void flow_destroy(uint32_t id) { flows.erase(id); }

uint32_t flow_count() { return flows.count(); }

// What the agent reads to the caller: the same text the consent record will
// carry (record_moto_consent makes it from the same inputs).
val moto_terms_value(std::string locale, val terms) {
  std::optional<Error> refused;
  MotoTermsParams params;
  {
    const ValScope scope(terms);
    if (!read_moto_terms_params(scope.root(), params, refused)) return error_value(*refused);
  }
  const MotoTerms t = moto_terms(locale, params);
  JsonOut out;
  out.open_object().member("locale", t.locale).member("version", t.version).member("text", t.text);
  return parse_result(out.close_object().take(), val::null());
}

}  // namespace
}  // namespace setupflow::wasm

EMSCRIPTEN_BINDINGS(setupflow_moto) {
  using namespace setupflow::wasm;
  emscripten::function("flowCreate", &flow_create);
  emscripten::function("flowInput", &flow_input);
  emscripten::function("flowDestroy", &flow_destroy);
  emscripten::function("flowCount", &flow_count);
  emscripten::function("motoTerms", &moto_terms_value);
}
