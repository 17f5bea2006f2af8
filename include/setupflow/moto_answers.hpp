// What the merchant's MOTO routes answer (docs/moto.md, js/server/moto.mjs),
// as the MOTO machines read it: only the members they decide with. The
// others are type-checked (moto_answer_reader.hpp) and reach the page in the
// kept body, never through these structs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "setupflow/errors.hpp"

namespace setupflow {

enum class ReaderStatus { online, offline };
enum class ActionStatus { in_progress, succeeded, failed };

// reader.action: what the reader was asked to do, and how far it got.
struct MotoReaderAction {
  ActionStatus status = ActionStatus::in_progress;
  std::string type;             // "process_setup_intent", …
  std::string failure_code;     // failed: "card_declined", "customer_canceled", …
  std::string failure_message;
  std::string setup_intent;     // the SetupIntent the action processes, if any
};

struct MotoReader {
  std::string id;  // "tmr_…"
  ReaderStatus status = ReaderStatus::online;
  std::optional<MotoReaderAction> action;
};

// setup_intent.last_setup_error as the server passes it on.
struct MotoSetupError {
  std::string code;
  std::string decline_code;
  std::string message;
};

struct MotoSetupIntent {
  std::string id;      // "seti_…"
  std::string status;  // Stripe's SetupIntent status
  std::optional<MotoSetupError> last_setup_error;
};

// {setup_intent, reader, card}: the answer of the start, the watch and the
// cancel. Only whether a card came matters to the machine.
struct MotoSetupAnswer {
  MotoSetupIntent setup_intent;
  MotoReader reader;
  bool has_card = false;
};

// {readers: [reader]}.
struct MotoReadersAnswer {
  std::vector<MotoReader> readers;
};

// An HTTP answer as a MOTO machine takes it: the answer read from a 2xx body,
// or the error (the server's, or api_error "invalid_response" for a body that
// is not the documented shape: nothing of it is applied).
template <class Answer>
struct MotoResponse {
  uint32_t request_id = 0;
  int status = 0;
  std::optional<Answer> answer;
  std::optional<Error> error;
};

}  // namespace setupflow
