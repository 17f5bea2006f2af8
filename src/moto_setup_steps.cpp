// The MOTO machine's transitions. What an answer means (interpret):
//  - setup_intent succeeded with a card: succeeded (whatever the phase: a
//    card that came before the cancel was saved).
//  - the reader's action for this SetupIntent failed: "customer_canceled" is
//    the customer's cancel on the reader (canceled); any other failure is a
//    decline (card_error with the failure code, the decline code from
//    last_setup_error).
//  - the action in progress (or succeeded, the SetupIntent not yet): keep
//    watching. An offline reader is given kReaderGraceMs to come back.
//  - no action for this SetupIntent (cleared, or replaced by another): a
//    failure recorded on the SetupIntent is a decline, a canceled SetupIntent
//    a cancel; otherwise the reader lost the action ("reader_lost").
// A cancel (the agent's, the time limit's, a lost reader's) is sent once the
// SetupIntent is known. Refused with terminal_reader_busy or
// intent_invalid_state, the card is being processed: watching goes on, and
// its answers decide. Otherwise the reason decides: canceled, expired
// ("moto_setup_timeout") or error ("reader_lost").
#include <optional>
#include <string>
#include <utility>

#include "moto_setup_internal.hpp"

namespace setupflow {
namespace {

using Phase = ReaderActionPresentation::Phase;

Error decline(const MotoReaderAction& action, const MotoSetupIntent& si) {
  Error e;
  e.type = ErrorType::card_error;
  e.code = !action.failure_code.empty() ? action.failure_code : std::string("card_declined");
  if (si.last_setup_error) {
    e.decline_code = si.last_setup_error->decline_code;
    e.message = si.last_setup_error->message;
  }
  if (!action.failure_message.empty()) {
    e.message = action.failure_message;
  }
  if (e.message.empty()) {
    e.message = "The card was declined.";
  }
  return e;
}

Error decline_from(const MotoSetupError& last) {
  return decline(MotoReaderAction{ActionStatus::failed, {}, last.code, {}, {}},
                 MotoSetupIntent{{}, {}, last});
}

Error reader_lost() {
  return invalid_request("reader_lost",
                         "The reader stopped waiting for the card (it went offline, or its action "
                         "was cleared or replaced). Check the reader and start again.");
}

bool busy_refusal(const Error& e) {
  return e.code == "terminal_reader_busy" || e.code == "intent_invalid_state";
}

}  // namespace

void MotoStep::finish(Outcome outcome, std::optional<Error> error) {
  s_.driver.stop(out_);
  s_.phase = MotoPhase::done;
  out_.push_back(Finish{outcome, std::nullopt, std::move(error), s_.answered});
}

void MotoStep::reject(Error&& error) {
  s_.answered = false;  // the malformed body is not an object to hand out
  finish(Outcome::error, std::move(error));
}

void MotoStep::fail(Error&& error) {
  if (s_.driver.back_off(out_)) {
    return;
  }
  if (s_.phase == MotoPhase::canceling) {
    return end_cancel(std::move(error));
  }
  finish(Outcome::error, std::move(error));
}

void MotoStep::refused(Error&& error) {
  switch (s_.phase) {
    case MotoPhase::starting:
      // Nothing was started: an agent's cancel is simply done.
      if (s_.cancel_reason == CancelReason::agent) {
        return finish(Outcome::canceled, std::nullopt);
      }
      return finish(Outcome::error, std::move(error));
    case MotoPhase::canceling:
      if (busy_refusal(error)) {
        s_.cancel_reason = CancelReason::none;
        s_.offline_since_ms = -1;  // a lost reader gets its grace again
        return watch();
      }
      return end_cancel(std::move(error));
    default:
      return finish(Outcome::error, std::move(error));
  }
}

void MotoStep::on_answer(MotoSetupAnswer&& answer, int64_t now_ms) {
  const bool first = s_.phase == MotoPhase::starting;
  if (answer.reader.id != s_.params.reader ||
      (!first && answer.setup_intent.id != s_.setup_intent_id)) {
    return reject(api_error("invalid_response",
                            "The server answered about another reader or SetupIntent."));
  }
  s_.answered = true;
  s_.setup_intent_id = answer.setup_intent.id;
  s_.reader_status = answer.reader.status == ReaderStatus::online ? "online" : "offline";
  const MotoSetupIntent& si = answer.setup_intent;
  if (si.status == "succeeded" && answer.has_card) {
    return finish(Outcome::succeeded, std::nullopt);
  }
  if (s_.phase == MotoPhase::canceling) {
    return end_cancel(std::nullopt);
  }
  if (first && s_.cancel_reason != CancelReason::none) {
    return send_cancel(s_.cancel_reason);  // what the start made is canceled
  }
  interpret(answer, now_ms);
}

void MotoStep::interpret(const MotoSetupAnswer& answer, int64_t now_ms) {
  const MotoSetupIntent& si = answer.setup_intent;
  const std::optional<MotoReaderAction>& action = answer.reader.action;
  if (si.status == "succeeded") {
    return reject(api_error("invalid_response", "The SetupIntent succeeded without a card."));
  }
  if (action && action->setup_intent == si.id) {
    if (action->status == ActionStatus::failed) {
      if (action->failure_code == "customer_canceled") {
        Error e = invalid_request("customer_canceled", "The customer canceled on the reader.");
        if (!action->failure_message.empty()) {
          e.message = action->failure_message;
        }
        return finish(Outcome::canceled, std::move(e));
      }
      return finish(Outcome::declined, decline(*action, si));
    }
  } else if (si.last_setup_error) {
    return finish(Outcome::declined, decline_from(*si.last_setup_error));
  } else if (si.status == "canceled") {
    return finish(Outcome::canceled, invalid_request("setup_intent_canceled",
                                                     "The SetupIntent was canceled elsewhere."));
  } else {
    return request_cancel(CancelReason::reader_lost);
  }
  if (answer.reader.status == ReaderStatus::online) {
    s_.offline_since_ms = -1;
  } else if (s_.offline_since_ms < 0) {
    s_.offline_since_ms = now_ms;
  } else if (now_ms - s_.offline_since_ms > MotoSetup::kReaderGraceMs) {
    return request_cancel(CancelReason::reader_lost);
  }
  watch();
}

// Polls the setup (the step's request from now on) and shows the wait.
void MotoStep::watch() {
  if (s_.phase != MotoPhase::watching) {
    s_.phase = MotoPhase::watching;
    s_.driver.poll_step(build_moto_watch_request(s_));
  }
  present(Phase::waiting);
  s_.driver.schedule_poll(out_);
}

void MotoStep::send_cancel(CancelReason reason) {
  s_.cancel_reason = reason;
  s_.phase = MotoPhase::canceling;
  ++s_.cancels_sent;
  present(Phase::canceling);
  s_.driver.send_step(build_moto_cancel_request(s_), out_);
}

// While the start is in flight the cancel waits for its answer (the
// SetupIntent it names); while watching it goes now; while canceling, the
// cancel in flight serves (an agent's reason replaces the others).
void MotoStep::request_cancel(CancelReason reason) {
  switch (s_.phase) {
    case MotoPhase::starting:
      if (s_.cancel_reason != CancelReason::agent) {
        s_.cancel_reason = reason;
      }
      if (reason == CancelReason::agent) {
        present(Phase::canceling);
      }
      return;
    case MotoPhase::watching:
      return send_cancel(reason);
    case MotoPhase::canceling:
      if (reason == CancelReason::agent) {
        s_.cancel_reason = reason;
      }
      return;
    default:
      return;
  }
}

void MotoStep::cancel_by_agent() {
  if (s_.phase == MotoPhase::idle) {
    return finish(Outcome::canceled, std::nullopt);
  }
  request_cancel(CancelReason::agent);
}

void MotoStep::check_deadline(int64_t now_ms) {
  if (s_.deadline_handled || s_.phase == MotoPhase::done || !s_.driver.past_deadline(now_ms)) {
    return;
  }
  s_.deadline_handled = true;
  request_cancel(CancelReason::deadline);
}

// The cancel ended (answered, or given up with `cancel_error`): the reason
// decides the outcome.
void MotoStep::end_cancel(std::optional<Error> cancel_error) {
  switch (s_.cancel_reason) {
    case CancelReason::deadline:
      return finish(Outcome::expired,
                    invalid_request("moto_setup_timeout",
                                    "The card was not keyed in before the time limit; the "
                                    "reader's action was canceled."));
    case CancelReason::reader_lost:
      return finish(Outcome::error, reader_lost());
    default:
      // The agent's: done, unless the cancel itself failed (the action may
      // still be live on the reader).
      return cancel_error ? finish(Outcome::error, std::move(cancel_error))
                          : finish(Outcome::canceled, std::nullopt);
  }
}

void MotoStep::present(Phase phase) {
  ReaderActionPresentation now{phase, s_.params.reader, s_.reader_status, s_.setup_intent_id};
  if (s_.shown && s_.shown->phase == now.phase && s_.shown->reader_status == now.reader_status &&
      s_.shown->setup_intent_id == now.setup_intent_id) {
    return;
  }
  s_.shown = now;
  out_.push_back(Present{Present::Kind::reader_action, {}, std::move(now)});
}

}  // namespace setupflow
