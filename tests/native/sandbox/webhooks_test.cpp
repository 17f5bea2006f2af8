// The webhook queue and signatures, fault injection, hardening.
#include <random>
#include <set>

#include "harness.hpp"
#include "webhook_signing.hpp"

namespace setupflow::sandbox::testing {
namespace {

using Webhooks = SandboxTest;

TEST(WebhookSigning, HmacMatchesRfc4231AndStripesFormat) {
  EXPECT_EQ(hmac_sha256_hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(stripe_signature("whsec_abc", 1700000000, "{}"),
            "t=1700000000,v1=" + hmac_sha256_hex("whsec_abc", "1700000000.{}"));
}

TEST_F(Webhooks, MatchingEventsAreQueuedOnceWithTheEndpointSecret) {
  auto we = post("/v1/webhook_endpoints", "url=http%3A%2F%2F127.0.0.1%3A9%2Fh&enabled_events[]=setup_intent.succeeded"
                                          "&enabled_events[]=payment_method.attached");
  std::string secret = we.body["secret"];
  json si = confirmed_setup_intent(customer());
  approve(si);
  auto jobs = sandbox_.take_due_webhooks(env_.now * 1000, 100);
  ASSERT_EQ(jobs.size(), 2u);
  std::set<std::string> types;
  for (const auto& job : jobs) {
    EXPECT_EQ(job.url, "http://127.0.0.1:9/h");
    EXPECT_EQ(job.secret, secret);
    json event = json::parse(job.payload);
    types.insert(event["type"]);
    EXPECT_EQ(event["object"], "event");
    EXPECT_EQ(get("/v1/events/" + event["id"].get<std::string>()).body["pending_webhooks"], 1);
  }
  EXPECT_EQ(types, (std::set<std::string>{"setup_intent.succeeded", "payment_method.attached"}));
}

TEST_F(Webhooks, FailuresBackOffAndSuccessRemoves) {
  std::string secret = sandbox_.ensure_webhook_endpoint("http://127.0.0.1:9/quick");
  EXPECT_EQ(sandbox_.ensure_webhook_endpoint("http://127.0.0.1:9/quick"), secret);  // reused by URL
  customer();
  const int64_t t0 = env_.now * 1000;
  auto jobs = sandbox_.take_due_webhooks(t0, 10);
  ASSERT_EQ(jobs.size(), 1u);
  sandbox_.webhook_result(jobs[0], false, t0);
  EXPECT_TRUE(sandbox_.take_due_webhooks(t0 + 999, 10).empty());
  jobs = sandbox_.take_due_webhooks(t0 + 1000, 10);
  ASSERT_EQ(jobs.size(), 1u);
  EXPECT_EQ(jobs[0].attempts, 1);
  sandbox_.webhook_result(jobs[0], false, t0 + 1000);
  EXPECT_TRUE(sandbox_.take_due_webhooks(t0 + 2999, 10).empty());  // 2 s now
  jobs = sandbox_.take_due_webhooks(t0 + 3000, 10);
  ASSERT_EQ(jobs.size(), 1u);
  sandbox_.webhook_result(jobs[0], true, t0 + 3000);
  EXPECT_TRUE(sandbox_.take_due_webhooks(t0 + 10'000'000, 10).empty());
}

TEST_F(Webhooks, GivesUpAfterTheLastAttempt) {
  sandbox_.ensure_webhook_endpoint("http://127.0.0.1:9/quick");
  customer();
  int64_t t = env_.now * 1000;
  int attempts = 0;
  for (; attempts < 100; ++attempts) {
    auto jobs = sandbox_.take_due_webhooks(t, 10);
    if (jobs.empty()) break;
    sandbox_.webhook_result(jobs[0], false, t);
    t += 3'600'000;
  }
  EXPECT_EQ(attempts, Sandbox::kMaxWebhookAttempts);
}

TEST_F(Webhooks, DeletedEndpointsReceiveNothing) {
  auto we = post("/v1/webhook_endpoints", "url=http%3A%2F%2F127.0.0.1%3A9%2Fh&enabled_events[]=*");
  customer();
  call("DELETE", "/v1/webhook_endpoints/" + we.body["id"].get<std::string>());
  customer();
  EXPECT_TRUE(sandbox_.take_due_webhooks(env_.now * 1000, 10).empty());
}

TEST(Faults, ParseRefusesMalformedSpecs) {
  std::string error;
  for (const char* bad : {"x", ":5xx", "a:boom", "a:5xx=404", "a:latency", "a:latency=-1", "a:drop@2", "a:drop@x",
                          "a:drop=1"}) {
    EXPECT_FALSE(FaultPlan::parse(bad, 1, &error)) << bad;
    EXPECT_FALSE(error.empty());
  }
  EXPECT_TRUE(FaultPlan::parse("setup_intents.confirm:drop@0.3,*:latency=50,customers.create:5xx=503", 1, &error));
}

TEST(Faults, DrawsAreDeterministicForASeed) {
  auto draws = [](uint64_t seed) {
    auto plan = FaultPlan::parse("*:5xx@0.5", seed, nullptr);
    std::string out;
    for (int i = 0; i < 64; ++i) out += plan->draw("customers.create").server_error_status ? '1' : '0';
    return out;
  };
  EXPECT_EQ(draws(7), draws(7));
  EXPECT_NE(draws(7), draws(8));
  EXPECT_NE(draws(7).find('1'), std::string::npos);
  EXPECT_NE(draws(7).find('0'), std::string::npos);
}

TEST(Faults, LatenciesAddUpToAtMostSixtySeconds) {
  EXPECT_EQ(FaultPlan::parse("*:latency=20,a:latency=30", 1, nullptr)->draw("a").delay_ms, 50);
  // However many rules match: 40,000 of 60 s would overflow an int.
  std::string spec = "*:latency=60000";
  for (int i = 0; i < 40000; ++i) spec += ",*:latency=60000";
  auto plan = FaultPlan::parse(spec, 1, nullptr);
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->draw("customers.create").delay_ms, FaultPlan::kMaxDelayMs);
}

TEST_F(Webhooks, InjectedFaultsPerRoute) {
  Config config;
  config.faults = *FaultPlan::parse("customers.create:5xx=503,setup_intents.create:drop,events.list:latency=25", 1, nullptr);
  Sandbox faulty(config, store_, env_);
  auto failed = call_on(faulty, "POST", "/v1/customers", "email=x%40y.z");
  EXPECT_EQ(failed.status(), 503);
  EXPECT_EQ(failed.error_type(), "api_error");
  EXPECT_EQ(failed.raw.header("Connection"), "close");  // no thread held by an unread answer
  EXPECT_EQ(get("/v1/customers").raw.header("Connection"), "");  // real answers keep the connection
  EXPECT_EQ(get("/v1/events?type=customer.created").body["data"].size(), 0u);  // nothing changed
  auto dropped = call_on(faulty, "POST", "/v1/setup_intents", "");
  EXPECT_TRUE(dropped.raw.drop_connection);
  EXPECT_EQ(get("/v1/setup_intents").body["data"].size(), 1u);  // committed before the drop
  EXPECT_EQ(call_on(faulty, "GET", "/v1/events").raw.delay_ms, 25);
  EXPECT_EQ(call_on(faulty, "GET", "/v1/mandates/mandate_x").raw.delay_ms, 0);
}

using Hardening = SandboxTest;

TEST_F(Hardening, MalformedBodiesAre400) {
  for (const char* body : {"email=%G1", "email=%FF", "a[b=1", "metadata=1&metadata[x]=2", "a[][b]=1&a[0]=2",
                           "a[a][a][a][a][a][a][a][a][a][a]=1", "expand[5000]=x"}) {
    auto r = post("/v1/customers", body);
    EXPECT_EQ(r.status(), 400) << body << " " << r.raw.body;
    EXPECT_EQ(r.error_type(), "invalid_request_error") << body;
  }
  auto json_body = post("/v1/customers", "{\"email\":1}", kSk, {{"content-type", "application/json"}});
  EXPECT_EQ(json_body.status(), 400);
}

TEST_F(Hardening, InvalidUtf8InHeadersIsStoredSafely) {
  auto si = post("/v1/setup_intents", "customer=" + customer()).body;
  auto r = post("/v1/setup_intents/" + si["id"].get<std::string>() + "/confirm",
                "payment_method_data[type]=cashapp&return_url=https%3A%2F%2Fa.example%2F", kSk,
                {{"user-agent", "bad\xff\xfe agent"}, {"idempotency-key", "key\xff"}});
  ASSERT_EQ(r.status(), 200) << r.raw.body;
  approve(r.body);
  json done = get("/v1/setup_intents/" + si["id"].get<std::string>()).body;
  auto mandate = get("/v1/mandates/" + done["mandate"].get<std::string>());
  ASSERT_EQ(mandate.status(), 200);
  EXPECT_EQ(mandate.body["customer_acceptance"]["online"]["user_agent"].get<std::string>().rfind("bad", 0), 0u);
}

TEST_F(Hardening, RandomInputNeverCrashesOr500s) {
  std::mt19937 rng(1234);
  const char alphabet[] = "ab[]=&%0F+_$\xff\xc3\x28 key";
  const char* paths[] = {"/v1/customers", "/v1/setup_intents", "/v1/payment_intents", "/v1/webhook_endpoints",
                         "/v1/setup_intents/seti_x/confirm", "/cashapp/authorize/cat_x"};
  for (int i = 0; i < 3000; ++i) {
    std::string body;
    int n = int(rng() % 40);
    for (int j = 0; j < n; ++j) body.push_back(alphabet[rng() % (sizeof(alphabet) - 1)]);
    const char* path = paths[rng() % std::size(paths)];
    auto r = post(path, body);
    ASSERT_LT(r.status(), 500) << path << " " << body << " " << r.raw.body;
    auto q = get(std::string(path) + "?" + body);
    ASSERT_LT(q.status(), 500) << path << "?" << body;
  }
}

}  // namespace
}  // namespace setupflow::sandbox::testing
