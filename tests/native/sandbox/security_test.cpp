// Regression tests for issue 12's security findings (each failed before its
// fix): other customers' payment methods, URLs from configuration, CORS and
// mandate evidence with the publishable key, bounded list queries.
#include <unistd.h>

#include <filesystem>

#include "demo_merchant.hpp"
#include "harness.hpp"
#include "host_check.hpp"
#include "crypto.hpp"
#include "render.hpp"

namespace setupflow::sandbox::testing {
namespace {

class Security : public SandboxTest {
 protected:
  size_t count_customers() { return get("/v1/customers?limit=100").body["data"].size(); }
};

const std::string kBrowserConfirm =
    "&return_url=https%3A%2F%2Fshop.example%2F&mandate_data[customer_acceptance][type]=online"
    "&mandate_data[customer_acceptance][online][infer_from_client]=true";

// Finding 1: a publishable-key confirm naming another customer's saved
// payment method is refused and changes nothing (before: on approve it moved
// to the caller's customer, on decline it was detached).
TEST_F(Security, PublishableConfirmCannotUseAnotherCustomersPaymentMethod) {
  const std::string alice = customer();
  json saved = confirmed_setup_intent(alice);
  ASSERT_EQ(approve(saved).status(), 200);
  const std::string pm = get("/v1/setup_intents/" + saved["id"].get<std::string>()).body["payment_method"];

  json other = post("/v1/setup_intents", "customer=" + customer()).body;
  const std::string id = other["id"];
  auto r = post("/v1/setup_intents/" + id + "/confirm",
                "client_secret=" + other["client_secret"].get<std::string>() + "&payment_method=" + pm + kBrowserConfirm,
                kPk);
  EXPECT_EQ(r.status(), 400) << r.raw.body;
  EXPECT_EQ(r.error_code(), "payment_method_unexpected_state");
  EXPECT_EQ(r.error_param(), "payment_method");
  EXPECT_EQ(r.raw.body.find(alice), std::string::npos);  // whose it is stays unsaid
  EXPECT_EQ(get("/v1/setup_intents/" + id).body["status"], "requires_payment_method");
  EXPECT_EQ(get("/v1/payment_methods/" + pm).body["customer"], alice);

  // The secret key cannot pair them either, on create or on a PaymentIntent.
  auto create = post("/v1/setup_intents", "customer=" + customer() + "&payment_method=" + pm);
  EXPECT_EQ(create.error_code(), "payment_method_unexpected_state");
  json pi = post("/v1/payment_intents", "amount=100&currency=usd&customer=" + customer()).body;
  auto pay = post("/v1/payment_intents/" + pi["id"].get<std::string>() + "/confirm",
                  "client_secret=" + pi["client_secret"].get<std::string>() + "&payment_method=" + pm + kBrowserConfirm,
                  kPk);
  EXPECT_EQ(pay.error_code(), "payment_method_unexpected_state");
}

// Finding 2: the URLs stored in an intent come from configuration; a forged
// Host on a confirm or on the retrieve that refreshes the QR changes nothing.
TEST_F(Security, HandedOutUrlsComeFromConfigurationNotTheHostHeader) {
  json si = post("/v1/setup_intents", "customer=" + customer()).body;
  const std::string id = si["id"], secret = si["client_secret"];
  auto forged = call("POST", "/v1/setup_intents/" + id + "/confirm",
                     "client_secret=" + secret + "&payment_method_data[type]=cashapp" + kBrowserConfirm, kPk,
                     {{"host", "attacker.example"}});
  ASSERT_EQ(forged.status(), 200) << forged.raw.body;
  const std::string data = forged.body["next_action"]["cashapp_handle_redirect_or_display_qr_code"]["qr_code"]["data"];
  EXPECT_EQ(data.rfind("http://127.0.0.1:4242/cashapp/authorize/", 0), 0u) << data;
  advance(31);
  auto refreshed = call("GET", "/v1/setup_intents/" + id + "?client_secret=" + secret, "", kPk,
                        {{"host", "attacker.example:80"}});
  const std::string next = refreshed.body["next_action"]["cashapp_handle_redirect_or_display_qr_code"]["mobile_auth_url"];
  EXPECT_EQ(next.rfind("http://127.0.0.1:4242/cashapp/authorize/", 0), 0u) << next;
}

// Finding 2: the demo merchant's own calls (no Host header at all) stored
// URLs without the port; a refresh through /demo/phone must keep it.
TEST_F(Security, DemoMerchantCallsStoreUrlsWithThePort) {
  DemoMerchant merchant(sandbox_);
  const std::string set_cookie = merchant.page_cookie(Request{});
  Request req;
  req.method = "POST";
  req.path = "/demo/api/checkout";
  req.body = "mode=setup";
  req.headers = {{"cookie", set_cookie.substr(0, set_cookie.find(';'))}, {"host", "127.0.0.1:4242"},
                 {"origin", "http://127.0.0.1:4242"}};
  const std::string secret = json::parse(merchant.handle(req).body)["client_secret"];
  const std::string id = secret.substr(0, secret.find("_secret_"));
  ASSERT_EQ(post("/v1/setup_intents/" + id + "/confirm", "payment_method_data[type]=cashapp" + kBrowserConfirm).status(),
            200);
  advance(31);
  req.method = "GET";
  req.path = "/demo/phone/" + id;
  req.body.clear();
  Response r = merchant.handle(req);
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.header("Location").rfind("http://127.0.0.1:4242/cashapp/authorize/", 0), 0u) << r.header("Location");
}

TEST(HostCheck, AnswersOnlyTheSandboxesOwnNames) {
  auto hosts = allowed_hosts("127.0.0.1", 4242, "");
  for (const char* ok : {"127.0.0.1:4242", "localhost:4242", "LOCALHOST:4242", "[::1]:4242"})
    EXPECT_TRUE(host_allowed(ok, hosts)) << ok;
  for (const char* bad : {"", "127.0.0.1", "127.0.0.1:4243", "localhost", "attacker.example",
                          "attacker.example:4242", "127.0.0.1:4242.attacker.example", "localhost:4242 "})
    EXPECT_FALSE(host_allowed(bad, hosts)) << bad;
  auto with_public = allowed_hosts("0.0.0.0", 8080, "https://sandbox.example");
  EXPECT_TRUE(host_allowed("sandbox.example", with_public));
  EXPECT_TRUE(host_allowed("sandbox.example:443", with_public));
  EXPECT_TRUE(host_allowed("127.0.0.1:8080", with_public));
  EXPECT_FALSE(host_allowed("0.0.0.0:8080", with_public));
  EXPECT_FALSE(host_allowed("sandbox.example:8080", with_public));
  EXPECT_EQ(default_base_url("0.0.0.0", 8080), "http://127.0.0.1:8080");
  EXPECT_EQ(default_base_url("::1", 5000), "http://[::1]:5000");
  EXPECT_TRUE(host_allowed("[::1]:5000", allowed_hosts("::1", 5000, "")));
}

// Finding 4: no CORS on secret-key answers, even on a browser route.
TEST_F(Security, SecretKeyAnswersCarryNoCors) {
  json si = post("/v1/setup_intents", "customer=" + customer()).body;
  const std::string id = si["id"], secret = si["client_secret"];
  EXPECT_EQ(get("/v1/setup_intents/" + id).raw.header("Access-Control-Allow-Origin"), "");
  EXPECT_EQ(post("/v1/setup_intents/" + id + "/confirm", "payment_method_data[type]=cashapp" + kBrowserConfirm)
                .raw.header("Access-Control-Allow-Origin"),
            "");
  EXPECT_EQ(get("/v1/setup_intents/" + id + "?client_secret=" + secret, kPk).raw.header("Access-Control-Allow-Origin"),
            "*");
}

// Finding 4: the browser cannot write the mandate's acceptance evidence.
TEST_F(Security, PublishableConfirmCannotSetAcceptanceEvidence) {
  const std::string ca = "&return_url=https%3A%2F%2Fshop.example%2F&mandate_data[customer_acceptance]";
  for (const std::string& evidence :
       {ca + "[type]=online" + "&mandate_data[customer_acceptance][online][ip_address]=203.0.113.9",
        ca + "[type]=online" + "&mandate_data[customer_acceptance][online][user_agent]=Forged",
        ca + "[type]=offline", ca + "[type]=online&mandate_data[customer_acceptance][accepted_at]=1",
        ca + "[type]=online&mandate_data[customer_acceptance][online][infer_from_client]=false"}) {
    json si = post("/v1/setup_intents", "customer=" + customer()).body;
    auto r = post("/v1/setup_intents/" + si["id"].get<std::string>() + "/confirm",
                  "client_secret=" + si["client_secret"].get<std::string>() + "&payment_method_data[type]=cashapp" +
                      evidence,
                  kPk);
    EXPECT_EQ(r.status(), 400) << evidence;
    EXPECT_EQ(r.error_param().rfind("mandate_data[customer_acceptance]", 0), 0u) << evidence;
    EXPECT_EQ(get("/v1/setup_intents/" + si["id"].get<std::string>()).body["status"], "requires_payment_method");
  }
  // Inferred from the request: the evidence is the request's own.
  json si = post("/v1/setup_intents", "customer=" + customer()).body;
  auto ok = post("/v1/setup_intents/" + si["id"].get<std::string>() + "/confirm",
                 "client_secret=" + si["client_secret"].get<std::string>() + "&payment_method_data[type]=cashapp" +
                     kBrowserConfirm,
                 kPk);
  ASSERT_EQ(ok.status(), 200) << ok.raw.body;
  ASSERT_EQ(approve(ok.body).status(), 200);
  json done = get("/v1/setup_intents/" + si["id"].get<std::string>()).body;
  json mandate = get("/v1/mandates/" + done["mandate"].get<std::string>()).body;
  EXPECT_EQ(mandate["customer_acceptance"]["online"]["ip_address"], "127.0.0.1");
  EXPECT_EQ(mandate["customer_acceptance"]["online"]["user_agent"], "test-agent/1.0");
}

// Finding 3: the demo merchant's routes need the session its pages set, a
// POST needs the demo's own Origin, and /demo/phone/ opens only the
// session's own intents.
TEST_F(Security, DemoMerchantRoutesNeedTheDemoSessionAndOrigin) {
  DemoMerchant merchant(sandbox_);
  auto send = [&](const std::string& method, const std::string& path, const std::string& body,
                  std::map<std::string, std::string> headers) {
    Request req;
    req.method = method;
    req.path = path;
    req.body = body;
    req.headers = std::move(headers);
    req.headers.emplace("host", "127.0.0.1:4242");
    return merchant.handle(req);
  };
  auto cookie_of = [](const std::string& set_cookie) { return set_cookie.substr(0, set_cookie.find(';')); };
  const std::string mine = cookie_of(merchant.page_cookie(Request{}));
  const std::string theirs = cookie_of(merchant.page_cookie(Request{}));
  EXPECT_NE(mine, theirs);
  const std::string origin = "http://127.0.0.1:4242";

  for (auto [method, path] : std::vector<std::pair<std::string, std::string>>{
           {"GET", "/demo/api/customers"}, {"GET", "/demo/api/config"}, {"POST", "/demo/api/checkout"},
           {"POST", "/demo/api/charge"}, {"POST", "/demo/api/detach"}, {"GET", "/demo/phone/seti_1"}}) {
    EXPECT_EQ(send(method, path, "", {{"origin", origin}}).status, 403) << path;  // no session
    EXPECT_EQ(send(method, path, "", {{"cookie", "sf_demo_session=forged"}, {"origin", origin}}).status, 403) << path;
  }
  for (const char* bad_origin : {"https://attacker.example", "null", ""}) {
    std::map<std::string, std::string> h = {{"cookie", mine}};
    if (*bad_origin) h["origin"] = bad_origin;
    EXPECT_EQ(send("POST", "/demo/api/checkout", "mode=setup", h).status, 403) << bad_origin;
  }
  EXPECT_EQ(count_customers(), 0u);  // nothing was created

  Response made = send("POST", "/demo/api/checkout", "mode=setup", {{"cookie", mine}, {"origin", origin}});
  ASSERT_EQ(made.status, 200) << made.body;
  const std::string secret = json::parse(made.body)["client_secret"];
  const std::string id = secret.substr(0, secret.find("_secret_"));
  ASSERT_EQ(post("/v1/setup_intents/" + id + "/confirm", "payment_method_data[type]=cashapp" + kBrowserConfirm).status(),
            200);
  EXPECT_EQ(send("GET", "/demo/phone/" + id, "", {{"cookie", theirs}}).status, 404);  // not their checkout
  EXPECT_EQ(send("GET", "/demo/phone/" + id, "", {{"cookie", mine}}).status, 303);
}

// Finding 5: buyer ids are keyed (not a bare hash of the $Cashtag), the
// buyer's pages need the session the approval set, and pages are not framed.
TEST_F(Security, SimulatedCashAppPagesNeedTheBuyersSession) {
  json si = confirmed_setup_intent(customer());
  auto approved = approve(si);
  ASSERT_EQ(approved.status(), 200);
  EXPECT_NE(approved.raw.header("Content-Security-Policy").find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(approved.raw.header("X-Frame-Options"), "DENY");
  const std::string set_cookie = approved.raw.header("Set-Cookie");
  EXPECT_NE(set_cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(set_cookie.find("SameSite=Strict"), std::string::npos);
  const std::map<std::string, std::string> session = {{"cookie", set_cookie.substr(0, set_cookie.find(';'))}};

  json done = get("/v1/setup_intents/" + si["id"].get<std::string>()).body;
  const std::string mandate = done["mandate"];
  const std::string buyer =
      get("/v1/payment_methods/" + done["payment_method"].get<std::string>()).body["cashapp"]["buyer_id"];
  EXPECT_NE(buyer, "C_" + sha256_hex("$alice").substr(0, 20));

  EXPECT_EQ(call("GET", "/cashapp/buyers/" + buyer, "", "").status(), 403);
  EXPECT_EQ(call("GET", "/cashapp/buyers/" + buyer, "", "", {{"cookie", "sf_cashapp_buyer=" + buyer + ".00"}}).status(),
            403);
  EXPECT_EQ(call("POST", "/cashapp/buyers/" + buyer + "/revoke", "mandate=" + mandate, "").status(), 403);
  auto cross_site = session;
  cross_site["origin"] = "https://attacker.example";
  EXPECT_EQ(call("POST", "/cashapp/buyers/" + buyer + "/revoke", "mandate=" + mandate, "", cross_site).status(), 403);
  EXPECT_EQ(get("/v1/mandates/" + mandate).body["status"], "active");

  auto page = call("GET", "/cashapp/buyers/" + buyer, "", "", session);
  EXPECT_EQ(page.status(), 200);
  EXPECT_NE(page.raw.body.find(mandate), std::string::npos);
  EXPECT_EQ(call("POST", "/cashapp/buyers/" + buyer + "/revoke", "mandate=" + mandate, "", session).status(), 303);
  EXPECT_EQ(get("/v1/mandates/" + mandate).body["status"], "inactive");
}

// Issue 12: a phone-page code lets anyone approve, and they may name any
// $Cashtag; that must not sign them in as that $Cashtag's buyer (whose page
// lists and revokes every authorisation the buyer gave). Only the $Cashtag's
// first approval, or a phone already signed in as it, is signed in.
TEST_F(Security, ApprovingAsAnotherBuyersCashtagDoesNotSignInAsThem) {
  const std::string first_cookie = approve(confirmed_setup_intent(customer())).raw.header("Set-Cookie");
  ASSERT_FALSE(first_cookie.empty());  // $alice's first approval: her phone
  const std::map<std::string, std::string> alice = {{"cookie", first_cookie.substr(0, first_cookie.find(';'))}};
  json victims = get("/v1/setup_intents?limit=1").body["data"][0];
  const std::string buyer =
      get("/v1/payment_methods/" + victims["payment_method"].get<std::string>()).body["cashapp"]["buyer_id"];

  // Someone else, holding only a code of their own, approves as $alice.
  json theirs = confirmed_setup_intent(customer());
  auto taken = approve(theirs);
  EXPECT_EQ(taken.status(), 200);
  EXPECT_EQ(get("/v1/setup_intents/" + theirs["id"].get<std::string>()).body["status"], "succeeded");
  EXPECT_EQ(taken.raw.header("Set-Cookie"), "");
  EXPECT_EQ(taken.raw.body.find("/cashapp/buyers/"), std::string::npos);
  auto redirected = call("POST", phone_path(confirmed_setup_intent(customer())),
                         "action=approve&redirect=1&cashtag=%24alice", "");
  EXPECT_EQ(redirected.status(), 303);
  EXPECT_EQ(redirected.raw.header("Set-Cookie"), "");
  EXPECT_EQ(call("GET", "/cashapp/buyers/" + buyer, "", "").status(), 403);

  // Her own phone, signed in, stays signed in on her next approval.
  auto again = call("POST", phone_path(confirmed_setup_intent(customer())), "action=approve&cashtag=%24alice", "", alice);
  EXPECT_NE(again.raw.header("Set-Cookie").find("sf_cashapp_buyer=" + buyer + "."), std::string::npos);
  EXPECT_EQ(call("GET", "/cashapp/buyers/" + buyer, "", "", alice).status(), 200);
}

// Opening the phone page is a GET: it changes nothing, even once the code or
// the session has run out (the next write or retrieve applies the clock).
TEST_F(Security, OpeningThePhonePageChangesNothing) {
  json si = confirmed_setup_intent(customer());
  const std::string before = get("/v1/events").raw.body;
  EXPECT_EQ(call("GET", phone_path(si), "", "").status(), 200);
  advance(601);  // past the 10-minute session
  EXPECT_EQ(call("GET", phone_path(si), "", "").status(), 410);
  EXPECT_EQ(get("/v1/events").raw.body, before);
  EXPECT_EQ(get("/v1/setup_intents/" + si["id"].get<std::string>()).body["status"], "requires_payment_method");
}

// Property: a publishable-key request changes nothing its client secret does
// not reach. Seeded combinations of target intent, secret and parameters
// (other customers' payment methods, evidence, off_session, expand…); after
// each, every object that existed before is unchanged except the intent the
// secret belongs to (when it matches), and a mismatched secret changes nothing.
TEST_F(Security, PublishableRequestsChangeOnlyWhatTheirSecretReaches) {
  const std::string alice = customer(), bob = customer();
  json saved = confirmed_setup_intent(alice);
  approve(saved);
  const std::string alice_pm = get("/v1/setup_intents/" + saved["id"].get<std::string>()).body["payment_method"];
  json bob_saved = confirmed_setup_intent(bob);
  json targets[] = {post("/v1/setup_intents", "customer=" + bob).body, bob_saved,
                    post("/v1/payment_intents", "amount=100&currency=usd&customer=" + bob).body};
  const std::string extras[] = {
      "", "&payment_method=" + alice_pm, "&payment_method_data[type]=cashapp", "&off_session=true",
      "&mandate_data[customer_acceptance][type]=offline", "&expand[]=customer", "&expand[]=payment_method",
      "&mandate_data[customer_acceptance][type]=online&mandate_data[customer_acceptance][online][ip_address]=1.2.3.4",
      "&payment_method_data[type]=card", "&metadata[x]=1", "&customer=" + alice};
  auto snapshot = [&] {
    std::map<std::string, std::string> all;
    for (const char* type : {"customer", "setup_intent", "payment_intent", "payment_method", "mandate",
                             "setup_attempt", "cashapp_token"})
      for (const auto& o : store_.list(type, std::nullopt, 10000)) all[o["id"].get<std::string>()] = o.dump();
    return all;
  };
  uint32_t seed = 12;
  auto next = [&](uint32_t n) {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 16) % n;
  };
  for (int round = 0; round < 120; ++round) {
    const json& target = targets[next(3)];
    const json& owner_of_secret = targets[next(3)];
    const bool confirm = next(2) == 1;
    const std::string path = std::string(target["object"] == "payment_intent" ? "/v1/payment_intents/"
                                                                              : "/v1/setup_intents/") +
                             target["id"].get<std::string>() + (confirm ? "/confirm" : "");
    const std::string body = "client_secret=" + owner_of_secret["client_secret"].get<std::string>() +
                             "&return_url=https%3A%2F%2Fshop.example%2F" + extras[next(11)];
    auto before = snapshot();
    auto r = confirm ? post(path, body, kPk) : get(path + "?" + body, kPk);
    auto after = snapshot();
    const bool reaches = owner_of_secret["id"] == target["id"];
    // What the secret reaches: its intent, that intent's attempts and Cash App
    // tokens, and the payment method it was confirmed with.
    auto reached = [&](const std::string& id, const std::string& dump) {
      if (!reaches) return false;
      const json o = json::parse(dump);
      const std::string intent = target["id"];
      const json was = json::parse(before[intent]);
      return id == intent || jstr(o, "setup_intent") == intent || jstr(o, "intent") == intent ||
             id == jstr(was, "payment_method");
    };
    for (const auto& [id, dump] : before) {
      if (reached(id, dump)) continue;
      EXPECT_EQ(after[id], dump) << "round " << round << ": " << path << " " << body << " changed " << id;
    }
    if (!reaches) EXPECT_EQ(after.size(), before.size()) << "round " << round << ": " << body;
    EXPECT_TRUE(r.status() == 200 || (r.status() >= 400 && r.status() < 500)) << r.raw.body;
    advance(7);  // tokens rotate and sessions expire along the way
  }
}

// Finding 7: list calls read at most one page (plus one row) from the store.
class CountingStore : public SqliteStore {
 public:
  CountingStore() : SqliteStore(":memory:") {}
  std::vector<json> list(const std::string& type, const std::optional<std::string>& owner, size_t limit) override {
    max_limit = std::max(max_limit, limit);
    return SqliteStore::list(type, owner, limit);
  }
  size_t max_limit = 0;
};

TEST_F(Security, ListCallsReadOnePageNotTheTable) {
  CountingStore counting;
  Sandbox sandbox(Config{}, counting, env_);
  for (int i = 0; i < 5; ++i)
    call_on(sandbox, "POST", "/v1/customers", "email=c" + std::to_string(i) + "%40example.com");
  counting.max_limit = 0;
  auto found = call_on(sandbox, "GET", "/v1/customers?email=c3%40example.com&limit=1");
  ASSERT_EQ(found.status(), 200) << found.raw.body;
  ASSERT_EQ(found.body["data"].size(), 1u);
  EXPECT_EQ(found.body["data"][0]["email"], "c3@example.com");
  EXPECT_LE(counting.max_limit, 2u);
  auto events = call_on(sandbox, "GET", "/v1/events?type=customer.created&limit=2").body;
  ASSERT_EQ(events["data"].size(), 2u);
  EXPECT_TRUE(events["has_more"]);
  auto next = call_on(sandbox, "GET",
                      "/v1/events?type=customer.created&limit=2&starting_after=" +
                          events["data"][1]["id"].get<std::string>());
  ASSERT_EQ(next.body["data"].size(), 2u);
  EXPECT_NE(next.body["data"][0]["id"], events["data"][1]["id"]);
  EXPECT_LE(counting.max_limit, 3u);
  auto unknown = call_on(sandbox, "GET", "/v1/events?starting_after=evt_nothere");
  EXPECT_EQ(unknown.status(), 404);
  EXPECT_EQ(unknown.error_param(), "starting_after");
}

// A database written before customers were indexed by email (owner '') is
// indexed when opened, so the email filter still finds its customers.
TEST(SqliteStoreUpgrade, IndexesOldCustomersByEmail) {
  const auto path = std::filesystem::temp_directory_path() / ("setupflow-upgrade-" + std::to_string(::getpid()) + ".db");
  std::filesystem::remove(path);
  {
    SqliteStore old(path.string());
    old.put("cus_old", "customer", "", 1, json{{"id", "cus_old"}, {"object", "customer"}, {"email", "o@example.com"}});
  }
  {
    SqliteStore reopened(path.string());
    auto found = reopened.list("customer", std::string("o@example.com"), 2);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0]["id"], "cus_old");
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
}

}  // namespace
}  // namespace setupflow::sandbox::testing
