// libFuzzer: drives a CashappConfirm with an arbitrary event sequence decoded
// from the input (responses with random statuses and intents, network
// failures, timers, visibility, cancel, clock jumps) and checks the machine's
// invariants after every step:
//  - at most one request in flight; request and timer ids strictly increase;
//  - every POST is the same confirm (same URL, body and Idempotency-Key), and
//    GETs carry no key;
//  - CancelTimer names only pending timers; delays are never negative;
//  - Dismiss only while a QR is up, and Finish leaves none up;
//  - Finish (or Navigate) at most once, and nothing at all afterwards;
//  - Finish's outcome agrees with what it carries (check_outcome).
#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "setupflow/cashapp_confirm.hpp"
#include "timer_ids.hpp"

namespace {

using namespace setupflow;

void check(bool ok) {
  if (!ok) __builtin_trap();
}

constexpr const char* kSetupSecret = "seti_1Abc_secret_Xyz";
constexpr const char* kPaymentSecret = "pi_2Def_secret_Uvw";

std::string pick_url(FuzzedDataProvider& in) {
  static const char* const urls[] = {"https://pay.example.test/a", "",
                                     "javascript:alert(1)",        "http://127.0.0.1:1/x",
                                     "http://evil.example/",       "data:text/html,x",
                                     "https://u:p@x.example/"};
  return urls[in.ConsumeIntegralInRange<size_t>(0, std::size(urls) - 1)];
}

Intent make_intent(FuzzedDataProvider& in, IntentKind kind) {
  Intent it;
  it.kind = in.ConsumeIntegralInRange<int>(0, 15) == 0 ? IntentKind(1 - int(kind)) : kind;
  const int id_choice = in.ConsumeIntegralInRange<int>(0, 15);
  it.id = id_choice == 0 ? "seti_other" : (kind == IntentKind::setup ? "seti_1Abc" : "pi_2Def");
  it.status = static_cast<IntentStatus>(in.ConsumeIntegralInRange<int>(0, 6));
  if (in.ConsumeBool()) {
    NextAction na;
    const int type = in.ConsumeIntegralInRange<int>(0, 5);
    na.type = type == 0 ? "redirect_to_url" : std::string(kCashappNextActionType);
    if (type != 1) {
      CashappNextAction c;
      c.hosted_instructions_url = pick_url(in);
      c.mobile_auth_url = pick_url(in);
      c.qr_code.image_url_svg = pick_url(in);
      const int data = in.ConsumeIntegralInRange<int>(0, 4);
      c.qr_code.data = data == 0   ? std::string()
                       : data == 4 ? std::string(3000, 'x')
                                   : "qr-" + std::to_string(data);
      c.qr_code.expires_at = in.ConsumeBool()
                                 ? in.ConsumeIntegral<int64_t>()
                                 : 1767225600 + in.ConsumeIntegralInRange<int64_t>(-60, 120);
      na.cashapp = c;
    }
    it.next_action = na;
  }
  if (in.ConsumeBool()) {
    it.last_error =
        LastError{in.ConsumeBool() ? "card_error" : in.ConsumeRandomLengthString(16),
                  in.ConsumeRandomLengthString(16), "", in.ConsumeRandomLengthString(16), ""};
  }
  return it;
}

struct Harness {
  CashappConfirm flow;
  CashappParams params;
  int64_t now = 1767225600000;
  std::optional<uint32_t> in_flight;
  std::set<uint32_t> timers;
  uint32_t last_request = 0;
  uint32_t last_timer = 0;
  std::optional<SendRequest> first_post;
  bool qr_up = false;
  bool ended = false;

  void apply(const Effects& effects) {
    if (ended) check(effects.empty());
    for (const Effect& e : effects) {
      check(!ended);
      if (const auto* r = std::get_if<SendRequest>(&e)) {
        check(!in_flight.has_value());
        check(r->request_id > last_request);
        last_request = r->request_id;
        in_flight = r->request_id;
        if (r->method == "POST") {
          check(params.operation == FlowOperation::confirm);
          check(r->idempotency_key == params.idempotency_key);
          if (!first_post) first_post = *r;
          check(r->url == first_post->url && r->body == first_post->body &&
                r->headers == first_post->headers);
        } else {
          check(r->method == "GET" && r->idempotency_key.empty() && r->body.empty());
        }
      } else if (const auto* w = std::get_if<ScheduleWake>(&e)) {
        check(w->timer_id > last_timer && w->delay_ms >= 0);
        last_timer = w->timer_id;
        timers.insert(w->timer_id);
      } else if (const auto* c = std::get_if<CancelTimer>(&e)) {
        check(timers.erase(c->timer_id) == 1);
      } else if (const auto* p = std::get_if<Present>(&e)) {
        check(p->kind == Present::Kind::qr);
        const QrPresentation* s = &p->qr;
        check(!s->data.empty() || !s->image_url_svg.empty());
        check(s->data.empty() == s->svg_path.empty());
        qr_up = true;
      } else if (std::holds_alternative<Dismiss>(e)) {
        check(qr_up);
        qr_up = false;
      } else if (std::holds_alternative<Navigate>(e)) {
        check(params.device == Device::mobile && !qr_up);
        ended = true;
      } else if (const auto* f = std::get_if<Finish>(&e)) {
        check(!qr_up && (f->intent.has_value() || f->error.has_value()));
        if (f->error) check(!f->error->is_integration_error());
        check_outcome(*f);
        ended = true;
      }
    }
    if (ended) {
      check(flow.finished());
      check(timers.empty());
      in_flight.reset();
    }
  }

  // The outcome agrees with what Finish carries.
  void check_outcome(const Finish& f) const {
    switch (f.outcome) {
      case Outcome::succeeded:
      case Outcome::processing:
      case Outcome::requires_action:
      case Outcome::retrieved:
        check(f.intent.has_value() && !f.error.has_value());
        break;
      case Outcome::declined:
      case Outcome::expired:
      case Outcome::error:
        check(f.error.has_value());
        break;
      case Outcome::unexpected_state:  // canceled: with an error; requires_confirmation: without
        check(f.intent.has_value());
        break;
      case Outcome::canceled:
        check(f.intent.has_value() != f.error.has_value());
        break;
    }
    if (f.outcome == Outcome::retrieved) check(params.operation == FlowOperation::retrieve);
  }

  uint32_t some_request_id(FuzzedDataProvider& in) {
    if (in_flight && in.ConsumeIntegralInRange<int>(0, 7) != 0) return *in_flight;
    return in.ConsumeIntegral<uint32_t>();
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  CashappParams p;
  p.operation = static_cast<FlowOperation>(in.ConsumeIntegralInRange<int>(0, 2));
  p.expected_kind = in.ConsumeBool() ? IntentKind::setup : IntentKind::payment;
  p.client_secret = p.expected_kind == IntentKind::setup ? kSetupSecret : kPaymentSecret;
  p.return_url = "https://shop.example/return";
  p.handle_actions = in.ConsumeIntegralInRange<int>(0, 3) != 0;
  p.expand_payment_method = in.ConsumeBool();
  p.device = in.ConsumeBool() ? Device::desktop : Device::mobile;
  p.idempotency_key = "key-" + std::to_string(in.ConsumeIntegral<uint16_t>());
  if (in.ConsumeBool()) p.payment_method = "pm_123";
  Result<CashappConfirm> made =
      CashappConfirm::create(FlowConfig{"pk_test_abc", "https://api.example.test"}, p);
  check(made.ok());
  Harness h{std::move(made).value(), p};
  h.apply(h.flow.start(h.now));
  check(h.in_flight.has_value());

  static const int kStatuses[] = {200, 200, 200, 201, 400, 401, 402, 404,
                                  409, 429, 500, 502, 503, 0,   302, 999};
  for (int steps = 0; steps < 256 && in.remaining_bytes() > 0; ++steps) {
    switch (in.ConsumeIntegralInRange<int>(0, 7)) {
      case 0:
      case 1: {  // a response
        HttpResponse r;
        r.request_id = h.some_request_id(in);
        r.status = kStatuses[in.ConsumeIntegralInRange<size_t>(0, std::size(kStatuses) - 1)];
        const int body = in.ConsumeIntegralInRange<int>(0, 3);
        if (body <= 1) r.intent = make_intent(in, p.expected_kind);
        if (body >= 1 && body != 3) r.error = api_error(in.ConsumeRandomLengthString(12), "m");
        const bool ours = h.in_flight && r.request_id == *h.in_flight;
        if (ours) h.in_flight.reset();
        const Effects e = h.flow.on_response(r, h.now);
        if (!ours) check(e.empty());
        h.apply(e);
        break;
      }
      case 2: {  // a network failure
        const uint32_t id = h.some_request_id(in);
        const bool ours = h.in_flight && id == *h.in_flight;
        if (ours) h.in_flight.reset();
        const Effects e = h.flow.on_network_failure(id, h.now);
        if (!ours) check(e.empty());
        h.apply(e);
        break;
      }
      case 3: {  // a timer: a pending one, or any id
        const uint32_t id = setupflow::fuzz::some_timer_id(in, h.timers);
        const bool pending = h.timers.erase(id) == 1;
        const Effects e = h.flow.on_timer(id, h.now);
        if (!pending) check(e.empty());
        h.apply(e);
        break;
      }
      case 4: {  // visibility, directly or as the bindings pass it (on_event)
        const bool visible = in.ConsumeBool();
        h.apply(in.ConsumeBool() ? h.flow.on_visibility(visible, h.now)
                                 : h.flow.on_event({FlowEvent::Type::visibility, 0, 0, visible}, h.now));
        break;
      }
      case 5:
        if (in.ConsumeIntegralInRange<int>(0, 3) == 0) {
          h.apply(in.ConsumeBool() ? h.flow.on_cancel(h.now)
                                   : h.flow.on_event({FlowEvent::Type::cancel, 0, 0, false}, h.now));
        }
        break;
      case 6:  // the clock: mostly forward, sometimes anywhere
        if (in.ConsumeIntegralInRange<int>(0, 15) == 0) {
          h.now = in.ConsumeIntegral<int64_t>();
        } else if (h.now <= INT64_MAX - 700000) {
          h.now += in.ConsumeIntegralInRange<int64_t>(0, 700000);
        }
        break;
      case 7:
        check(h.flow.start(h.now).empty());
        break;
    }
    // A live flow always has a way forward: a request in flight or a timer.
    if (!h.ended) check(h.in_flight.has_value() || !h.timers.empty());
  }
  return 0;
}
