// The simulated reader screen: what a Terminal reader shows during a mail or
// telephone order, and where the agent keys the caller's card.
//   GET  /v1/test_helpers/terminal/readers/{id}/screen  (secret key; ours) its URL
//   GET  /terminal/screens/{token}          idle, waiting, processing, approved, declined, offline
//   POST /terminal/screens/{token}          number, exp_month, exp_year, cvc, postal_code
//   POST /terminal/screens/{token}/cancel   the customer cancels (when enabled)
//   GET  /terminal/reader.css
// The token is unguessable and handed out only to the secret key. Pages have
// no script and no inline style (strict CSP), cannot be framed, and change
// state only by POST. They do not refresh themselves (a page that reloads
// every second or two is lost to a screen reader): a Refresh link reads the
// reader again, and a page framing the screen reloads it on its console's
// events (the hosted demo does).
#include "params.hpp"
#include "render.hpp"
#include "route.hpp"
#include "terminal_actions.hpp"
#include "terminal_readers.hpp"

namespace setupflow::sandbox {
namespace {

// How long the screen shows a result before it is ready again.
constexpr int64_t kResultSeconds = 10;

constexpr const char* kCss =
    "body{font-family:system-ui,sans-serif;max-width:24rem;margin:2rem auto;padding:1rem;background:#111;color:#eee;"
    "border-radius:1.5rem}h1{font-size:1.3rem}label{display:block;margin:.6rem 0}"
    "input{font-size:1.1rem;padding:.4rem;width:100%;box-sizing:border-box}.row{display:flex;gap:.5rem}"
    "button{font-size:1.1rem;padding:.6rem 1.2rem;border-radius:.6rem;border:0;margin:.6rem .3rem 0 0}"
    ".ok{color:#4ade80}.bad{color:#f87171}.muted{color:#aaa}.submit{background:#635bff;color:#fff}a{color:#a5b4fc}";

Response screen(const Ctx& ctx, int status, const std::string& title, const std::string& body) {
  Response r;
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  // The hosted demo shows the screen beside the agent's console, a page of
  // the sandbox's own origin; nothing else may frame it.
  const bool framed = ctx.config.reader_screens_framed_by_self;
  r.set_header("Content-Security-Policy", std::string("default-src 'none'; style-src 'self'; form-action 'self'; ") +
                                              (framed ? "frame-ancestors 'self'" : "frame-ancestors 'none'") +
                                              "; base-uri 'none'");
  r.set_header("X-Frame-Options", framed ? "SAMEORIGIN" : "DENY");
  r.set_header("Cache-Control", "no-store");
  r.set_header("Referrer-Policy", "no-referrer");
  r.body = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
           "<title>" + html_escape(title) + " · Reader (sandbox)</title>"
           "<link rel=\"stylesheet\" href=\"/terminal/reader.css\"></head><body><main aria-label=\"Simulated reader\">"
           "<p class=\"muted\">Simulated reader — sandbox, no real card is charged</p>" +
           body + "</main></body></html>";
  return r;
}

Response see_other(const std::string& location) {
  Response r;
  r.status = 303;
  r.content_type = "text/plain";
  r.set_header("Location", location);
  r.set_header("Cache-Control", "no-store");
  r.body = "See Other";
  return r;
}

std::string form_value(const Ctx& ctx, const char* name) {
  const FormNode* n = ctx.params.get(name);
  return n && n->kind == FormNode::Kind::string ? n->value.substr(0, 64) : std::string();
}

// The reader of a screen token, loaded (its clock applied); null when none.
std::optional<json> reader_of_screen(Ctx& ctx, const std::string& token) {
  auto screen = ctx.store.get(token);
  if (!screen || jstr(*screen, "object") != "terminal_screen") return std::nullopt;
  auto stored = ctx.store.get(jstr(*screen, "reader"));
  if (!stored || stored->value("_deleted", false)) return std::nullopt;
  return load_reader(ctx, jstr(*screen, "reader"));
}

std::string card_form(const std::string& token, const json& action, const std::string& error) {
  std::string html = "<h1>Key in the card</h1><p>Enter the card the customer reads out.</p>";
  if (!error.empty()) html += "<p class=\"bad\" role=\"alert\">" + html_escape(error) + "</p>";
  html += "<form method=\"post\" action=\"/terminal/screens/" + token + "\">"
          "<label>Card number <input name=\"number\" inputmode=\"numeric\" autocomplete=\"off\" required></label>"
          "<div class=\"row\"><label>Month (MM) <input name=\"exp_month\" inputmode=\"numeric\" maxlength=\"2\" "
          "required></label><label>Year (YY) <input name=\"exp_year\" inputmode=\"numeric\" maxlength=\"4\" "
          "required></label></div>"
          "<label>CVC <input name=\"cvc\" inputmode=\"numeric\" maxlength=\"4\" autocomplete=\"off\" required></label>"
          "<label>Postal code <input name=\"postal_code\" maxlength=\"10\"></label>"
          "<button class=\"submit\">Submit</button></form>";
  if (action["process_setup_intent"]["process_config"].value("enable_customer_cancellation", false))
    html += "<form method=\"post\" action=\"/terminal/screens/" + token + "/cancel\"><button>Cancel</button></form>";
  return html;
}

// The approved card ("visa •••• 4242") of a succeeded action.
std::string approved_card(Ctx& ctx, const json& action) {
  auto intent = ctx.store.get(jstr(action["process_setup_intent"], "setup_intent"));
  if (!intent) return {};
  auto pm = ctx.store.get(jstr(*intent, "payment_method"));
  if (!pm) return {};
  const json& card = (*pm)["card"];
  return jstr(card, "brand") + " •••• " + jstr(card, "last4");
}

Response show(Ctx& ctx, const std::string& token, const json& reader, const std::string& error = {}) {
  const std::string label = "<p class=\"muted\">" + html_escape(jstr(reader, "label")) + "</p>";
  const std::string refresh = "<p><a href=\"/terminal/screens/" + token + "\">Refresh</a></p>";
  if (jstr(reader, "_link") != "online")
    return screen(ctx, 200, "Offline", label + "<h1>Offline</h1><p>The reader has no connection.</p>" + refresh);
  const json& action = reader["action"];
  if (card_processing(reader)) return screen(ctx, 200, "Processing", label + "<h1>Processing…</h1>" + refresh);
  if (action_in_progress(reader)) return screen(ctx, error.empty() ? 200 : 422, "Waiting", label + card_form(token, action, error));
  const bool recent = ctx.now < reader.value("_ended_at", int64_t(0)) + kResultSeconds;
  if (recent && action.is_object() && jstr(action, "status") == "succeeded")
    return screen(ctx, 200, "Approved",
                  label + "<h1 class=\"ok\">Approved</h1><p>" + html_escape(approved_card(ctx, action)) +
                      " saved.</p>" + refresh);
  if (recent && action.is_object() && jstr(action, "status") == "failed")
    return screen(ctx, 200, "Declined",
                  label + "<h1 class=\"bad\">Declined</h1><p>" + html_escape(jstr(action, "failure_message")) +
                      "</p>" + refresh);
  return screen(ctx, 200, "Idle", label + "<h1>Ready</h1><p>Waiting for the merchant to start.</p>" + refresh);
}

Response page_screen(Ctx& ctx) {
  auto reader = reader_of_screen(ctx, ctx.parts.at(2));
  if (!reader) return screen(ctx, 404, "Unknown reader", "<h1>Unknown reader</h1>");
  return show(ctx, ctx.parts.at(2), *reader);
}

Response page_key_card(Ctx& ctx) {
  const std::string token = ctx.parts.at(2);
  auto reader = reader_of_screen(ctx, token);
  if (!reader) return screen(ctx, 404, "Unknown reader", "<h1>Unknown reader</h1>");
  KeyedCard card;
  card.number = form_value(ctx, "number");
  card.cvc = form_value(ctx, "cvc");
  card.postal_code = form_value(ctx, "postal_code");
  auto number = [&](const char* name) {
    const std::string v = form_value(ctx, name);
    return v.empty() || v.size() > 4 || v.find_first_not_of("0123456789") != std::string::npos ? -1 : std::stoi(v);
  };
  card.exp_month = number("exp_month");
  card.exp_year = number("exp_year");
  try {
    key_card_on_screen(ctx, *reader, std::move(card));
  } catch (const ApiError& e) {
    return show(ctx, token, *reader, e.message);  // nothing was stored
  }
  return see_other("/terminal/screens/" + token);
}

Response page_customer_cancel(Ctx& ctx) {
  const std::string token = ctx.parts.at(2);
  auto reader = reader_of_screen(ctx, token);
  if (!reader) return screen(ctx, 404, "Unknown reader", "<h1>Unknown reader</h1>");
  try {
    customer_cancels(ctx, *reader);
  } catch (const ApiError& e) {
    return show(ctx, token, *reader, e.message);
  }
  return see_other("/terminal/screens/" + token);
}

Response page_css(Ctx&) {
  Response r;
  r.content_type = "text/css; charset=utf-8";
  r.set_header("Cache-Control", "max-age=300");
  r.body = kCss;
  return r;
}

// Ours (secret key): the screen URL of a reader, made on first use.
Response reader_screen_url(Ctx& ctx) {
  allow_params(ctx, {});
  json reader = load_reader(ctx, ctx.parts.at(4));
  std::string token = jstr(reader, "_screen");
  if (token.empty()) {
    token = "trs_" + ctx.env.random_alnum(32);
    save(ctx, {{"id", token}, {"object", "terminal_screen"}, {"created", ctx.now}, {"reader", reader["id"]}},
         jstr(reader, "id"));
    reader["_screen"] = token;
    save_reader(ctx, reader);
  }
  return json_response({{"object", "sandbox.reader_screen"},
                        {"reader", reader["id"]},
                        {"url", ctx.base_url + "/terminal/screens/" + token}});
}

const Route kRoutes[] = {
    {"GET", "/v1/test_helpers/terminal/readers/:/screen", "test_helpers.terminal.readers.screen", reader_screen_url,
     Access::secret},
    {"GET", "/terminal/screens/:", "terminal.screen", page_screen, Access::page},
    {"POST", "/terminal/screens/:", "terminal.screen.key_card", page_key_card, Access::page},
    {"POST", "/terminal/screens/:/cancel", "terminal.screen.cancel", page_customer_cancel, Access::page},
    {"GET", "/terminal/reader.css", "terminal.screen.css", page_css, Access::page},
};

}  // namespace

std::span<const Route> reader_page_routes() { return kRoutes; }

}  // namespace setupflow::sandbox
