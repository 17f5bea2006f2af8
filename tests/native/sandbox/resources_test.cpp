// Customers, payment methods, mandates, events, webhook endpoints, clock.
#include "harness.hpp"

namespace setupflow::sandbox::testing {
namespace {

using Resources = SandboxTest;

TEST_F(Resources, CustomersCreateRetrieveUpdate) {
  auto c = post("/v1/customers", "email=a%40example.com&name=Ann&metadata[tier]=gold");
  ASSERT_EQ(c.status(), 200);
  EXPECT_EQ(c.body["object"], "customer");
  EXPECT_EQ(c.body["email"], "a@example.com");
  EXPECT_EQ(c.body["metadata"]["tier"], "gold");
  std::string id = c.body["id"];
  EXPECT_EQ(get("/v1/customers/" + id).body["name"], "Ann");
  EXPECT_EQ(post("/v1/customers/" + id, "name=Bea").body["name"], "Bea");
  EXPECT_EQ(get("/v1/customers/" + id).body["name"], "Bea");
  EXPECT_EQ(get("/v1/customers/cus_missing").status(), 404);
  customer();
  EXPECT_EQ(get("/v1/customers").body["data"].size(), 2u);
  auto by_email = get("/v1/customers?email=a%40example.com").body["data"];
  ASSERT_EQ(by_email.size(), 2u);  // customer() also uses a@example.com
  EXPECT_EQ(get("/v1/customers?limit=1").body["data"].size(), 1u);
  EXPECT_EQ(post("/v1/customers", "mood=happy").error_param(), "mood");
  // An id of another type is not a customer.
  auto si = post("/v1/setup_intents", "").body;
  EXPECT_EQ(get("/v1/customers/" + si["id"].get<std::string>()).status(), 404);
}

TEST_F(Resources, PaymentMethodsListAttachDetach) {
  auto cus = customer();
  json si = confirmed_setup_intent(cus);
  approve(si);
  std::string pm = get("/v1/setup_intents/" + si["id"].get<std::string>()).body["payment_method"];
  EXPECT_EQ(get("/v1/payment_methods?customer=" + cus + "&type=cashapp").body["data"].size(), 1u);
  EXPECT_EQ(get("/v1/payment_methods?customer=" + cus + "&type=card").body["data"].size(), 0u);
  EXPECT_EQ(get("/v1/payment_methods").error_param(), "customer");

  auto detached = post("/v1/payment_methods/" + pm + "/detach");
  EXPECT_TRUE(detached.body["customer"].is_null());
  EXPECT_EQ(get("/v1/customers/" + cus + "/payment_methods").body["data"].size(), 0u);
  EXPECT_EQ(post("/v1/payment_methods/" + pm + "/detach").error_code(), "payment_method_unexpected_state");
  // Detaching ends the mandate.
  std::string mandate = get("/v1/setup_intents/" + si["id"].get<std::string>()).body["mandate"];
  EXPECT_EQ(get("/v1/mandates/" + mandate).body["status"], "inactive");
  EXPECT_EQ(get("/v1/events?type=payment_method.detached").body["data"].size(), 1u);
  EXPECT_EQ(get("/v1/events?type=mandate.updated").body["data"].size(), 1u);

  auto other = customer();
  auto attached = post("/v1/payment_methods/" + pm + "/attach", "customer=" + other);
  EXPECT_EQ(attached.body["customer"], other);
  EXPECT_EQ(post("/v1/payment_methods/" + pm + "/attach", "customer=" + cus).error_code(),
            "payment_method_unexpected_state");
  EXPECT_EQ(post("/v1/payment_methods/" + pm + "/attach").error_param(), "customer");
  // An unapproved cashapp method cannot be attached.
  json pending = confirmed_setup_intent(cus);
  EXPECT_EQ(post("/v1/payment_methods/" + pending["payment_method"].get<std::string>() + "/attach", "customer=" + cus)
                .error_code(),
            "payment_method_unexpected_state");
}

TEST_F(Resources, EventsListFilterPaginateRetrieve) {
  for (int i = 0; i < 3; ++i) customer();
  auto all = get("/v1/events?type=customer.created&limit=2");
  ASSERT_EQ(all.body["data"].size(), 2u);
  EXPECT_EQ(all.body["has_more"], true);
  std::string last = all.body["data"][1]["id"];
  auto rest = get("/v1/events?type=customer.created&starting_after=" + last);
  ASSERT_EQ(rest.body["data"].size(), 1u);
  EXPECT_EQ(rest.body["has_more"], false);
  auto one = get("/v1/events/" + last);
  EXPECT_EQ(one.body["object"], "event");
  EXPECT_EQ(one.body["type"], "customer.created");
  EXPECT_EQ(one.body["livemode"], false);
  EXPECT_TRUE(one.body["data"]["object"].is_object());
  EXPECT_EQ(get("/v1/events?limit=0").error_param(), "limit");
  EXPECT_EQ(get("/v1/events/evt_missing").status(), 404);
}

TEST_F(Resources, WebhookEndpointsCreateListDelete) {
  EXPECT_EQ(post("/v1/webhook_endpoints", "enabled_events[]=*").error_param(), "url");
  EXPECT_EQ(post("/v1/webhook_endpoints", "url=http%3A%2F%2F127.0.0.1%3A9%2Fh").error_param(), "enabled_events");
  EXPECT_EQ(post("/v1/webhook_endpoints", "url=ftp%3A%2F%2Fx&enabled_events[]=*").error_param(), "url");
  auto we = post("/v1/webhook_endpoints", "url=http%3A%2F%2F127.0.0.1%3A9%2Fh&enabled_events[]=setup_intent.succeeded");
  ASSERT_EQ(we.status(), 200) << we.raw.body;
  EXPECT_EQ(we.body["secret"].get<std::string>().rfind("whsec_", 0), 0u);
  std::string id = we.body["id"];
  EXPECT_EQ(id.rfind("we_", 0), 0u);
  auto listed = get("/v1/webhook_endpoints");
  ASSERT_EQ(listed.body["data"].size(), 1u);
  EXPECT_FALSE(listed.body["data"][0].contains("secret"));  // only on creation
  EXPECT_EQ(get("/v1/webhook_endpoints/" + id).body["url"], "http://127.0.0.1:9/h");
  auto deleted = call("DELETE", "/v1/webhook_endpoints/" + id);
  EXPECT_EQ(deleted.body["deleted"], true);
  EXPECT_EQ(get("/v1/webhook_endpoints").body["data"].size(), 0u);
  EXPECT_EQ(call("DELETE", "/v1/webhook_endpoints/" + id).status(), 404);
}

TEST_F(Resources, AdvanceClockMovesCreatedTimes) {
  EXPECT_EQ(post("/v1/test_helpers/advance_clock").error_param(), "seconds");
  EXPECT_EQ(post("/v1/test_helpers/advance_clock", "seconds=-1").error_param(), "seconds");
  EXPECT_EQ(post("/v1/test_helpers/advance_clock", "seconds=3600").status(), 200);
  EXPECT_EQ(post("/v1/customers").body["created"], env_.now + 3600);
  post("/v1/test_helpers/advance_clock", "seconds=60");
  EXPECT_EQ(post("/v1/customers").body["created"], env_.now + 3660);
}

}  // namespace
}  // namespace setupflow::sandbox::testing
