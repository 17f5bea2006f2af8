// The simulated Cash App, as HTML pages without JavaScript (plain forms):
//   /cashapp/authorize/{token}             the "phone": Approve / Decline
//   /cashapp/instructions/{intent}/{sess}  hosted instructions: the current QR (a link refreshes it)
//   /cashapp/qr/{token}.svg|.png           the QR image of the phone page URL
//   /cashapp/buyers/{buyer_id}             a buyer's saved authorisations: Revoke
//
// mobile_auth_url is the phone page with ?redirect=1: after the decision the
// shopper is sent (303) to return_url with the return parameters, as after
// a mobile Cash App redirect. The QR payload is the same page without the
// flag: scanning it from a desktop checkout shows the result on the "phone"
// and the desktop page learns it by polling.
#include <cstdio>

#include "api_error.hpp"
#include "cashapp.hpp"
#include "route.hpp"
#include "crypto.hpp"
#include "params.hpp"
#include "render.hpp"
#include "png.hpp"
#include "setupflow/qr.hpp"
#include "webhook_signing.hpp"

namespace setupflow::sandbox {
namespace {

constexpr const char* kDefaultCashtag = "$sandboxshopper";

// Every simulated page: the badge in a banner, the content in <main>, text
// that meets WCAG AA contrast, and no self-refresh (a page that reloads itself
// moves a screen reader back to the top; pages that change offer a link).
Response page(int status, const std::string& title, const std::string& body) {
  Response r;
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  // Never framed: a page that frames the phone page could trick a click on Approve.
  r.set_header("Content-Security-Policy",
               "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'; "
               "form-action 'self'");
  r.set_header("X-Frame-Options", "DENY");
  r.set_header("Cache-Control", "no-store");
  r.set_header("Referrer-Policy", "no-referrer");
  r.body = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
           "<title>" + html_escape(title) + " · Cash App (sandbox)</title><style>"
           "body{font-family:system-ui,sans-serif;max-width:26rem;margin:2rem auto;padding:0 1rem;color:#111}"
           "h1{font-size:1.4rem}.badge{background:#00d64f;color:#111;border-radius:.5rem;padding:.1rem .5rem}"
           "button{font-size:1.1rem;padding:.7rem 1.2rem;border-radius:2rem;border:0;margin:.3rem;color:#111}"
           ".approve{background:#00d64f}.decline{background:#eee}"
           "img{width:100%;max-width:18rem;image-rendering:pixelated}</style></head><body>"
           "<header><p><span class=\"badge\">Cash App</span> sandbox — no real money moves</p></header><main>" +
           body + "</main></body></html>";
  return r;
}

std::string money(const json& intent) {
  char buf[64];
  int64_t amount = intent.value("amount", int64_t(0));
  std::snprintf(buf, sizeof buf, "$%lld.%02lld", static_cast<long long>(amount / 100),
                static_cast<long long>(amount % 100));
  return std::string(buf) + " " + jstr(intent, "currency");
}

bool valid_cashtag(const std::string& tag) {
  if (tag.size() < 2 || tag.size() > 21 || tag[0] != '$') return false;
  for (size_t i = 1; i < tag.size(); ++i) {
    char c = tag[i];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
      return false;
  }
  return true;
}

// The buyer's "signed in to Cash App" session: required by their
// authorisations page and by Revoke. An approval signs the phone in only when
// it is the $Cashtag's first use or the phone is signed in as it already: a
// code lets anyone approve as any $Cashtag (the simulated shopper names
// themselves), never open another buyer's authorisations.
constexpr const char* kBuyerCookie = "sf_cashapp_buyer";

std::string buyer_mac(const std::string& secret, const std::string& buyer) {
  return hmac_sha256_hex(secret, "buyer-session:" + buyer).substr(0, 32);
}

bool buyer_session_ok(Ctx& ctx, const std::string& buyer) {
  auto secret = page_secret(ctx, false);
  if (!secret) return false;
  return secure_equals(ctx.req.cookie(kBuyerCookie), buyer + "." + buyer_mac(*secret, buyer));
}

void set_buyer_session(Ctx& ctx, Response& r, const std::string& buyer) {
  r.set_header("Set-Cookie", std::string(kBuyerCookie) + "=" + buyer + "." + buyer_mac(*page_secret(ctx, true), buyer) +
                                 "; Path=/cashapp; HttpOnly; SameSite=Strict");
}

Response no_buyer_session() {
  return page(403, "Not signed in",
              "<h1>Not signed in</h1><p>Your authorisations are shown to the Cash App account that approved them: "
              "approve a request on the phone page first.</p>");
}

std::string form_value(const Ctx& ctx, const char* name) {
  const FormNode* n = ctx.params.get(name);
  return n && n->kind == FormNode::Kind::string ? n->value : std::string();
}



Response page_phone(Ctx& ctx) {
  const std::string token = ctx.parts.at(2);
  auto tok = ctx.store.get(token);
  if (!tok || jstr(*tok, "object") != "cashapp_token")
    return page(404, "Unknown code", "<h1>Unknown code</h1><p>This Cash App code does not exist.</p>");
  auto loaded = ctx.store.get(jstr(*tok, "intent"));
  if (!loaded) return page(404, "Unknown code", "<h1>Unknown code</h1>");
  const json& intent = *loaded;
  // A GET changes nothing: whether the code still opens is read from the
  // clock; the intent's own expiry is applied by the next write or retrieve.
  if (!cashapp_code_open(ctx, intent, *tok))
    return page(410, "Code expired",
                "<h1>This code has expired</h1><p>Ask the merchant's page for a fresh QR code.</p>");
  const bool setup = jstr(intent, "object") == "setup_intent";
  std::string what = setup ? "future payments from your Cash App account, until you revoke it"
                           : money(intent) + " now" +
                                 (intent["setup_future_usage"].is_string() ? ", and future payments until you revoke it"
                                                                           : "");
  const std::string redirect = form_value(ctx, "redirect") == "1" ? "1" : "0";
  std::string body = "<h1>" + html_escape(ctx.config.merchant_name) + "</h1><p>asks you to authorise <strong>" +
                     html_escape(what) + "</strong>.</p>" +
                     "<form method=\"post\" action=\"/cashapp/authorize/" + html_escape(token) + "\">" +
                     "<input type=\"hidden\" name=\"redirect\" value=\"" + redirect + "\">" +
                     "<p><label>Pay as $Cashtag <input name=\"cashtag\" value=\"" + kDefaultCashtag +
                     "\" pattern=\"\\$[A-Za-z0-9_\\-]{1,20}\"></label></p>" +
                     "<button class=\"approve\" name=\"action\" value=\"approve\">Approve</button>" +
                     "<button class=\"decline\" name=\"action\" value=\"decline\">Decline</button></form>";
  return page(200, "Authorise " + ctx.config.merchant_name, body);
}

Response page_phone_decide(Ctx& ctx) {
  const std::string action = form_value(ctx, "action");
  if (action != "approve" && action != "decline")
    return page(400, "Bad request", "<h1>Choose Approve or Decline</h1>");
  std::string cashtag = form_value(ctx, "cashtag");
  if (cashtag.empty()) cashtag = kDefaultCashtag;
  if (!valid_cashtag(cashtag))
    return page(400, "Bad $Cashtag", "<h1>That is not a $Cashtag</h1><p>Use $ and 1-20 letters or digits.</p>");
  const std::string buyer = buyer_id_for(ctx, cashtag);
  const bool signs_in = buyer_session_ok(ctx, buyer) || !cashapp_buyer_known(ctx, buyer);
  Decision d = cashapp_decide(ctx, ctx.parts.at(2), action == "approve", cashtag);
  using O = Decision::Outcome;
  if (d.outcome == O::not_found) return page(404, "Unknown code", "<h1>Unknown code</h1>");
  if ((d.outcome == O::approved || d.outcome == O::declined) && form_value(ctx, "redirect") == "1" &&
      !d.redirect_url.empty()) {
    Response r;
    r.status = 303;
    r.content_type = "text/plain";
    r.set_header("Location", d.redirect_url);
    r.set_header("Cache-Control", "no-store");
    if (d.outcome == O::approved && signs_in) set_buyer_session(ctx, r, buyer);
    r.body = "See Other";
    return r;
  }
  std::string back = d.redirect_url.empty() ? ""
                                            : "<p><a href=\"" + html_escape(d.redirect_url) +
                                                  "\">Return to merchant</a></p>";
  if (d.outcome == O::expired)
    return page(410, "Code expired", "<h1>This code has expired</h1><p>Nothing was authorised.</p>" + back);
  if (d.outcome == O::declined) return page(200, "Declined", "<h1>Declined</h1><p>Nothing was authorised.</p>" + back);
  const std::string manage =
      signs_in ? "<p><a href=\"/cashapp/buyers/" + buyer + "\">Manage your authorisations</a></p>"
               : "<p>" + html_escape(cashtag) +
                     " is signed in on another phone: its authorisations are managed there.</p>";
  Response r = page(200, "Approved",
                    "<h1>Approved</h1><p>" + html_escape(ctx.config.merchant_name) + " is authorised for " +
                        html_escape(cashtag) + ". You can close this page.</p>" + back + manage);
  if (signs_in) set_buyer_session(ctx, r, buyer);
  return r;
}

Response page_instructions(Ctx& ctx) {
  auto loaded = ctx.store.get(ctx.parts.at(2));
  if (!loaded || (jstr(*loaded, "object") != "setup_intent" && jstr(*loaded, "object") != "payment_intent"))
    return page(404, "Not found", "<h1>Not found</h1>");
  json intent = *loaded;
  if (cashapp_refresh(ctx, intent)) save(ctx, intent, jstr(intent, "customer"));
  if (!intent.contains("_cashapp") || jstr(intent["_cashapp"], "session") != ctx.parts.at(3) ||
      jstr(intent, "status") != "requires_action")
    return page(200, "Done", "<h1>This authorisation is over</h1><p>Status: " +
                                 html_escape(jstr(intent, "status")) + ". Return to the merchant's page.</p>");
  const std::string token = jstr(intent["_cashapp"], "token");
  // The code changes every 30 seconds; the page does not reload itself (see
  // page()): the shopper refreshes it, and each load shows the current code.
  const std::string self = "/cashapp/instructions/" + ctx.parts.at(2) + "/" + ctx.parts.at(3);
  return page(200, "Scan to pay",
              "<h1>Scan with your phone</h1><p>Open the camera or Cash App and scan to authorise " +
                  html_escape(ctx.config.merchant_name) + ".</p>"
                  "<img alt=\"Cash App QR code\" src=\"/cashapp/qr/" + token + ".svg\">"
                  "<p>The code changes every 30 seconds. If your phone cannot read it, <a href=\"" + html_escape(self) +
                  "\">refresh this page</a> for the current one.</p>"
                  "<p><a href=\"/cashapp/authorize/" + token + "\">Open the phone page (sandbox)</a></p>");
}

Response page_qr_svg(Ctx& ctx) {
  std::string file = ctx.parts.at(2);
  bool png = false;
  if (file.size() > 4 && file.compare(file.size() - 4, 4, ".png") == 0) png = true;
  else if (!(file.size() > 4 && file.compare(file.size() - 4, 4, ".svg") == 0))
    return page(404, "Not found", "<h1>Not found</h1>");
  const std::string token = file.substr(0, file.size() - 4);
  auto tok = ctx.store.get(token);
  if (!tok || jstr(*tok, "object") != "cashapp_token") return page(404, "Not found", "<h1>Not found</h1>");
  auto matrix = encode_qr(ctx.base_url + "/cashapp/authorize/" + token);
  if (!matrix) return page(500, "Error", "<h1>QR encoding failed</h1>");
  Response r;
  r.set_header("Cache-Control", "no-store");
  if (png) {
    r.content_type = "image/png";
    r.body = qr_png(*matrix);
  } else {
    r.content_type = "image/svg+xml";
    r.body = qr_svg_document(*matrix);
  }
  return r;
}

Response page_buyer(Ctx& ctx) {
  const std::string buyer = ctx.parts.at(2);
  if (!buyer_session_ok(ctx, buyer)) return no_buyer_session();
  std::string rows;
  for (const auto& m : ctx.store.list("mandate", buyer, 200)) {
    rows += "<li><strong>" + html_escape(jstr(m, "_merchant")) + "</strong> · " + html_escape(jstr(m, "status")) +
            " · <code>" + html_escape(jstr(m, "id")) + "</code>";
    if (jstr(m, "status") == "active")
      rows += "<form method=\"post\" action=\"/cashapp/buyers/" + html_escape(buyer) +
              "/revoke\"><input type=\"hidden\" name=\"mandate\" value=\"" + html_escape(jstr(m, "id")) +
              "\"><button class=\"decline\">Revoke</button></form>";
    rows += "</li>";
  }
  if (rows.empty()) rows = "<li>No authorisations.</li>";
  return page(200, "Your authorisations", "<h1>Your authorisations</h1><ul>" + rows + "</ul>");
}

Response page_buyer_revoke(Ctx& ctx) {
  const std::string buyer = ctx.parts.at(2);
  if (!buyer_session_ok(ctx, buyer)) return no_buyer_session();
  // SameSite=Strict keeps the cookie off cross-site posts; a browser's Origin
  // naming another site is refused as well.
  if (const std::string origin = ctx.req.header("origin");
      !origin.empty() && origin != ctx.base_url && origin != "http://" + ctx.req.header("host"))
    return page(403, "Refused", "<h1>Refused</h1><p>Revoke from your authorisations page.</p>");
  if (!cashapp_revoke(ctx, buyer, form_value(ctx, "mandate")))
    return page(404, "Not found", "<h1>No such authorisation</h1>");
  Response r;
  r.status = 303;
  r.content_type = "text/plain";
  r.set_header("Location", "/cashapp/buyers/" + buyer);
  r.body = "See Other";
  return r;
}

const Route kRoutes[] = {
    {"GET", "/cashapp/authorize/:", "cashapp.phone", page_phone, Access::page},
    {"POST", "/cashapp/authorize/:", "cashapp.decide", page_phone_decide, Access::page},
    {"GET", "/cashapp/instructions/:/:", "cashapp.instructions", page_instructions, Access::page},
    {"GET", "/cashapp/qr/:", "cashapp.qr", page_qr_svg, Access::page},
    {"GET", "/cashapp/buyers/:", "cashapp.buyer", page_buyer, Access::page},
    {"POST", "/cashapp/buyers/:/revoke", "cashapp.revoke", page_buyer_revoke, Access::page},
};

}  // namespace

std::span<const Route> cashapp_page_routes() { return kRoutes; }

}  // namespace setupflow::sandbox
