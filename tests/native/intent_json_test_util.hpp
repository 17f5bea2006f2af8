// Shared by the intent JSON tests: fixtures, a field-by-field comparison and
// an intent with every field set (TheFullIntentSetsEveryField checks that it
// keeps up with the field tables).
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <fstream>
#include <sstream>
#include <string>
#include <variant>

#include "intent_json.hpp"
#include "setupflow/api_fields.hpp"

namespace setupflow::testing {

inline std::string fixture(const std::string& name) {
  std::ifstream in(std::string(SETUPFLOW_TEST_DATA_DIR) + "/" + name, std::ios::binary);
  EXPECT_TRUE(in.good()) << "missing fixture " << name;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline Intent parse_fixture(const std::string& name, IntentKind kind) {
  Result<Intent> r = parse_intent_json(fixture(name), kind);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? r.value() : Intent{};
}

// Calls f(field) once for every IntentField of either kind (api_fields.hpp).
template <class F>
void for_each_field_of_any_kind(F&& f) {
  detail::for_each_intent_field(IntentKind::setup, f);
  for (const detail::IntentField& field : detail::kUnusedPaymentFields) {
    f(field);
  }
}

// EXPECT_EQ on every string of a field table (api_fields.hpp).
template <class T, size_t N>
void expect_same_strings(const T& a, const T& b, const detail::StringField<T> (&fields)[N]) {
  for (const detail::StringField<T>& field : fields) {
    EXPECT_EQ(a.*field.member, b.*field.member) << field.key;
  }
}

// Field by field: those with rules of their own by name, the rest from the
// field tables, so a field added to a table is compared with no edit here.
inline void expect_same(const Intent& a, const Intent& b) {
  EXPECT_EQ(a.kind, b.kind);
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.status, b.status);
  for_each_field_of_any_kind([&](const detail::IntentField& field) {
    std::visit([&](auto member) { EXPECT_EQ(a.*member, b.*member) << field.key; }, field.member);
  });
  ASSERT_EQ(a.next_action.has_value(), b.next_action.has_value());
  if (a.next_action) {
    EXPECT_EQ(a.next_action->type, b.next_action->type);
    ASSERT_EQ(a.next_action->cashapp.has_value(), b.next_action->cashapp.has_value());
    if (a.next_action->cashapp) {
      const auto& x = *a.next_action->cashapp;
      const auto& y = *b.next_action->cashapp;
      expect_same_strings(x, y, detail::kCashappStrings);
      EXPECT_EQ(x.qr_code.expires_at, y.qr_code.expires_at);
      expect_same_strings(x.qr_code, y.qr_code, detail::kQrCodeStrings);
    }
  }
  ASSERT_EQ(a.last_error.has_value(), b.last_error.has_value());
  if (a.last_error) {
    expect_same_strings(*a.last_error, *b.last_error, detail::kLastErrorStrings);
  }
}

inline void expect_invalid_response(const Result<Intent>& r, const std::string& message) {
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().type, ErrorType::api_error);
  EXPECT_EQ(r.error().code, "invalid_response");
  EXPECT_EQ(r.error().message, message);
}

inline Intent full_intent(IntentKind kind) {
  Intent in;
  in.kind = kind;
  in.id = kind == IntentKind::setup ? "seti_9" : "pi_9";
  in.client_secret = in.id + "_secret_abc";
  in.status = IntentStatus::requires_payment_method;
  in.customer = "cus_1";
  in.payment_method = "pm_1";
  in.payment_method_types = {"cashapp", "card"};
  in.next_action =
      NextAction{"cashapp_handle_redirect_or_display_qr_code",
                 CashappNextAction{"https://h", "https://m", {9007199254740991, "p", "s", "d é"}}};
  in.last_error =
      LastError{"card_error", "payment_method_provider_decline", "insufficient_funds", "msg", "p"};
  in.mandate = "mandate_1";
  in.cancellation_reason = "abandoned";
  in.livemode = true;
  in.created = -5;
  in.metadata = {{"empty", ""}, {"k", "v"}};  // sorted by key, as read_intent stores it
  if (kind == IntentKind::setup) {
    in.usage = "on_session";
  } else {
    in.amount = 100;
    in.currency = "usd";
    in.setup_future_usage = "off_session";
    in.capture_method = "manual";
    in.statement_descriptor = "SHOP";
  }
  return in;
}

}  // namespace setupflow::testing
