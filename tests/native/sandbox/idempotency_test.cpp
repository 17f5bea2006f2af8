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

// An error of the endpoint itself is saved and replayed, as Stripe does.
TEST_F(Idempotency, EndpointErrorsAreReplayedToo) {
  auto si = post("/v1/setup_intents", "").body;
  const std::string path = "/v1/setup_intents/" + si["id"].get<std::string>() + "/cancel";
  ASSERT_EQ(post(path).status(), 200);
  auto first = post(path, "", kSk, {{"idempotency-key", "k2"}});
  auto second = post(path, "", kSk, {{"idempotency-key", "k2"}});
  EXPECT_EQ(first.status(), 400);
  EXPECT_EQ(first.body["error"]["code"], "setup_intent_unexpected_state");
  EXPECT_EQ(second.raw.body, first.raw.body);
  EXPECT_EQ(second.raw.header("Idempotent-Replayed"), "true");
}

// Stripe saves a result only once the endpoint has begun: parameters refused
// by validation save nothing, so a client may correct them and retry under
// the same key (an unknown, a malformed or an unsupported parameter alike).
TEST_F(Idempotency, ParametersRefusedByValidationAreNotSaved) {
  for (const std::string bad : {"bogus=1", "email[x]=1", "expand[]=default_source"}) {
    const std::string key = "k-" + bad;
    auto refused = post("/v1/customers", bad, kSk, {{"idempotency-key", key}});
    EXPECT_EQ(refused.status(), 400) << bad;
    EXPECT_EQ(refused.body["error"]["code"].get<std::string>().rfind("parameter", 0), 0u) << bad;
    auto again = post("/v1/customers", bad, kSk, {{"idempotency-key", key}});
    EXPECT_EQ(again.raw.header("Idempotent-Replayed"), "") << bad;
    auto corrected = post("/v1/customers", "email=a%40example.com", kSk, {{"idempotency-key", key}});
    EXPECT_EQ(corrected.status(), 200) << bad;
    EXPECT_EQ(post("/v1/customers", "email=a%40example.com", kSk, {{"idempotency-key", key}})
                  .raw.header("Idempotent-Replayed"),
              "true")
        << bad;
  }
  EXPECT_EQ(get("/v1/events?type=customer.created").body["data"].size(), 3u);
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
