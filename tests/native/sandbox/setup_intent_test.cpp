#include "harness.hpp"

namespace setupflow::sandbox::testing {
namespace {

using SetupIntents = SandboxTest;

TEST_F(SetupIntents, CreateStartsInRequiresPaymentMethod) {
  auto cus = customer();
  auto r = post("/v1/setup_intents", "customer=" + cus + "&payment_method_types[]=cashapp");
  ASSERT_EQ(r.status(), 200) << r.raw.body;
  EXPECT_EQ(r.body["object"], "setup_intent");
  EXPECT_EQ(r.body["status"], "requires_payment_method");
  EXPECT_EQ(r.body["usage"], "off_session");
  EXPECT_EQ(r.body["customer"], cus);
  std::string id = r.body["id"];
  EXPECT_EQ(id.rfind("seti_", 0), 0u);
  EXPECT_EQ(r.body["client_secret"].get<std::string>().rfind(id + "_secret_", 0), 0u);
  EXPECT_FALSE(r.body.contains("_cashapp"));
}

}  // namespace
}  // namespace setupflow::sandbox::testing
