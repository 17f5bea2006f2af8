// Idempotency-Key: replay, conflict, scope, 24 hours.
#include "harness.hpp"

namespace setupflow::sandbox::testing {
namespace {

using Idempotency = SandboxTest;

TEST_F(Idempotency, SameKeySameParamsReplaysTheFirstResponse) {
  auto first = post("/v1/customers", "email=a%40example.com", kSk, {{"idempotency-key", "k1"}});
  auto second = post("/v1/customers", "email=a%40example.com", kSk, {{"idempotency-key", "k1"}});
  EXPECT_EQ(first.body["id"], second.body["id"]);
  EXPECT_EQ(first.raw.header("Idempotent-Replayed"), "");
  EXPECT_EQ(second.raw.header("Idempotent-Replayed"), "true");
  EXPECT_EQ(get("/v1/events?type=customer.created").body["data"].size(), 1u);
}

TEST_F(Idempotency, SameKeyDifferentParamsIsAnIdempotencyError) {
  post("/v1/customers", "email=a%40example.com", kSk, {{"idempotency-key", "k1"}});
  auto conflict = post("/v1/customers", "email=b%40example.com", kSk, {{"idempotency-key", "k1"}});
  EXPECT_EQ(conflict.status(), 400);
  EXPECT_EQ(conflict.error_type(), "idempotency_error");
  auto other_path = post("/v1/setup_intents", "email=a%40example.com", kSk, {{"idempotency-key", "k1"}});
  EXPECT_EQ(other_path.error_type(), "idempotency_error");
}

TEST_F(Idempotency, ErrorsAreReplayedToo) {
  auto first = post("/v1/customers", "bogus=1", kSk, {{"idempotency-key", "k2"}});
  auto second = post("/v1/customers", "bogus=1", kSk, {{"idempotency-key", "k2"}});
  EXPECT_EQ(first.status(), 400);
  EXPECT_EQ(second.status(), 400);
  EXPECT_EQ(second.raw.header("Idempotent-Replayed"), "true");
}

TEST_F(Idempotency, ConfirmRetriedWithTheSameKeyDoesNotStartASecondSession) {
  auto si = post("/v1/setup_intents", "").body;
  const std::string path = "/v1/setup_intents/" + si["id"].get<std::string>() + "/confirm";
  const std::string body = "payment_method_data[type]=cashapp&return_url=https%3A%2F%2Fa.example%2F";
  auto a = post(path, body, kSk, {{"idempotency-key", "confirm-1"}});
  auto b = post(path, body, kSk, {{"idempotency-key", "confirm-1"}});
  EXPECT_EQ(a.raw.body, b.raw.body);
  EXPECT_EQ(get("/v1/events?type=setup_intent.requires_action").body["data"].size(), 1u);
}

TEST_F(Idempotency, KeysExpireAfter24Hours) {
  auto first = post("/v1/customers", "", kSk, {{"idempotency-key", "k3"}});
  advance(86401);
  auto later = post("/v1/customers", "", kSk, {{"idempotency-key", "k3"}});
  EXPECT_NE(first.body["id"], later.body["id"]);
  EXPECT_EQ(later.raw.header("Idempotent-Replayed"), "");
}

TEST_F(Idempotency, KeysLongerThan255AreRefused) {
  auto r = post("/v1/customers", "", kSk, {{"idempotency-key", std::string(256, 'k')}});
  EXPECT_EQ(r.status(), 400);
  EXPECT_EQ(post("/v1/customers", "", kSk, {{"idempotency-key", std::string(255, 'k')}}).status(), 200);
}

}  // namespace
}  // namespace setupflow::sandbox::testing
