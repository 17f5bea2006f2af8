// answer_request: what the HTTP shell does with every request that is not a
// static file (front_door.hpp).
#include "front_door.hpp"
#include "harness.hpp"
#include "host_check.hpp"

namespace setupflow::sandbox::testing {
namespace {

class FrontDoorTest : public SandboxTest {
 protected:
  std::vector<std::string> hosts_ = allowed_hosts("127.0.0.1", 4242, "https://sandbox.example");
  int extra_calls_ = 0;
  ExtraRoutes extra_ = [this](const Request& req, Response& res) {
    if (req.path.rfind("/demo/", 0) != 0) return false;
    ++extra_calls_;
    res.status = 299;
    return true;
  };

  Response answer(const std::string& method, const std::string& path, const std::string& host,
                  const std::string& body = "") {
    Request req;
    req.method = method;
    req.path = path;
    req.body = body;
    if (!host.empty()) req.headers["host"] = host;
    req.headers["authorization"] = std::string("Bearer ") + kSk;
    return answer_request(sandbox_, hosts_, extra_, req);
  }
};

TEST_F(FrontDoorTest, AForeignHostIsMisdirectedBeforeTheSandboxOrTheDemoSeesIt) {
  for (const std::string host :
       {"evil.example", "127.0.0.1", "", "localhost:4243", "sandbox.example:8443"}) {
    const Response r = answer("POST", "/v1/customers", host, "email=a%40b.c");
    EXPECT_EQ(r.status, 421) << host;
    EXPECT_EQ(json::parse(r.body)["error"]["code"], "host_not_allowed");
    EXPECT_EQ(answer("GET", "/demo/api/config", host).status, 421) << host;
  }
  EXPECT_EQ(extra_calls_, 0);
  EXPECT_EQ(get("/v1/customers").body["data"].size(), 0u) << "a refused request created a customer";
}

TEST_F(FrontDoorTest, AnAllowedHostReachesTheDemoForItsPathsAndTheSandboxForTheApi) {
  EXPECT_EQ(answer("GET", "/demo/api/config", "localhost:4242").status, 299);
  EXPECT_EQ(extra_calls_, 1);
  EXPECT_EQ(answer("POST", "/v1/customers", "SANDBOX.example", "email=a%40b.c").status, 200);
  EXPECT_EQ(answer("GET", "/v1/nothing", "127.0.0.1:4242").status, 404);
  EXPECT_EQ(extra_calls_, 1) << "an API path went to the extra routes";
}

}  // namespace
}  // namespace setupflow::sandbox::testing
