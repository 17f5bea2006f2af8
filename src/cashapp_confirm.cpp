// CashappConfirm's public entry points: each input is checked for staleness
// by the request driver, then handed to a CashappStep
// (src/cashapp_confirm_steps.cpp, where the decisions made where Stripe is
// silent are listed) that collects the effects.
#include "setupflow/cashapp_confirm.hpp"

#include <string>
#include <utility>

#include "cashapp_confirm_internal.hpp"
#include "setupflow/response_reader.hpp"  // detail::answered, the reader's wording

namespace setupflow {

CashappConfirm::CashappConfirm(FlowConfig&& config, CashappParams&& params)
    : state_(std::make_unique<detail::CashappState>(std::move(config), std::move(params))) {}
CashappConfirm::CashappConfirm(CashappConfirm&&) noexcept = default;
CashappConfirm& CashappConfirm::operator=(CashappConfirm&&) noexcept = default;
CashappConfirm::~CashappConfirm() = default;

Result<CashappConfirm> CashappConfirm::create(FlowConfig config, CashappParams params) {
  CashappConfirm flow(std::move(config), std::move(params));
  if (Status valid = validate_cashapp(flow.state_->setup); !valid) {
    return valid.error();
  }
  return flow;
}

bool CashappConfirm::finished() const { return !state_ || state_->phase == CashappPhase::done; }

IntentKind CashappConfirm::intent_kind() const {
  return state_ ? state_->setup.params.expected_kind : IntentKind::setup;
}

bool CashappConfirm::awaits(uint32_t request_id) const {
  return !finished() && state_->driver.awaits(request_id);
}

Effects CashappConfirm::start(int64_t /*now_ms*/) {
  if (!state_ || state_->phase != CashappPhase::idle) {
    return {};
  }
  detail::CashappState& s = *state_;
  const bool confirm = s.setup.params.operation == FlowOperation::confirm;
  s.phase = confirm ? CashappPhase::confirming : CashappPhase::retrieving;
  CashappStep m(s);
  s.driver.send_step(confirm ? build_confirm_request(s.setup) : build_retrieve_request(s.setup),
                     m.out());
  return m.take();
}

Effects CashappConfirm::on_response(HttpResponse response, int64_t now_ms) {
  if (finished() || !state_->driver.accept(response.request_id)) {
    return {};
  }
  detail::CashappState& s = *state_;
  CashappStep m(s);
  // No expiry check up front: a final answer that arrives after the deadline
  // still wins. Expiry is checked where polling would otherwise go on.
  const int status = response.status;
  const bool success = status >= 200 && status <= 299;
  if (success && response.intent) {
    s.driver.succeeded();
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
    m.finish(Outcome::error, CashappStep::kNoIntent, std::move(e));
  }
  return m.take();
}

Effects CashappConfirm::on_network_failure(uint32_t request_id, int64_t now_ms) {
  if (finished() || !state_->driver.accept(request_id)) {
    return {};
  }
  CashappStep m(*state_);
  if (m.expire_if_due(now_ms)) {
    return m.take();
  }
  m.fail(connection_error("Could not reach the payments API. Check the connection and try again."));
  return m.take();
}

Effects CashappConfirm::on_timer(uint32_t timer_id, int64_t now_ms) {
  if (finished()) {
    return {};
  }
  detail::CashappState& s = *state_;
  const RequestDriver::Wake wake = s.driver.on_timer(timer_id, now_ms);
  if (wake == RequestDriver::Wake::none) {
    return {};
  }
  CashappStep m(s);
  if (!m.expire_if_due(now_ms) && wake == RequestDriver::Wake::resend) {
    s.driver.resend(m.out());
  }
  return m.take();
}

Effects CashappConfirm::on_visibility(bool visible, int64_t now_ms) {
  if (finished()) {
    return {};
  }
  detail::CashappState& s = *state_;
  // Back in view while waiting for a regular poll: poll now rather than at the
  // end of the slow background interval.
  const bool poll_now = s.driver.on_visibility(visible);
  CashappStep m(s);
  if (!m.expire_if_due(now_ms) && poll_now) {
    s.driver.poll_now(m.out());
  }
  return m.take();
}

Effects CashappConfirm::on_cancel(int64_t /*now_ms*/) {
  if (finished()) {
    return {};
  }
  detail::CashappState& s = *state_;
  CashappStep m(s);
  if (s.qr_up || s.intent) {
    m.finish(Outcome::canceled, CashappStep::kWithIntent);
  } else {
    m.finish(Outcome::canceled, CashappStep::kNoIntent,
             authentication_failure(s.setup.secret.kind,
                                    "The shopper canceled before Cash App Pay was confirmed."));
  }
  return m.take();
}

Effects CashappConfirm::on_event(const FlowEvent& event, int64_t now_ms) {
  return dispatch_event(*this, event, now_ms);
}

}  // namespace setupflow
