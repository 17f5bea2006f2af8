// ConfirmFlow's public entry points: each input is checked for staleness,
// then handed to a FlowMachine (src/confirm_machine.cpp, where the decisions
// made where Stripe is silent are listed) that collects the effects.
#include "setupflow/confirm_flow.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "confirm_internal.hpp"
#include "setupflow/intent_reader.hpp"  // detail::answered, the reader's wording

namespace setupflow {

ConfirmFlow::ConfirmFlow(FlowConfig&& config, FlowParams&& params)
    : state_(std::make_unique<detail::FlowState>(std::move(config), std::move(params))) {}
ConfirmFlow::ConfirmFlow(ConfirmFlow&&) noexcept = default;
ConfirmFlow& ConfirmFlow::operator=(ConfirmFlow&&) noexcept = default;
ConfirmFlow::~ConfirmFlow() = default;

Result<ConfirmFlow> ConfirmFlow::create(FlowConfig config, FlowParams params) {
  ConfirmFlow flow(std::move(config), std::move(params));
  if (Status valid = validate_flow(flow.state_->setup); !valid) {
    return valid.error();
  }
  return flow;
}

bool ConfirmFlow::finished() const { return !state_ || state_->phase == FlowPhase::done; }

Effects ConfirmFlow::start(int64_t /*now_ms*/) {
  if (!state_ || state_->phase != FlowPhase::idle) {
    return {};
  }
  detail::FlowState& s = *state_;
  const bool confirm = s.setup.params.operation == FlowOperation::confirm;
  s.phase = confirm ? FlowPhase::confirming : FlowPhase::retrieving;
  s.request = confirm ? build_confirm_request(s.setup) : build_retrieve_request(s.setup);
  FlowMachine m(s);
  m.send();
  return m.take();
}

Effects ConfirmFlow::on_response(HttpResponse response, int64_t now_ms) {
  if (finished() || response.request_id == 0 || response.request_id != state_->in_flight) {
    return {};
  }
  detail::FlowState& s = *state_;
  s.in_flight = 0;
  FlowMachine m(s);
  // No expiry check up front: a final answer that arrives after the deadline
  // still wins. Expiry is checked where polling would otherwise go on.
  const int status = response.status;
  const bool success = status >= 200 && status <= 299;
  if (success && response.intent) {
    s.failures = 0;
    m.on_intent(std::move(*response.intent), now_ms);
    return m.take();
  }
  // One error for both cases below: the body's, or one saying what came.
  Error e = response.error ? std::move(*response.error)
            : success      ? api_error("invalid_response", "The API answered without an intent.")
                           : api_error("", detail::answered(status, "."));
  e.http_status = status;
  if (!success && retryable_status(status)) {
    if (!m.expire_if_due(now_ms)) {
      m.fail(std::move(e));
    }
  } else {
    m.finish(FlowMachine::kNoIntent, std::move(e));
  }
  return m.take();
}

Effects ConfirmFlow::on_network_failure(uint32_t request_id, int64_t now_ms) {
  if (finished() || request_id == 0 || request_id != state_->in_flight) {
    return {};
  }
  detail::FlowState& s = *state_;
  s.in_flight = 0;
  FlowMachine m(s);
  if (m.expire_if_due(now_ms)) {
    return m.take();
  }
  m.fail(connection_error("Could not reach the payments API. Check the connection and try again."));
  return m.take();
}

Effects ConfirmFlow::on_timer(uint32_t timer_id, int64_t now_ms) {
  if (finished() || timer_id == 0) {
    return {};
  }
  detail::FlowState& s = *state_;
  FlowMachine m(s);
  if (timer_id == s.session_timer) {
    s.session_timer = 0;
    // The timer means the limit has passed even if the shell's clock disagrees.
    s.session_deadline_ms = std::min(s.session_deadline_ms, now_ms);
    m.expire_if_due(now_ms);
    return m.take();
  }
  if (timer_id != s.wake_timer) {
    return {};
  }
  s.wake_timer = 0;
  if (m.expire_if_due(now_ms)) {
    return m.take();
  }
  if (s.in_flight == 0) {
    m.send();
  }
  return m.take();
}

Effects ConfirmFlow::on_visibility(bool visible, int64_t now_ms) {
  if (finished()) {
    return {};
  }
  detail::FlowState& s = *state_;
  const bool came_back = visible && !s.visible;
  s.visible = visible;
  FlowMachine m(s);
  if (m.expire_if_due(now_ms)) {
    return m.take();
  }
  // Back in view while waiting for a regular poll: poll now rather than at the
  // end of the slow background interval. A failure back-off is left alone.
  if (came_back && s.phase == FlowPhase::polling && s.in_flight == 0 && s.wake_timer != 0 &&
      s.wake_is_poll) {
    m.cancel_wake();
    m.send();
  }
  return m.take();
}

Effects ConfirmFlow::on_cancel(int64_t /*now_ms*/) {
  if (finished()) {
    return {};
  }
  detail::FlowState& s = *state_;
  FlowMachine m(s);
  if (s.qr_up || s.intent) {
    m.finish(FlowMachine::kWithIntent);
  } else {
    m.finish(FlowMachine::kNoIntent,
             authentication_failure(s.setup.secret.kind,
                                    "The shopper canceled before Cash App Pay was confirmed."));
  }
  return m.take();
}

}  // namespace setupflow
