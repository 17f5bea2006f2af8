// MotoSetup's entry points: each input is checked for staleness by the
// request driver, then handed to a MotoStep (src/moto_setup_steps.cpp).
#include "setupflow/moto_setup.hpp"

#include <utility>

#include "moto_setup_internal.hpp"
#include "setupflow/response_reader.hpp"  // detail::answered

namespace setupflow {

MotoSetup::MotoSetup(std::unique_ptr<detail::MotoSetupState> state) : state_(std::move(state)) {}
MotoSetup::MotoSetup(MotoSetup&&) noexcept = default;
MotoSetup& MotoSetup::operator=(MotoSetup&&) noexcept = default;
MotoSetup::~MotoSetup() = default;

Result<MotoSetup> MotoSetup::create(MotoConfig config, MotoSetupParams params) {
  auto state = std::make_unique<detail::MotoSetupState>(std::move(config), std::move(params));
  if (Status valid = validate_moto_setup(*state); !valid) {
    return valid.error();
  }
  return MotoSetup(std::move(state));
}

bool MotoSetup::finished() const { return !state_ || state_->phase == MotoPhase::done; }

bool MotoSetup::awaits(uint32_t request_id) const {
  return !finished() && state_->driver.awaits(request_id);
}

Effects MotoSetup::start(int64_t now_ms) {
  if (!state_ || state_->phase != MotoPhase::idle) {
    return {};
  }
  detail::MotoSetupState& s = *state_;
  s.phase = MotoPhase::starting;
  MotoStep m(s);
  s.driver.start_deadline(now_ms, s.params.timeout_ms, m.out());
  m.present(ReaderActionPresentation::Phase::starting);
  s.driver.send_step(build_moto_start_request(s), m.out());
  return m.take();
}

Effects MotoSetup::on_response(MotoResponse<MotoSetupAnswer> response, int64_t now_ms) {
  if (finished() || !state_->driver.accept(response.request_id)) {
    return {};
  }
  detail::MotoSetupState& s = *state_;
  MotoStep m(s);
  const int status = response.status;
  const bool success = status >= 200 && status <= 299;
  if (success && response.answer) {
    s.driver.succeeded();
    m.on_answer(std::move(*response.answer), now_ms);
    m.check_deadline(now_ms);
    return m.take();
  }
  Error e = response.error ? std::move(*response.error)
                           : api_error("", detail::answered(status, "."));
  e.http_status = status;
  if (success) {
    m.reject(std::move(e));
  } else if (retryable_status(status)) {
    m.fail(std::move(e));
  } else {
    m.refused(std::move(e));
  }
  return m.take();
}

Effects MotoSetup::on_network_failure(uint32_t request_id, int64_t /*now_ms*/) {
  if (finished() || !state_->driver.accept(request_id)) {
    return {};
  }
  MotoStep m(*state_);
  m.fail(connection_error("Could not reach the merchant's server. Check the connection."));
  return m.take();
}

Effects MotoSetup::on_timer(uint32_t timer_id, int64_t now_ms) {
  if (finished()) {
    return {};
  }
  detail::MotoSetupState& s = *state_;
  const RequestDriver::Wake wake = s.driver.on_timer(timer_id, now_ms);
  if (wake == RequestDriver::Wake::none) {
    return {};
  }
  MotoStep m(s);
  m.check_deadline(now_ms);
  if (wake == RequestDriver::Wake::resend && !finished()) {
    s.driver.resend(m.out());
  }
  return m.take();
}

Effects MotoSetup::on_visibility(bool visible, int64_t now_ms) {
  if (finished()) {
    return {};
  }
  detail::MotoSetupState& s = *state_;
  const bool poll_now = s.driver.on_visibility(visible);
  MotoStep m(s);
  m.check_deadline(now_ms);
  if (poll_now && s.phase == MotoPhase::watching) {
    s.driver.poll_now(m.out());
  }
  return m.take();
}

Effects MotoSetup::on_cancel(int64_t /*now_ms*/) {
  if (finished()) {
    return {};
  }
  MotoStep m(*state_);
  m.cancel_by_agent();
  return m.take();
}

Effects MotoSetup::on_event(const FlowEvent& event, int64_t now_ms) {
  return dispatch_event(*this, event, now_ms);
}

}  // namespace setupflow
