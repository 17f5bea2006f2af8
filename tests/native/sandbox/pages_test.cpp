// The simulated Cash App pages and images.
#include "harness.hpp"

namespace setupflow::sandbox::testing {
namespace {

using Pages = SandboxTest;

TEST_F(Pages, PhonePageShowsMerchantWhatAndRealFormButtons) {
  json si = confirmed_setup_intent(customer());
  auto page = call("GET", phone_path(si) + "?redirect=1", "", "");
  ASSERT_EQ(page.status(), 200);
  EXPECT_EQ(page.raw.content_type, "text/html; charset=utf-8");
  const std::string& html = page.raw.body;
  EXPECT_NE(html.find("Sandbox Shop"), std::string::npos);
  EXPECT_NE(html.find("future payments"), std::string::npos);
  EXPECT_NE(html.find("<form method=\"post\""), std::string::npos);
  EXPECT_NE(html.find("value=\"approve\">Approve</button>"), std::string::npos);
  EXPECT_NE(html.find("value=\"decline\">Decline</button>"), std::string::npos);
  EXPECT_NE(html.find("name=\"redirect\" value=\"1\""), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_NE(page.raw.header("Content-Security-Policy").find("default-src 'none'"), std::string::npos);
}

TEST_F(Pages, DesktopScanShowsTheResultWithoutRedirecting) {
  json si = confirmed_setup_intent(customer());
  auto r = approve(si);
  EXPECT_EQ(r.status(), 200);
  EXPECT_NE(r.raw.body.find("Approved"), std::string::npos);
  EXPECT_NE(r.raw.body.find("Return to merchant"), std::string::npos);
  EXPECT_NE(r.raw.body.find("/cashapp/buyers/C_"), std::string::npos);
}

TEST_F(Pages, BadInputOnThePhoneIsRefusedWithoutChange) {
  json si = confirmed_setup_intent(customer());
  EXPECT_EQ(call("POST", phone_path(si), "action=maybe", "").status(), 400);
  EXPECT_EQ(call("POST", phone_path(si), "action=approve&cashtag=%3Cscript%3E", "").status(), 400);
  EXPECT_EQ(call("POST", "/cashapp/authorize/cat_nope", "action=approve", "").status(), 404);
  EXPECT_EQ(call("GET", "/cashapp/authorize/cat_nope", "", "").status(), 404);
  EXPECT_EQ(get("/v1/setup_intents/" + si["id"].get<std::string>()).body["status"], "requires_action");
}

TEST_F(Pages, ExpiredCodeShowsExpired) {
  json si = confirmed_setup_intent(customer());
  advance(61);
  auto page = call("GET", phone_path(si), "", "");
  EXPECT_EQ(page.status(), 410);
  EXPECT_EQ(approve(si).status(), 410);
}

TEST_F(Pages, QrImagesEncodeThePhonePage) {
  json si = confirmed_setup_intent(customer());
  std::string token = phone_path(si).substr(std::string("/cashapp/authorize/").size());
  auto svg = call("GET", "/cashapp/qr/" + token + ".svg", "", "");
  ASSERT_EQ(svg.status(), 200);
  EXPECT_EQ(svg.raw.content_type, "image/svg+xml");
  EXPECT_NE(svg.raw.body.find("<svg"), std::string::npos);
  auto png = call("GET", "/cashapp/qr/" + token + ".png", "", "");
  ASSERT_EQ(png.status(), 200);
  EXPECT_EQ(png.raw.content_type, "image/png");
  ASSERT_GT(png.raw.body.size(), 33u);
  EXPECT_EQ(png.raw.body.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_EQ(png.raw.body.substr(12, 4), "IHDR");
  auto be32 = [&](size_t at) {
    const auto* p = reinterpret_cast<const unsigned char*>(png.raw.body.data() + at);
    return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3];
  };
  uint32_t side = be32(16);
  EXPECT_EQ(side, be32(20));
  EXPECT_EQ(side % 8, 0u);  // 8 px per module
  EXPECT_GE(side, (21u + 8u) * 8u);
  EXPECT_EQ(call("GET", "/cashapp/qr/" + token + ".gif", "", "").status(), 404);
  EXPECT_EQ(call("GET", "/cashapp/qr/cat_nope.svg", "", "").status(), 404);
}

TEST_F(Pages, HostedInstructionsShowTheCurrentCodeAndRefresh) {
  json si = confirmed_setup_intent(customer());
  std::string url = si["next_action"]["cashapp_handle_redirect_or_display_qr_code"]["hosted_instructions_url"];
  std::string path = url.substr(url.find("/cashapp/"));
  auto page = call("GET", path, "", "");
  ASSERT_EQ(page.status(), 200);
  std::string token = phone_path(si).substr(std::string("/cashapp/authorize/").size());
  EXPECT_NE(page.raw.body.find("/cashapp/qr/" + token + ".svg"), std::string::npos);
  // It never reloads itself (axe: meta-refresh); a link to itself does.
  EXPECT_EQ(page.raw.body.find("http-equiv=\"refresh\""), std::string::npos);
  EXPECT_NE(page.raw.body.find("<a href=\"" + path + "\">refresh this page</a>"), std::string::npos);
  advance(31);
  auto later = call("GET", path, "", "");
  EXPECT_EQ(later.raw.body.find("/cashapp/qr/" + token + ".svg"), std::string::npos);  // rotated
  approve(json(get("/v1/setup_intents/" + si["id"].get<std::string>()).body));
  EXPECT_NE(call("GET", path, "", "").raw.body.find("succeeded"), std::string::npos);
}

TEST_F(Pages, BuyerPageRevokesAMandate) {
  auto cus = customer();
  json si = confirmed_setup_intent(cus);
  // Issue 12, finding 5: the buyer's pages need the session the approval sets.
  const std::string set_cookie = approve(si).raw.header("Set-Cookie");
  const std::map<std::string, std::string> session = {{"cookie", set_cookie.substr(0, set_cookie.find(';'))}};
  json done = get("/v1/setup_intents/" + si["id"].get<std::string>()).body;
  std::string buyer = get("/v1/payment_methods/" + done["payment_method"].get<std::string>()).body["cashapp"]["buyer_id"];
  auto page = call("GET", "/cashapp/buyers/" + buyer, "", "", session);
  EXPECT_NE(page.raw.body.find(done["mandate"].get<std::string>()), std::string::npos);
  EXPECT_NE(page.raw.body.find(">Revoke</button>"), std::string::npos);
  EXPECT_EQ(call("POST", "/cashapp/buyers/C_someoneelse/revoke", "mandate=" + done["mandate"].get<std::string>(), "",
                 session)
                .status(),
            403);  // was 404: another buyer's page now needs that buyer's session first
  auto revoke = call("POST", "/cashapp/buyers/" + buyer + "/revoke", "mandate=" + done["mandate"].get<std::string>(), "",
                     session);
  EXPECT_EQ(revoke.status(), 303);
  EXPECT_EQ(get("/v1/mandates/" + done["mandate"].get<std::string>()).body["status"], "inactive");
  auto events = get("/v1/events?type=mandate.updated").body["data"];
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0]["data"]["object"]["status"], "inactive");
  EXPECT_EQ(call("GET", "/cashapp/buyers/" + buyer, "", "", session).raw.body.find(">Revoke</button>"), std::string::npos);
}

}  // namespace
}  // namespace setupflow::sandbox::testing
