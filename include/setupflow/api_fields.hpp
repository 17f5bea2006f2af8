// The field tables of the API objects setupflow reads (WIRE.md): one table
// per object, so each field is listed once for every reader. A table names
// the members read alike (the plain strings of an object, or an intent's
// fields the confirm flow does not use: type-checked by a flow-only reader,
// stored by the others); members with their own rules (ids, statuses, the
// next action, the last error) are read by name in the object's mapping
// (intent_reader.hpp, response_reader.hpp). The native writer and the tests
// go through the tables too.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "setupflow/errors.hpp"
#include "setupflow/intent.hpp"
#include "setupflow/json_field_check.hpp"
#include "setupflow/json_reader.hpp"

namespace setupflow {
namespace detail {

// last_setup_error / last_payment_error.
inline constexpr StringField<LastError> kLastErrorStrings[] = {
    {"type", &LastError::type},
    {"code", &LastError::code},
    {"decline_code", &LastError::decline_code},
    {"message", &LastError::message},
    {"param", &LastError::param},
};
inline constexpr StringField<CashappNextAction> kCashappStrings[] = {
    {"hosted_instructions_url", &CashappNextAction::hosted_instructions_url},
    {"mobile_auth_url", &CashappNextAction::mobile_auth_url},
};
inline constexpr StringField<CashappQrCode> kQrCodeStrings[] = {
    {"image_url_png", &CashappQrCode::image_url_png},
    {"image_url_svg", &CashappQrCode::image_url_svg},
    {"data", &CashappQrCode::data},
};
inline constexpr StringField<Error> kErrorBodyStrings[] = {
    {"code", &Error::code},       {"message", &Error::message},
    {"param", &Error::param},     {"decline_code", &Error::decline_code},
    {"doc_url", &Error::doc_url},
};

// An intent's top-level field the confirm flow does not use: how it is
// checked, and where read_intent stores it for a reader that stores every
// field (a kFlowFieldsOnly reader only checks it). An optional string is read
// with opt_expandable when `expect` is Expect::expandable, else opt_string.
using IntentMember = std::variant<std::string Intent::*, std::optional<std::string> Intent::*,
                                  std::vector<std::string> Intent::*, bool Intent::*,
                                  int64_t Intent::*, Metadata Intent::*>;
struct IntentField {
  std::string_view key;
  Expect expect;
  IntentMember member;
};

// Those fields in read_intent's reading order (which decides the first
// error): those read before status, before next_action, after the last
// error, and each kind's own.
inline constexpr IntentField kUnusedBeforeStatus[] = {
    {"client_secret", Expect::string, &Intent::client_secret},
};
inline constexpr IntentField kUnusedBeforeNextAction[] = {
    {"customer", Expect::expandable, &Intent::customer},
    {"payment_method", Expect::expandable, &Intent::payment_method},
    {"payment_method_types", Expect::string_list, &Intent::payment_method_types},
};
inline constexpr IntentField kUnusedAfterLastError[] = {
    {"mandate", Expect::expandable, &Intent::mandate},
    {"cancellation_reason", Expect::string, &Intent::cancellation_reason},
    {"livemode", Expect::boolean, &Intent::livemode},
    {"created", Expect::integer, &Intent::created},
    {"metadata", Expect::string_map, &Intent::metadata},
};
inline constexpr IntentField kUnusedSetupFields[] = {
    {"usage", Expect::string, &Intent::usage},
};
inline constexpr IntentField kUnusedPaymentFields[] = {
    {"amount", Expect::integer, &Intent::amount},
    {"currency", Expect::string, &Intent::currency},
    {"setup_future_usage", Expect::string, &Intent::setup_future_usage},
    {"capture_method", Expect::string, &Intent::capture_method},
    {"statement_descriptor", Expect::string, &Intent::statement_descriptor},
};

// Calls f(field) for every IntentField of a `kind` intent, in reading order:
// for the writer (intent_json.cpp) and the tests, so a field added to a
// table above is written and tested with no other edit.
template <class F>
void for_each_intent_field(IntentKind kind, F&& f) {
  using Table = std::span<const IntentField>;
  const Table own =
      kind == IntentKind::setup ? Table(kUnusedSetupFields) : Table(kUnusedPaymentFields);
  for (const Table table : {Table(kUnusedBeforeStatus), Table(kUnusedBeforeNextAction),
                            Table(kUnusedAfterLastError), own}) {
    for (const IntentField& field : table) {
      f(field);
    }
  }
}

}  // namespace detail
}  // namespace setupflow
