// A flow's inputs other than an HTTP response, as one plain value: what
// happened to the effects it asked for. The bindings read them from named
// JavaScript objects (flow_params_reader.hpp); a response
// ({type: "response", requestId, status, body}) is read into an HttpResponse
// (response_reader.hpp) and goes to the flow's on_response.
#pragma once

#include <cstdint>

#include "setupflow/effects.hpp"

namespace setupflow {

struct FlowEvent {
  enum class Type {
    start,            // {type: "start"}
    response,         // {type: "response", requestId, status, body}: see above
    network_failure,  // {type: "network_failure", requestId}
    timer,            // {type: "timer", timerId}
    visibility,       // {type: "visibility", visible}
    cancel,           // {type: "cancel"}
  };
  Type type = Type::start;
  uint32_t id = 0;  // requestId or timerId
  int status = 0;   // response only
  bool visible = false;
};

// Calls the entry point of `flow` (a flow class with on_network_failure,
// on_timer, on_visibility, on_cancel and start) for an input other than a
// response; a response event gives no effects (use on_response).
template <class Flow>
Effects dispatch_event(Flow& flow, const FlowEvent& event, int64_t now_ms) {
  switch (event.type) {
    case FlowEvent::Type::start:
      return flow.start(now_ms);
    case FlowEvent::Type::network_failure:
      return flow.on_network_failure(event.id, now_ms);
    case FlowEvent::Type::timer:
      return flow.on_timer(event.id, now_ms);
    case FlowEvent::Type::visibility:
      return flow.on_visibility(event.visible, now_ms);
    case FlowEvent::Type::cancel:
      return flow.on_cancel(now_ms);
    case FlowEvent::Type::response:
      break;
  }
  return {};
}

}  // namespace setupflow
