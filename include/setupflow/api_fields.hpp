// The field tables of the API objects setupflow reads (WIRE.md): one table
// per object, so each field is listed once for every reader. A table names
// the members read alike (the plain strings of an object, or the members a
// flow only type-checks); members with their own rules (ids, statuses,
// expandables, lists, nested objects) are read by name in the object's
// mapping (intent_reader.hpp, response_reader.hpp).
#pragma once

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

// The fields the confirm flow does not use, in read_intent's reading order:
// those read before next_action, those after it, and each kind's own.
inline constexpr FieldCheck kUnusedBeforeNextAction[] = {
    {"customer", Expect::expandable},
    {"payment_method", Expect::expandable},
    {"payment_method_types", Expect::string_list},
};
inline constexpr FieldCheck kUnusedAfterLastError[] = {
    {"mandate", Expect::expandable}, {"cancellation_reason", Expect::string},
    {"livemode", Expect::boolean},   {"created", Expect::integer},
    {"metadata", Expect::string_map},
};
inline constexpr FieldCheck kUnusedSetupFields[] = {{"usage", Expect::string}};
inline constexpr FieldCheck kUnusedPaymentFields[] = {
    {"amount", Expect::integer},
    {"currency", Expect::string},
    {"setup_future_usage", Expect::string},
    {"capture_method", Expect::string},
    {"statement_descriptor", Expect::string},
};

}  // namespace detail
}  // namespace setupflow
