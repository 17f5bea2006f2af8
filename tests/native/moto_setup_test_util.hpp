// A scripted shell with a fake clock for driving a MotoSetup in tests: it
// keeps the request in flight and the pending timers, fires timers in due
// order when the clock advances, and checks that Finish comes at most once
// and nothing after it. Answers are built as structs, so these tests also
// run in the wasm build (no JSON library there).
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "setupflow/moto_setup.hpp"

namespace setupflow::testing {

inline constexpr const char* kEndpoint = "https://shop.example/moto";
inline constexpr const char* kReader = "tmr_1";
inline constexpr const char* kSeti = "seti_1";
inline constexpr const char* kMotoKey = "start-7f3a";
inline constexpr int64_t kMotoT0 = 1767225600000;

inline MotoSetupParams moto_params() {
  MotoSetupParams p;
  p.reader = kReader;
  p.consent.locale = "en";
  p.consent.terms = {"Acme", "monthly", "each order's price", "calling us"};
  p.consent.customer = "cus_1";
  p.consent.agent = "Ada";
  p.consent.channel = "telephone";
  p.consent.agreed = true;
  p.consent.accepted_at_ms = kMotoT0;
  p.idempotency_key = kMotoKey;
  return p;
}

inline MotoSetup moto_flow(MotoSetupParams p = moto_params()) {
  Result<MotoSetup> made = MotoSetup::create(MotoConfig{kEndpoint, false}, std::move(p));
  EXPECT_TRUE(made.ok()) << (made.ok() ? "" : made.error().message);
  return std::move(made).value();
}

// {setup_intent, reader, card}: the reader's action for seti_1 `action`
// (nullopt: none), the SetupIntent `intent_status`.
inline MotoSetupAnswer moto_answer(std::optional<ActionStatus> action,
                                   std::string intent_status = "requires_payment_method",
                                   ReaderStatus reader = ReaderStatus::online) {
  MotoSetupAnswer a;
  a.setup_intent = {kSeti, std::move(intent_status), std::nullopt};
  a.reader.id = kReader;
  a.reader.status = reader;
  if (action) {
    a.reader.action = MotoReaderAction{*action, "process_setup_intent", {}, {}, kSeti};
  }
  return a;
}
inline MotoSetupAnswer waiting(ReaderStatus reader = ReaderStatus::online) {
  return moto_answer(ActionStatus::in_progress, "requires_payment_method", reader);
}
inline MotoSetupAnswer saved() {
  MotoSetupAnswer a = moto_answer(ActionStatus::succeeded, "succeeded");
  a.has_card = true;
  return a;
}
inline MotoSetupAnswer failed(std::string code, std::string message = {}) {
  MotoSetupAnswer a = moto_answer(ActionStatus::failed);
  a.reader.action->failure_code = std::move(code);
  a.reader.action->failure_message = std::move(message);
  return a;
}

inline Error server_error(int status, std::string code) {
  Error e = invalid_request(std::move(code), "refused");
  e.http_status = status;
  return e;
}

struct MotoShell {
  MotoSetup flow = moto_flow();
  int64_t now = kMotoT0;
  std::optional<SendRequest> pending;
  std::vector<SendRequest> sent;
  std::map<uint32_t, int64_t> timers;  // id → due time
  std::vector<ReaderActionPresentation> presents;
  std::optional<Finish> finish;

  void take(Effects effects) {
    for (Effect& e : effects) {
      ASSERT_FALSE(finish) << "an effect after Finish";
      if (auto* r = std::get_if<SendRequest>(&e)) {
        pending = *r;
        sent.push_back(*r);
      } else if (auto* w = std::get_if<ScheduleWake>(&e)) {
        timers[w->timer_id] = now + w->delay_ms;
      } else if (auto* c = std::get_if<CancelTimer>(&e)) {
        timers.erase(c->timer_id);
      } else if (auto* p = std::get_if<Present>(&e)) {
        EXPECT_EQ(p->kind, Present::Kind::reader_action);
        presents.push_back(p->reader_action);
      } else if (auto* f = std::get_if<Finish>(&e)) {
        finish = std::move(*f);
      }
    }
  }
  void start() { take(flow.start(now)); }
  uint32_t take_request() {
    EXPECT_TRUE(pending) << "no request in flight";
    const uint32_t id = pending ? pending->request_id : 0;
    pending.reset();
    return id;
  }
  void answer(MotoSetupAnswer a) { take(flow.on_response({take_request(), 200, std::move(a), std::nullopt}, now)); }
  void refuse(Error e) {
    const int status = e.http_status;
    take(flow.on_response({take_request(), status, std::nullopt, std::move(e)}, now));
  }
  void network_failure() { take(flow.on_network_failure(take_request(), now)); }
  void cancel() { take(flow.on_cancel(now)); }
  // Moves the clock on by `ms`, firing each timer when it falls due.
  void advance(int64_t ms) {
    const int64_t until = now + ms;
    while (!finish) {
      auto next = timers.end();
      for (auto it = timers.begin(); it != timers.end(); ++it) {
        if (it->second <= until && (next == timers.end() || it->second < next->second)) next = it;
      }
      if (next == timers.end()) break;
      now = std::max(now, next->second);
      const uint32_t id = next->first;
      timers.erase(next);
      take(flow.on_timer(id, now));
    }
    now = std::max(now, until);
  }
  // Until the next request goes (a poll or a retry).
  void until_request() {
    for (int i = 0; i < 100 && !pending && !finish; ++i) advance(1000);
  }
  const ReaderActionPresentation& shown() const { return presents.back(); }
};

}  // namespace setupflow::testing
