// Regressions for what the sandbox fuzzers found (tests/fuzz/fuzz_sandbox_*);
// each crashing input is kept in its target's corpus as well.
#include "harness.hpp"

namespace setupflow::sandbox::testing {
namespace {

class FuzzFindingsTest : public SandboxTest {};

// fuzz_sandbox_headers: a secret-key call on a browser route refused before
// authentication (a query or body that does not decode, a JSON body) was
// answered with Access-Control-Allow-Origin: *, since only authentication
// marked the request as the secret key's.
TEST_F(FuzzFindingsTest, SecretKeyRefusalsBeforeAuthenticationCarryNoCors) {
  const std::string id = post("/v1/setup_intents", "payment_method_types[]=cashapp").body["id"];

  const Reply bad_query = call("GET", "/v1/setup_intents/" + id + "?expand=%zz");
  EXPECT_EQ(bad_query.status(), 400);
  EXPECT_EQ(bad_query.error_code(), "invalid_percent_encoding");
  EXPECT_EQ(bad_query.raw.header("Access-Control-Allow-Origin"), "");

  const Reply json_body = post("/v1/setup_intents/" + id + "/confirm", "{}", kSk,
                               {{"content-type", "application/json"}});
  EXPECT_EQ(json_body.status(), 400);
  EXPECT_EQ(json_body.raw.header("Access-Control-Allow-Origin"), "");

  const Reply basic =
      call("GET", "/v1/setup_intents/" + id + "?expand=%zz", "", "",
           {{"authorization", "Basic c2tfdGVzdF9zZXR1cGZsb3dzYW5kYm94Og=="}});  // "sk_…:"
  EXPECT_EQ(basic.status(), 400);
  EXPECT_EQ(basic.raw.header("Access-Control-Allow-Origin"), "");

  // The publishable key's refusals stay readable by the page.
  const Reply publishable = call("GET", "/v1/setup_intents/" + id + "?expand=%zz", "", kPk);
  EXPECT_EQ(publishable.status(), 400);
  EXPECT_EQ(publishable.raw.header("Access-Control-Allow-Origin"), "*");
}

}  // namespace
}  // namespace setupflow::sandbox::testing
