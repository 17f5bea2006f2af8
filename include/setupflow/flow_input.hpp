// A flow's inputs other than an HTTP response, as one plain value: what
// happened to the effects it asked for. The bindings read them from named
// JavaScript objects (flow_params_reader.hpp); a response
// ({type: "response", requestId, status, body}) is read into an HttpResponse
// (response_reader.hpp) and goes to the flow's on_response.
#pragma once

#include <cstdint>

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

}  // namespace setupflow
