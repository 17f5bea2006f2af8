// A scripted shell with a fake clock for driving a CashappConfirm in tests.
//
// The shell records every effect, keeps the pending request and the pending
// timers, and fires timers in due order when the clock advances. It also
// checks the machine's invariants on every step (at most one request in
// flight, ids strictly increasing from 1, Finish at most once, nothing after
// Finish or Navigate), so every test checks them too.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "setupflow/cashapp_confirm.hpp"

namespace setupflow::testing {

inline constexpr const char* kKey = "pk_test_abc123";
inline constexpr const char* kBase = "https://api.example.test";
inline constexpr const char* kSetupSecret = "seti_123abc_secret_xyz789";
inline constexpr const char* kSetupId = "seti_123abc";
inline constexpr const char* kPaymentSecret = "pi_456def_secret_uvw000";
inline constexpr const char* kPaymentId = "pi_456def";
inline constexpr const char* kReturnUrl = "https://shop.example/return?order=1";
inline constexpr const char* kIdem = "idem-0f8c2a";
inline constexpr int64_t kT0 = 1767225600000;  // ms; 1767225600 s
inline constexpr int64_t kT0Seconds = kT0 / 1000;

inline FlowConfig config() { return FlowConfig{kKey, kBase}; }

inline CashappParams params(FlowOperation op = FlowOperation::confirm,
                         IntentKind kind = IntentKind::setup) {
  CashappParams p;
  p.operation = op;
  p.expected_kind = kind;
  p.client_secret = kind == IntentKind::setup ? kSetupSecret : kPaymentSecret;
  p.return_url = kReturnUrl;
  p.idempotency_key = kIdem;
  return p;
}

inline Intent intent(IntentStatus status, IntentKind kind = IntentKind::setup) {
  Intent in;
  in.kind = kind;
  in.id = kind == IntentKind::setup ? kSetupId : kPaymentId;
  in.client_secret = kind == IntentKind::setup ? kSetupSecret : kPaymentSecret;
  in.status = status;
  in.payment_method_types = {"cashapp"};
  return in;
}

inline Intent requires_action(std::string data = "https://cash.app/pay/grant/GRR_1",
                              int64_t expires_at = kT0Seconds + 30,
                              IntentKind kind = IntentKind::setup) {
  Intent in = intent(IntentStatus::requires_action, kind);
  CashappNextAction c;
  c.hosted_instructions_url = "https://pay.example.test/instructions";
  c.mobile_auth_url = "https://pay.example.test/authorize/abc";
  c.qr_code.expires_at = expires_at;
  c.qr_code.image_url_png = "https://qr.example.test/1.png";
  c.qr_code.image_url_svg = "https://qr.example.test/1.svg";
  c.qr_code.data = std::move(data);
  in.next_action = NextAction{std::string(kCashappNextActionType), c};
  return in;
}

inline Intent declined(IntentKind kind = IntentKind::setup) {
  Intent in = intent(IntentStatus::requires_payment_method, kind);
  in.last_error = LastError{"card_error", "payment_method_provider_decline", "insufficient_funds",
                            "Cash App declined the payment method.", ""};
  return in;
}

inline Error error_body(ErrorType type, std::string code, std::string message) {
  Error e;
  e.type = type;
  e.code = std::move(code);
  e.message = std::move(message);
  return e;
}

template <class T>
std::vector<T> all_of(const Effects& effects) {
  std::vector<T> out;
  for (const Effect& e : effects) {
    if (const T* t = std::get_if<T>(&e)) out.push_back(*t);
  }
  return out;
}

// The QR of a Present effect (the only presentation of this flow).
inline const QrPresentation& qr_of(const Effect& effect) {
  const Present& p = std::get<Present>(effect);
  EXPECT_EQ(p.kind, Present::Kind::qr);
  return p.qr;
}

template <class T>
size_t count_of(const Effects& effects) {
  return all_of<T>(effects).size();
}

// Effect kinds in order, e.g. "Dismiss,CancelTimer,Finish", for exact checks.
inline std::string kinds(const Effects& effects) {
  static const char* const names[] = {"SendRequest",  "Present",     "Dismiss", "Navigate",
                                      "ScheduleWake", "CancelTimer", "Finish"};
  std::string out;
  for (const Effect& e : effects) {
    if (!out.empty()) out += ',';
    out += names[e.index()];
  }
  return out;
}

class Shell {
 public:
  explicit Shell(CashappConfirm flow, int64_t now_ms = kT0) : flow(std::move(flow)), now(now_ms) {}

  static Shell make(CashappParams p = params(), FlowConfig c = config()) {
    Result<CashappConfirm> r = CashappConfirm::create(std::move(c), std::move(p));
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return Shell(std::move(r).value());
  }

  Effects start() { return apply(flow.start(now)); }

  // Answers the pending request.
  Effects respond(int status, std::optional<Intent> in, std::optional<Error> error = std::nullopt) {
    EXPECT_TRUE(pending.has_value()) << "no request to answer";
    HttpResponse r;
    r.request_id = pending ? pending->request_id : 0;
    r.status = status;
    r.intent = std::move(in);
    r.error = std::move(error);
    if (r.error) r.error->http_status = status;
    pending.reset();
    return apply(flow.on_response(r, now));
  }
  Effects respond(const Intent& in) { return respond(200, in); }
  Effects respond_error(int status, ErrorType type = ErrorType::api_error, std::string code = "") {
    return respond(status, std::nullopt,
                   error_body(type, std::move(code), "HTTP " + std::to_string(status)));
  }
  Effects fail_network() {
    EXPECT_TRUE(pending.has_value()) << "no request to fail";
    const uint32_t id = pending ? pending->request_id : 0;
    pending.reset();
    return apply(flow.on_network_failure(id, now));
  }

  // Moves the clock by `ms`, firing due timers in order at their due times.
  Effects advance(int64_t ms) {
    const int64_t target = now + ms;
    Effects out;
    for (;;) {
      auto next = timers.end();
      for (auto it = timers.begin(); it != timers.end(); ++it) {
        if (it->second <= target && (next == timers.end() || it->second < next->second)) next = it;
      }
      if (next == timers.end()) break;
      now = std::max(now, next->second);
      const uint32_t id = next->first;
      timers.erase(next);
      Effects e = apply(flow.on_timer(id, now));
      out.insert(out.end(), e.begin(), e.end());
    }
    now = target;
    return out;
  }
  Effects visibility(bool visible) { return apply(flow.on_visibility(visible, now)); }
  Effects cancel() { return apply(flow.on_cancel(now)); }

  // The single pending timer's delay from when it was scheduled.
  std::optional<int64_t> last_wake_delay() const {
    return last_wake ? std::optional(last_wake->delay_ms) : std::nullopt;
  }

  std::optional<Finish> finish() const {
    for (const Effect& e : log) {
      if (const Finish* f = std::get_if<Finish>(&e)) return *f;
    }
    return std::nullopt;
  }

  CashappConfirm flow;
  int64_t now;
  std::optional<SendRequest> pending;
  std::vector<SendRequest> requests;
  std::map<uint32_t, int64_t> timers;  // id → due time
  std::optional<ScheduleWake> last_wake;
  Effects log;
  bool qr_visible = false;

 private:
  Effects apply(Effects effects) {
    if (ended_ && !effects.empty())
      ADD_FAILURE() << "effects after Finish/Navigate: " << kinds(effects);
    for (const Effect& e : effects) {
      if (const SendRequest* r = std::get_if<SendRequest>(&e)) {
        EXPECT_FALSE(pending.has_value()) << "two requests in flight";
        EXPECT_GT(r->request_id, last_request_id_) << "request ids must increase";
        last_request_id_ = r->request_id;
        pending = *r;
        requests.push_back(*r);
      } else if (const ScheduleWake* w = std::get_if<ScheduleWake>(&e)) {
        EXPECT_GT(w->timer_id, last_timer_id_) << "timer ids must increase";
        EXPECT_GE(w->delay_ms, 0);
        last_timer_id_ = w->timer_id;
        timers[w->timer_id] = now + w->delay_ms;
        last_wake = *w;
      } else if (const CancelTimer* c = std::get_if<CancelTimer>(&e)) {
        EXPECT_EQ(timers.erase(c->timer_id), 1u) << "cancelled a timer that was not pending";
      } else if (std::holds_alternative<Present>(e)) {
        qr_visible = true;
      } else if (std::holds_alternative<Dismiss>(e)) {
        EXPECT_TRUE(qr_visible) << "Dismiss without a QR";
        qr_visible = false;
      } else if (std::holds_alternative<Finish>(e) || std::holds_alternative<Navigate>(e)) {
        EXPECT_FALSE(ended_) << "second Finish/Navigate";
        ended_ = true;
        // The machine cleans up after itself: nothing may be left pending.
        EXPECT_FALSE(qr_visible) << "Finish with the QR still up";
      }
    }
    if (ended_) {
      EXPECT_TRUE(timers.empty()) << "timers left pending after the end";
      pending.reset();  // a finished flow ignores the in-flight answer
    }
    log.insert(log.end(), effects.begin(), effects.end());
    return effects;
  }

  bool ended_ = false;
  uint32_t last_request_id_ = 0;
  uint32_t last_timer_id_ = 0;
};

}  // namespace setupflow::testing
