// MotoReaders (include/setupflow/moto_readers.hpp): one GET on the driver.
#include "setupflow/moto_readers.hpp"

#include <utility>

#include "setupflow/response_reader.hpp"  // detail::answered

namespace setupflow {

Result<MotoReaders> MotoReaders::create(MotoConfig config) {
  if (Status endpoint = normalise_moto_endpoint(config); !endpoint) {
    return endpoint.error();
  }
  return MotoReaders(std::move(config));
}

void MotoReaders::finish(Effects& out, Outcome outcome, std::optional<Error> error,
                         bool with_body) {
  driver_.stop(out);
  done_ = true;
  out.push_back(Finish{outcome, std::nullopt, std::move(error), with_body});
}

Effects MotoReaders::start(int64_t /*now_ms*/) {
  if (started_ || done_) {
    return {};
  }
  started_ = true;
  SendRequest r;
  r.method = "GET";
  r.url = config_.endpoint + "/readers";
  Effects out;
  driver_.send_step(std::move(r), out);
  return out;
}

Effects MotoReaders::on_response(MotoResponse<MotoReadersAnswer> response, int64_t /*now_ms*/) {
  if (done_ || !driver_.accept(response.request_id)) {
    return {};
  }
  Effects out;
  const int status = response.status;
  const bool success = status >= 200 && status <= 299;
  if (success && response.answer) {
    finish(out, Outcome::retrieved, std::nullopt, true);
    return out;
  }
  Error e = response.error ? std::move(*response.error)
                           : api_error("", detail::answered(status, "."));
  e.http_status = status;
  if (success || !retryable_status(status) || !driver_.back_off(out)) {
    finish(out, Outcome::error, std::move(e), false);
  }
  return out;
}

Effects MotoReaders::on_network_failure(uint32_t request_id, int64_t /*now_ms*/) {
  if (done_ || !driver_.accept(request_id)) {
    return {};
  }
  Effects out;
  if (!driver_.back_off(out)) {
    finish(out, Outcome::error,
           connection_error("Could not reach the merchant's server. Check the connection."), false);
  }
  return out;
}

Effects MotoReaders::on_timer(uint32_t timer_id, int64_t now_ms) {
  Effects out;
  if (!done_ && driver_.on_timer(timer_id, now_ms) == RequestDriver::Wake::resend) {
    driver_.resend(out);
  }
  return out;
}

Effects MotoReaders::on_visibility(bool visible, int64_t /*now_ms*/) {
  driver_.on_visibility(visible);  // one GET, no polling: nothing to bring forward
  return {};
}

Effects MotoReaders::on_cancel(int64_t /*now_ms*/) {
  Effects out;
  if (!done_) {
    finish(out, Outcome::canceled, std::nullopt, false);
  }
  return out;
}

Effects MotoReaders::on_event(const FlowEvent& event, int64_t now_ms) {
  return dispatch_event(*this, event, now_ms);
}

}  // namespace setupflow
