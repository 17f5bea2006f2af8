// Shared by the intent JSON tests: fixtures, a field-by-field comparison and
// an intent with every field set.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "intent_json.hpp"

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

inline void expect_same(const Intent& a, const Intent& b) {
  EXPECT_EQ(a.kind, b.kind);
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.client_secret, b.client_secret);
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(a.usage, b.usage);
  EXPECT_EQ(a.customer, b.customer);
  EXPECT_EQ(a.payment_method, b.payment_method);
  EXPECT_EQ(a.payment_method_types, b.payment_method_types);
  ASSERT_EQ(a.next_action.has_value(), b.next_action.has_value());
  if (a.next_action) {
    EXPECT_EQ(a.next_action->type, b.next_action->type);
    ASSERT_EQ(a.next_action->cashapp.has_value(), b.next_action->cashapp.has_value());
    if (a.next_action->cashapp) {
      const auto& x = *a.next_action->cashapp;
      const auto& y = *b.next_action->cashapp;
      EXPECT_EQ(x.hosted_instructions_url, y.hosted_instructions_url);
      EXPECT_EQ(x.mobile_auth_url, y.mobile_auth_url);
      EXPECT_EQ(x.qr_code.expires_at, y.qr_code.expires_at);
      EXPECT_EQ(x.qr_code.image_url_png, y.qr_code.image_url_png);
      EXPECT_EQ(x.qr_code.image_url_svg, y.qr_code.image_url_svg);
      EXPECT_EQ(x.qr_code.data, y.qr_code.data);
    }
  }
  ASSERT_EQ(a.last_error.has_value(), b.last_error.has_value());
  if (a.last_error) {
    EXPECT_EQ(a.last_error->type, b.last_error->type);
    EXPECT_EQ(a.last_error->code, b.last_error->code);
    EXPECT_EQ(a.last_error->decline_code, b.last_error->decline_code);
    EXPECT_EQ(a.last_error->message, b.last_error->message);
    EXPECT_EQ(a.last_error->param, b.last_error->param);
  }
  EXPECT_EQ(a.mandate, b.mandate);
  EXPECT_EQ(a.cancellation_reason, b.cancellation_reason);
  EXPECT_EQ(a.livemode, b.livemode);
  EXPECT_EQ(a.created, b.created);
  EXPECT_EQ(a.metadata, b.metadata);
  EXPECT_EQ(a.amount, b.amount);
  EXPECT_EQ(a.currency, b.currency);
  EXPECT_EQ(a.setup_future_usage, b.setup_future_usage);
  EXPECT_EQ(a.capture_method, b.capture_method);
  EXPECT_EQ(a.statement_descriptor, b.statement_descriptor);
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
