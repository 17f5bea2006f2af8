#include "cashapp.hpp"

#include "api_error.hpp"
#include "intents.hpp"
#include "params.hpp"
#include "render.hpp"
#include "setupflow/redirect.hpp"
#include "webhook_signing.hpp"

namespace setupflow::sandbox {
namespace {

// Issues a fresh token and writes the next action for it.
void issue_token(Ctx& ctx, json& intent) {
  json& s = intent["_cashapp"];
  std::string token = "cat_" + ctx.env.random_alnum(32);
  json tok = {{"id", token},
              {"object", "cashapp_token"},
              {"created", ctx.now},
              {"intent", intent["id"]},
              {"session", s["session"]},
              {"expires_at", ctx.now + kTokenValidSeconds}};
  save(ctx, tok, intent["id"]);
  s["token"] = token;
  s["token_expires_at"] = ctx.now + kTokenDisplaySeconds;
  const std::string& b = ctx.base_url;
  std::string phone = b + "/cashapp/authorize/" + token;
  intent["next_action"] = {
      {"type", "cashapp_handle_redirect_or_display_qr_code"},
      {"cashapp_handle_redirect_or_display_qr_code",
       {{"hosted_instructions_url",
         b + "/cashapp/instructions/" + intent["id"].get<std::string>() + "/" + s["session"].get<std::string>()},
        {"mobile_auth_url", phone + "?redirect=1"},
        {"qr_code",
         {{"expires_at", ctx.now + kTokenDisplaySeconds},
          {"image_url_png", b + "/cashapp/qr/" + token + ".png"},
          {"image_url_svg", b + "/cashapp/qr/" + token + ".svg"}}}}}};
  // An extension (WIRE.md): live Stripe sends no qr_code.data.
  if (ctx.config.extensions)
    intent["next_action"]["cashapp_handle_redirect_or_display_qr_code"]["qr_code"]["data"] = phone;
}

}  // namespace

namespace {

// With the publishable key the browser may only say "online, inferred from
// this request": evidence (IP, user agent, time) or an offline acceptance is
// the merchant's server's to state, with the secret key.
[[noreturn]] void publishable_refuses(const std::string& param) {
  throw invalid("parameter_not_allowed_with_publishable_key",
                "You cannot set " + param +
                    " with a publishable key: a browser confirm records an online acceptance inferred from "
                    "the request (infer_from_client=true). Set it from your server with the secret key.",
                param);
}

}  // namespace

json customer_acceptance_from(Ctx& ctx) {
  json online = {{"ip_address", ctx.req.remote_ip}, {"user_agent", ctx.req.header("user-agent")}};
  std::string type = "online";
  int64_t accepted_at = ctx.now;
  const std::string ca_name = "mandate_data[customer_acceptance]";
  if (const FormNode* md = ctx.params.get("mandate_data")) {
    allow_children(md, "mandate_data", {"customer_acceptance"});
    if (const FormNode* ca = md->get("customer_acceptance")) {
      allow_children(ca, ca_name, {"type", "online", "offline", "accepted_at"});
      auto t = param_string(*ca, "type", ca_name + "[type]");
      if (!t || (*t != "online" && *t != "offline"))
        throw invalid("parameter_invalid_string", "customer_acceptance[type] must be online or offline",
                      ca_name + "[type]");
      type = *t;
      if (ctx.publishable && type != "online") publishable_refuses(ca_name + "[type]");
      if (ca->get("offline") && ctx.publishable) publishable_refuses(ca_name + "[offline]");
      allow_children(ca->get("offline"), ca_name + "[offline]", {});
      if (ca->get("accepted_at")) {
        if (ctx.publishable) publishable_refuses(ca_name + "[accepted_at]");
        accepted_at = *param_int(*ca, "accepted_at", ca_name + "[accepted_at]", 0, ctx.now);
      }
      if (const FormNode* on = ca->get("online")) {
        const std::string p = ca_name + "[online]";
        allow_children(on, p, {"infer_from_client", "ip_address", "user_agent"});
        auto infer = param_bool(*on, "infer_from_client", p + "[infer_from_client]");
        if (ctx.publishable && infer == false)
          throw invalid("parameter_invalid_boolean",
                        "A publishable-key confirm records an acceptance inferred from the client: " + p +
                            "[infer_from_client] must be true.",
                        p + "[infer_from_client]");
        for (const char* field : {"ip_address", "user_agent"}) {
          auto v = param_string(*on, field, p + "[" + field + "]");
          if (!v) continue;
          if (ctx.publishable) publishable_refuses(p + "[" + field + "]");
          online[field] = *v;
        }
      }
    }
  }
  json acceptance = {{"accepted_at", accepted_at}, {"type", type}};
  if (type == "online") acceptance["online"] = online;
  else acceptance["offline"] = json::object();
  return acceptance;
}

void cashapp_start(Ctx& ctx, json& intent, const std::string& return_url, const json& acceptance) {
  intent["_cashapp"] = {{"session", ctx.env.random_alnum(24)},
                        {"session_expires_at", ctx.now + kSessionSeconds},
                        {"refreshes", 0},
                        {"return_url", return_url},
                        {"acceptance", acceptance}};
  issue_token(ctx, intent);
  intent["status"] = "requires_action";
  intent[is_setup(intent) ? "last_setup_error" : "last_payment_error"] = nullptr;
}

bool cashapp_refresh(Ctx& ctx, json& intent) {
  if (intent.value("status", "") != "requires_action" || !intent.contains("_cashapp")) return false;
  const json& s = intent["_cashapp"];
  const std::string failure = is_setup(intent) ? "setup_intent_authentication_failure"
                                               : "payment_intent_authentication_failure";
  if (ctx.now >= s.value("session_expires_at", int64_t(0))) {
    cashapp_fail(ctx, intent, "invalid_request_error", failure,
                 "The Cash App authorization session expired before the customer approved it.");
    return true;
  }
  if (ctx.now < s.value("token_expires_at", int64_t(0))) return false;
  if (s.value("refreshes", 0) >= kMaxRefreshes) {
    cashapp_fail(ctx, intent, "invalid_request_error", failure,
                 "The Cash App QR code expired too many times before the customer approved it.");
    return true;
  }
  intent["_cashapp"]["refreshes"] = s.value("refreshes", 0) + 1;
  issue_token(ctx, intent);
  return true;
}

void cashapp_fail(Ctx& ctx, json& intent, const std::string& type, const std::string& code,
                  const std::string& message, const std::string& decline_code) {
  json error = {{"type", type}, {"code", code}, {"message", message}};
  if (!decline_code.empty()) error["decline_code"] = decline_code;
  fail_intent(ctx, intent, std::move(error));
}

std::string buyer_id_for(Ctx& ctx, const std::string& cashtag) {
  // Keyed with the database's secret: the id of a $Cashtag cannot be
  // computed (and its buyer page found) from the $Cashtag alone.
  return "C_" + hmac_sha256_hex(*page_secret(ctx, true), "buyer:" + cashtag).substr(0, 20);
}

bool cashapp_code_open(const Ctx& ctx, const json& intent, const json& token) {
  if (intent.value("status", "") != "requires_action" || !intent.contains("_cashapp")) return false;
  const json& s = intent["_cashapp"];
  const bool session_over =
      ctx.now >= s.value("session_expires_at", int64_t(0)) ||
      (ctx.now >= s.value("token_expires_at", int64_t(0)) && s.value("refreshes", 0) >= kMaxRefreshes);
  return !session_over && s.value("session", "") == token.value("session", "") &&
         ctx.now < token.value("expires_at", int64_t(0));
}

bool cashapp_buyer_known(Ctx& ctx, const std::string& buyer_id) {
  auto buyer = ctx.store.get(buyer_id);
  return buyer && buyer->value("object", "") == "cashapp_buyer";
}

Decision cashapp_decide(Ctx& ctx, const std::string& token, bool approve, const std::string& cashtag) {
  Decision d;
  auto tok = ctx.store.get(token);
  if (!tok || tok->value("object", "") != "cashapp_token") return d;
  auto loaded = ctx.store.get((*tok)["intent"].get<std::string>());
  if (!loaded) return d;
  json intent = *loaded;
  const std::string owner = intent_owner(intent);
  std::string return_url;
  if (intent.contains("_cashapp")) return_url = intent["_cashapp"].value("return_url", "");
  auto finish = [&](Decision::Outcome outcome, const std::string& status) {
    d.outcome = outcome;
    d.intent = intent;
    if (!return_url.empty() && validate_return_url(return_url).ok()) {
      IntentKind kind = is_setup(intent) ? IntentKind::setup : IntentKind::payment;
      d.redirect_url = add_return_params(return_url, kind, intent["id"].get<std::string>(),
                                         intent["client_secret"].get<std::string>(), status);
    }
    return d;
  };
  if (cashapp_refresh(ctx, intent)) save(ctx, intent, owner);
  if (!cashapp_code_open(ctx, intent, *tok)) return finish(Decision::Outcome::expired, "failed");

  if (!approve) {
    cashapp_fail(ctx, intent, "card_error", "payment_method_provider_decline",
                 "The customer declined the Cash App authorization.", "generic_decline");
    return finish(Decision::Outcome::declined, "failed");
  }

  json pm = load(ctx, intent["payment_method"].get<std::string>(), "payment_method", "payment method");
  const std::string buyer = buyer_id_for(ctx, cashtag);
  if (!cashapp_buyer_known(ctx, buyer))
    save(ctx, {{"id", buyer}, {"object", "cashapp_buyer"}, {"cashtag", cashtag}, {"created", ctx.now}}, buyer);
  pm["cashapp"] = {{"buyer_id", buyer}, {"cashtag", cashtag}};
  if (saves_payment_method(intent)) {
    json mandate = {{"id", ctx.new_id("mandate")},
                    {"object", "mandate"},
                    {"customer_acceptance", intent["_cashapp"]["acceptance"]},
                    {"livemode", false},
                    {"multi_use", json::object()},
                    {"payment_method", pm["id"]},
                    {"payment_method_details", {{"type", "cashapp"}, {"cashapp", json::object()}}},
                    {"status", "active"},
                    {"type", "multi_use"},
                    {"_merchant", ctx.config.merchant_name}};
    save(ctx, mandate, buyer);
    pm["_mandate"] = mandate["id"];
    if (is_setup(intent)) intent["mandate"] = mandate["id"];
  }
  succeed_intent(ctx, intent, std::move(pm));
  return finish(Decision::Outcome::approved, "succeeded");
}

bool cashapp_revoke(Ctx& ctx, const std::string& buyer_id, const std::string& mandate_id) {
  auto mandate = ctx.store.get(mandate_id);
  if (!mandate || mandate->value("object", "") != "mandate") return false;
  auto pm = ctx.store.get((*mandate)["payment_method"].get<std::string>());
  if (!pm || jstr((*pm)["cashapp"], "buyer_id") != buyer_id) return false;
  if ((*mandate)["status"] == "active") {
    (*mandate)["status"] = "inactive";
    save(ctx, *mandate, buyer_id);
    ctx.emit("mandate.updated", *mandate);
  }
  return true;
}

void deactivate_mandates_of(Ctx& ctx, const json& payment_method) {
  if (!payment_method.contains("_mandate") || !payment_method["_mandate"].is_string()) return;
  auto mandate = ctx.store.get(payment_method["_mandate"].get<std::string>());
  if (!mandate || (*mandate)["status"] != "active") return;
  (*mandate)["status"] = "inactive";
  std::string buyer = jstr(payment_method["cashapp"], "buyer_id");
  save(ctx, *mandate, buyer);
  ctx.emit("mandate.updated", *mandate);
}

}  // namespace setupflow::sandbox
