// Reading the MOTO routes' answers (moto_answers.hpp) over the Reader concept
// (json_reader.hpp), strictly: every documented member is type-checked, ids
// must have their prefix and statuses must be known ones, so a malformed
// answer is refused whole (api_error "invalid_response" naming the path).
// The field tables are in the style of api_fields.hpp: one per object.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "setupflow/json_field_check.hpp"
#include "setupflow/json_reader.hpp"
#include "setupflow/moto_answers.hpp"
#include "setupflow/response_reader.hpp"  // read_error_body, answered_error

namespace setupflow {
namespace detail {

// ---- field tables ------------------------------------------------------------------

// reader: what the machines do not decide with.
inline constexpr FieldCheck kMotoReaderChecks[] = {
    {"label", Expect::string},
    {"device_type", Expect::string},
    {"location", Expect::string},
};
inline constexpr StringField<MotoReaderAction> kReaderActionStrings[] = {
    {"type", &MotoReaderAction::type},
    {"failure_code", &MotoReaderAction::failure_code},
    {"failure_message", &MotoReaderAction::failure_message},
    {"setup_intent", &MotoReaderAction::setup_intent},
};
inline constexpr StringField<MotoSetupError> kMotoSetupErrorStrings[] = {
    {"code", &MotoSetupError::code},
    {"decline_code", &MotoSetupError::decline_code},
    {"message", &MotoSetupError::message},
};
// card: the page shows it; the machine only needs to know one came.
inline constexpr FieldCheck kMotoCardChecks[] = {
    {"brand", Expect::string},        {"last4", Expect::string},
    {"exp_month", Expect::integer},   {"exp_year", Expect::integer},
    {"allow_redisplay", Expect::string},
};

// ---- reads ---------------------------------------------------------------------------

// A required string member starting with `prefix_text` ("tmr_", "seti_").
template <Reader R>
std::string read_id(ReadState& st, const R& obj, std::string_view path, std::string_view key,
                    std::string_view prefix_text) {
  std::string id = string_or_empty(st, obj, path, key);
  if (id.size() <= prefix_text.size() || id.compare(0, prefix_text.size(), prefix_text) != 0) {
    st.fail(path, key, prefix_text == "tmr_" ? "a reader id (\"tmr_…\")" : "an id (\"seti_…\")");
  }
  return id;
}

// A required string member that is one of `names`: its index, or 0 and a
// failure naming `expectation`.
template <Reader R, size_t N>
size_t read_status(ReadState& st, const R& obj, std::string_view path, std::string_view key,
                   const std::string_view (&names)[N], std::string_view expectation) {
  const std::string text = string_or_empty(st, obj, path, key);
  for (size_t i = 0; i < N; ++i) {
    if (text == names[i]) {
      return i;
    }
  }
  st.fail(path, key, expectation);
  return 0;
}

// The member `key` of `obj`, required to be an object.
template <Reader R>
std::optional<R> required_object(ReadState& st, const R& obj, std::string_view path,
                                 std::string_view key) {
  std::optional<R> m = opt_object(st, obj, path, key);
  if (!m) {
    st.fail(path, key, "an object");
  }
  return m;
}

template <Reader R>
void read_moto_reader(ReadState& st, const R& obj, std::string_view path, MotoReader& out) {
  static constexpr std::string_view kReaderStatuses[] = {"online", "offline"};
  static constexpr std::string_view kActionStatuses[] = {"in_progress", "succeeded", "failed"};
  out.id = read_id(st, obj, path, "id", "tmr_");
  out.status = static_cast<ReaderStatus>(
      read_status(st, obj, path, "status", kReaderStatuses, "\"online\" or \"offline\""));
  check_fields(st, obj, kMotoReaderChecks, path);
  const std::optional<R> action = opt_object(st, obj, path, "action");
  if (!action) {
    return;
  }
  const std::string action_path = join_path(path, "action");
  MotoReaderAction& a = out.action.emplace();
  a.status = static_cast<ActionStatus>(read_status(
      st, *action, action_path, "status", kActionStatuses,
      "\"in_progress\", \"succeeded\" or \"failed\""));
  read_strings(st, *action, action_path, kReaderActionStrings, a);
}

template <Reader R>
void read_moto_answer(ReadState& st, const R& body, MotoSetupAnswer& out) {
  if (const std::optional<R> si = required_object(st, body, "", "setup_intent")) {
    out.setup_intent.id = read_id(st, *si, "setup_intent", "id", "seti_");
    out.setup_intent.status = string_or_empty(st, *si, "setup_intent", "status");
    if (out.setup_intent.status.empty()) {
      st.fail("setup_intent", "status", "a SetupIntent status");
    }
    if (const std::optional<R> e = opt_object(st, *si, "setup_intent", "last_setup_error")) {
      read_strings(st, *e, "setup_intent.last_setup_error", kMotoSetupErrorStrings,
                   out.setup_intent.last_setup_error.emplace());
    }
  }
  if (const std::optional<R> reader = required_object(st, body, "", "reader")) {
    read_moto_reader(st, *reader, "reader", out.reader);
  }
  if (const std::optional<R> card = opt_object(st, body, "", "card")) {
    out.has_card = true;
    if (string_or_empty(st, *card, "card", "id").empty()) {
      st.fail("card", "id", "a PaymentMethod id");
    }
    check_fields(st, *card, kMotoCardChecks, "card");
  }
}

template <Reader R>
void read_moto_answer(ReadState& st, const R& body, MotoReadersAnswer& out) {
  const std::optional<R> list = present(body, "readers");
  if (!list || list->kind() != JsonKind::array) {
    st.fail("readers", "an array of readers");
    return;
  }
  for (size_t i = 0, n = list->size(); i < n && !st.error; ++i) {
    const R item = list->at(i);
    const std::string path = item_path("", "readers", i);
    if (item.kind() != JsonKind::object) {
      st.fail(path, "an object");
      break;
    }
    out.readers.emplace_back();
    read_moto_reader(st, item, path, out.readers.back());
  }
}

}  // namespace detail

// What the shell received, as a MOTO machine's input: 2xx, the answer read
// from the body (nothing of it when malformed: then an api_error
// "invalid_response" naming the path); any other status, the error read from
// the body (read_error_body), http_status set. A missing or non-JSON body
// (body_or_null == nullptr) is an api_error with http_status set. Total.
template <class Answer, Reader R>
MotoResponse<Answer> read_moto_response(uint32_t request_id, int status, const R* body_or_null) {
  MotoResponse<Answer> out;
  out.request_id = request_id;
  out.status = status;
  const bool success = status >= 200 && status <= 299;
  if (body_or_null == nullptr) {
    out.error =
        detail::answered_error(success ? "invalid_response" : "", status, " without a JSON body.");
  } else if (!success) {
    out.error = read_error_body(*body_or_null, status);
  } else if (body_or_null->kind() != JsonKind::object) {
    out.error = detail::answered_error("invalid_response", status, " with a body that is not an object.");
  } else {
    detail::ReadState st;
    Answer answer;
    detail::read_moto_answer(st, *body_or_null, answer);
    if (st.error) {
      out.error = detail::with_status(std::move(*st.error), status);
    } else {
      out.answer.emplace(std::move(answer));
    }
  }
  return out;
}

}  // namespace setupflow
