#include "setupflow/errors.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "setupflow/result.hpp"

namespace setupflow {
namespace {

const struct {
  ErrorType type;
  const char* wire;
} kTypes[] = {
    {ErrorType::api_error, "api_error"},
    {ErrorType::card_error, "card_error"},
    {ErrorType::idempotency_error, "idempotency_error"},
    {ErrorType::invalid_request_error, "invalid_request_error"},
    {ErrorType::authentication_error, "authentication_error"},
    {ErrorType::rate_limit_error, "rate_limit_error"},
    {ErrorType::api_connection_error, "api_connection_error"},
    {ErrorType::validation_error, "validation_error"},
    {ErrorType::integration_error, "integration_error"},
};

TEST(Errors, WireSpellings) {
  for (const auto& c : kTypes) {
    EXPECT_EQ(to_string(c.type), c.wire);
  }
}

TEST(Errors, RoundTripAndDistinct) {
  std::set<std::string> seen;
  for (const auto& c : kTypes) {
    EXPECT_EQ(error_type_from_string(to_string(c.type)), c.type) << c.wire;
    EXPECT_TRUE(seen.insert(std::string(to_string(c.type))).second) << c.wire;
  }
}

TEST(Errors, UnknownSpellingsAreApiErrors) {
  const char* unknown[] = {"", "API_ERROR", "card_error ", "teapot_error", "api"};
  for (const char* u : unknown) {
    EXPECT_EQ(error_type_from_string(u), ErrorType::api_error) << u;
  }
  // A value outside the enum still has a spelling.
  EXPECT_EQ(to_string(static_cast<ErrorType>(999)), "api_error");
}

TEST(Errors, IntegrationErrorConstructor) {
  Error e = integration_error("invalid_client_secret", "bad secret", "client_secret");
  EXPECT_EQ(e.type, ErrorType::integration_error);
  EXPECT_TRUE(e.is_integration_error());
  EXPECT_EQ(e.code, "invalid_client_secret");
  EXPECT_EQ(e.message, "bad secret");
  EXPECT_EQ(e.param, "client_secret");
  EXPECT_EQ(e.http_status, 0);
  EXPECT_TRUE(e.decline_code.empty());
  EXPECT_TRUE(integration_error("c", "m").param.empty());
}

TEST(Errors, InvalidRequestConstructor) {
  Error e = invalid_request("parameter_invalid_string", "bad", "a[b]");
  EXPECT_EQ(e.type, ErrorType::invalid_request_error);
  EXPECT_FALSE(e.is_integration_error());
  EXPECT_EQ(e.code, "parameter_invalid_string");
  EXPECT_EQ(e.message, "bad");
  EXPECT_EQ(e.param, "a[b]");
}

TEST(Errors, ApiAndConnectionConstructors) {
  Error a = api_error("server_error", "oops");
  EXPECT_EQ(a.type, ErrorType::api_error);
  EXPECT_EQ(a.code, "server_error");
  EXPECT_EQ(a.message, "oops");
  EXPECT_TRUE(a.param.empty());

  Error c = connection_error("offline");
  EXPECT_EQ(c.type, ErrorType::api_connection_error);
  EXPECT_EQ(c.message, "offline");
  EXPECT_FALSE(c.code.empty());
  EXPECT_FALSE(c.is_integration_error());
}

TEST(Result, HoldsValueOrError) {
  Result<int> v(42);
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(static_cast<bool>(v));
  EXPECT_EQ(v.value(), 42);
  EXPECT_EQ(*v, 42);

  Result<int> e(api_error("x", "y"));
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().code, "x");

  Status s = ok_status();
  EXPECT_TRUE(s.ok());
}

}  // namespace
}  // namespace setupflow
