// The readers an agent's console lists: GET {endpoint}/readers once (retried
// on network failures, 429 and 5xx like every request), then Finish with
// outcome `retrieved`, the answer's body as the object (validated: a readers
// array, each reader's id "tmr_…", status online/offline, action null or
// well-formed), or `error`. A cancel ends it at once (canceled, no error).
#pragma once

#include <cstdint>

#include "setupflow/effects.hpp"
#include "setupflow/flow_input.hpp"
#include "setupflow/moto_answers.hpp"
#include "setupflow/moto_setup.hpp"  // MotoConfig
#include "setupflow/request_driver.hpp"
#include "setupflow/result.hpp"

namespace setupflow {

class MotoReaders {
 public:
  // The endpoint's checks (normalise_moto_endpoint); nothing else to check.
  static Result<MotoReaders> create(MotoConfig config);

  Effects start(int64_t now_ms);
  Effects on_response(MotoResponse<MotoReadersAnswer> response, int64_t now_ms);
  Effects on_network_failure(uint32_t request_id, int64_t now_ms);
  Effects on_timer(uint32_t timer_id, int64_t now_ms);
  Effects on_visibility(bool visible, int64_t now_ms);
  Effects on_cancel(int64_t now_ms);
  Effects on_event(const FlowEvent& event, int64_t now_ms);

  bool finished() const { return done_; }
  bool awaits(uint32_t request_id) const { return !done_ && driver_.awaits(request_id); }

 private:
  explicit MotoReaders(MotoConfig config) : config_(std::move(config)) {}
  void finish(Effects& out, Outcome outcome, std::optional<Error> error, bool with_body);

  MotoConfig config_;
  RequestDriver driver_{MotoSetup::kRetryPolicy, MotoSetup::kPollPolicy};
  bool started_ = false;
  bool done_ = false;
};

}  // namespace setupflow
