// CashappConfirm: create()'s checks, the exact requests, and stale inputs.
// Retries and what a confirm answer leads to: cashapp_confirm_answer_test.cpp; QR,
// polling and cancel: cashapp_confirm_qr_test.cpp.
#include "setupflow/cashapp_confirm.hpp"

#include <gtest/gtest.h>

#include <string>

#include "cashapp_confirm_test_util.hpp"
#include "setupflow/form_encoding.hpp"

namespace setupflow {
namespace {

using namespace setupflow::testing;

// ---- create() -----------------------------------------------------------------

struct BadCreate {
  const char* name;
  void (*mutate)(FlowConfig&, CashappParams&);
  const char* param;  // expected Error.param ("" = don't check)
};

TEST(ConfirmFlowCreate, RefusesEveryBadInputAsAnIntegrationError) {
  const BadCreate cases[] = {
      {"secret key", [](FlowConfig& c, CashappParams&) { c.publishable_key = "sk_test_abc123"; }, ""},
      {"restricted key", [](FlowConfig& c, CashappParams&) { c.publishable_key = "rk_live_abc123"; },
       ""},
      {"empty key", [](FlowConfig& c, CashappParams&) { c.publishable_key = ""; }, ""},
      {"garbage key", [](FlowConfig& c, CashappParams&) { c.publishable_key = "pk_test_"; }, ""},
      {"empty api_base", [](FlowConfig& c, CashappParams&) { c.api_base = ""; }, "api_base"},
      {"relative api_base", [](FlowConfig& c, CashappParams&) { c.api_base = "api.stripe.com"; },
       "api_base"},
      {"ftp api_base", [](FlowConfig& c, CashappParams&) { c.api_base = "ftp://api.example.test"; },
       "api_base"},
      {"js api_base", [](FlowConfig& c, CashappParams&) { c.api_base = "javascript:alert(1)"; },
       "api_base"},
      {"credentials",
       [](FlowConfig& c, CashappParams&) { c.api_base = "https://u:p@api.example.test"; }, "api_base"},
      {"query", [](FlowConfig& c, CashappParams&) { c.api_base = "https://api.example.test/?x=1"; },
       "api_base"},
      {"fragment", [](FlowConfig& c, CashappParams&) { c.api_base = "https://api.example.test#x"; },
       "api_base"},
      // Plain http only to a sandbox on this machine: elsewhere the keys,
      // secrets and answers would cross the network in clear.
      {"http api_base", [](FlowConfig& c, CashappParams&) { c.api_base = "http://api.example.test"; },
       "api_base"},
      {"http api_base on a LAN address",
       [](FlowConfig& c, CashappParams&) { c.api_base = "http://192.168.1.20:4242"; }, "api_base"},
      {"malformed secret", [](FlowConfig&, CashappParams& p) { p.client_secret = "seti_123"; },
       "client_secret"},
      {"empty secret", [](FlowConfig&, CashappParams& p) { p.client_secret = ""; }, "client_secret"},
      {"payment secret for setup",
       [](FlowConfig&, CashappParams& p) { p.client_secret = kPaymentSecret; }, ""},
      {"setup secret for payment",
       [](FlowConfig&, CashappParams& p) {
         p.expected_kind = IntentKind::payment;
         p.client_secret = kSetupSecret;
       },
       ""},
      {"no return_url", [](FlowConfig&, CashappParams& p) { p.return_url = ""; }, "return_url"},
      {"js return_url", [](FlowConfig&, CashappParams& p) { p.return_url = "javascript:alert(1)"; },
       "return_url"},
      {"http return_url",
       [](FlowConfig&, CashappParams& p) { p.return_url = "http://shop.example/r"; }, "return_url"},
      {"relative return_url", [](FlowConfig&, CashappParams& p) { p.return_url = "/return"; },
       "return_url"},
      {"no idempotency key", [](FlowConfig&, CashappParams& p) { p.idempotency_key = ""; },
       "idempotency_key"},
      {"long idempotency key",
       [](FlowConfig&, CashappParams& p) { p.idempotency_key = std::string(256, 'k'); },
       "idempotency_key"},
      {"space in key", [](FlowConfig&, CashappParams& p) { p.idempotency_key = "a b"; },
       "idempotency_key"},
      {"control in key", [](FlowConfig&, CashappParams& p) { p.idempotency_key = "a\nb"; },
       "idempotency_key"},
      {"non-ASCII key", [](FlowConfig&, CashappParams& p) { p.idempotency_key = "cl\xc3\xa9"; },
       "idempotency_key"},
      {"card id", [](FlowConfig&, CashappParams& p) { p.payment_method = "card_123"; },
       "payment_method"},
      {"bare pm_", [](FlowConfig&, CashappParams& p) { p.payment_method = "pm_"; }, "payment_method"},
      {"pm with &", [](FlowConfig&, CashappParams& p) { p.payment_method = "pm_1&key=x"; },
       "payment_method"},
  };
  for (const BadCreate& c : cases) {
    SCOPED_TRACE(c.name);
    FlowConfig cfg = config();
    CashappParams p = params();
    c.mutate(cfg, p);
    Result<CashappConfirm> r = CashappConfirm::create(cfg, p);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().type, ErrorType::integration_error);
    if (*c.param) EXPECT_EQ(r.error().param, c.param);
    EXPECT_EQ(r.error().message.find(kSetupSecret), std::string::npos)
        << "the secret must not be echoed";
  }
}

TEST(ConfirmFlowCreate, AcceptsGoodInputs) {
  const std::pair<const char*, void (*)(FlowConfig&, CashappParams&)> cases[] = {
      {"defaults", [](FlowConfig&, CashappParams&) {}},
      {"trailing slash",
       [](FlowConfig& c, CashappParams&) { c.api_base = "https://api.example.test/"; }},
      {"local sandbox", [](FlowConfig& c, CashappParams&) { c.api_base = "http://127.0.0.1:12111"; }},
      {"path prefix",
       [](FlowConfig& c, CashappParams&) { c.api_base = "https://proxy.example.test/stripe"; }},
      {"255-char key",
       [](FlowConfig&, CashappParams& p) { p.idempotency_key = std::string(255, '~'); }},
      {"1-char key", [](FlowConfig&, CashappParams& p) { p.idempotency_key = "!"; }},
      {"saved pm", [](FlowConfig&, CashappParams& p) { p.payment_method = "pm_1QaBc_Xy"; }},
      {"loopback return",
       [](FlowConfig&, CashappParams& p) { p.return_url = "http://localhost:3000/r"; }},
      {"retrieve needs no return_url/key",
       [](FlowConfig&, CashappParams& p) {
         p.operation = FlowOperation::retrieve;
         p.return_url.clear();
         p.idempotency_key.clear();
       }},
      {"handle_next_action needs no return_url/key",
       [](FlowConfig&, CashappParams& p) {
         p.operation = FlowOperation::handle_next_action;
         p.return_url.clear();
         p.idempotency_key.clear();
       }},
  };
  for (const auto& [name, mutate] : cases) {
    SCOPED_TRACE(name);
    FlowConfig cfg = config();
    CashappParams p = params();
    mutate(cfg, p);
    Result<CashappConfirm> r = CashappConfirm::create(cfg, p);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_FALSE(r->finished());
  }
}

// ---- the requests ---------------------------------------------------------------

FormPairs expected_confirm_body(const CashappParams& p) {
  FormPairs f{{"key", kKey}, {"client_secret", p.client_secret}};
  if (p.payment_method.empty()) {
    f.emplace_back("payment_method_data[type]", "cashapp");
  } else {
    f.emplace_back("payment_method", p.payment_method);
  }
  f.emplace_back("return_url", p.return_url);
  f.emplace_back("mandate_data[customer_acceptance][type]", "online");
  f.emplace_back("mandate_data[customer_acceptance][online][infer_from_client]", "true");
  if (p.expand_payment_method) f.emplace_back("expand[]", "payment_method");
  return f;
}

TEST(ConfirmFlowRequests, ConfirmIsTheExactWireRequest) {
  struct Case {
    const char* name;
    IntentKind kind;
    const char* pm;
    bool expand;
    const char* url;
  };
  const Case cases[] = {
      {"setup", IntentKind::setup, "", false,
       "https://api.example.test/v1/setup_intents/seti_123abc/confirm"},
      {"setup, saved pm, expand", IntentKind::setup, "pm_77", true,
       "https://api.example.test/v1/setup_intents/seti_123abc/confirm"},
      {"payment", IntentKind::payment, "", true,
       "https://api.example.test/v1/payment_intents/pi_456def/confirm"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    CashappParams p = params(FlowOperation::confirm, c.kind);
    p.payment_method = c.pm;
    p.expand_payment_method = c.expand;
    Shell shell = Shell::make(p);
    const Effects e = shell.start();
    ASSERT_EQ(kinds(e), "SendRequest");
    const SendRequest& r = std::get<SendRequest>(e[0]);
    EXPECT_EQ(r.request_id, 1u);
    EXPECT_EQ(r.method, "POST");
    EXPECT_EQ(r.url, c.url);
    const std::vector<std::pair<std::string, std::string>> headers{
        {"Authorization", std::string("Bearer ") + kKey},
        {"Content-Type", "application/x-www-form-urlencoded"},
        {"Idempotency-Key", kIdem}};
    EXPECT_EQ(r.headers, headers);
    EXPECT_EQ(r.idempotency_key, kIdem);
    EXPECT_EQ(r.body, encode_form(expected_confirm_body(p)));
    // And what a server decodes from it.
    Result<FormNode> form = decode_form(r.body);
    ASSERT_TRUE(form.ok()) << form.error().message;
    ASSERT_NE(form->get("return_url"), nullptr);
    EXPECT_EQ(form->get("return_url")->value, kReturnUrl);
    EXPECT_EQ(form->get("payment_method_data") != nullptr, *c.pm == '\0');
  }
}

TEST(ConfirmFlowRequests, TrailingSlashOfApiBaseIsDropped) {
  FlowConfig cfg = config();
  cfg.api_base = "http://127.0.0.1:12111//";
  Shell shell = Shell::make(params(), cfg);
  shell.start();
  EXPECT_EQ(shell.pending->url, "http://127.0.0.1:12111/v1/setup_intents/seti_123abc/confirm");
}

TEST(ConfirmFlowRequests, RetrieveIsAnAuthenticatedGetWithEncodedQuery) {
  for (IntentKind kind : {IntentKind::setup, IntentKind::payment}) {
    Shell shell = Shell::make(params(FlowOperation::retrieve, kind));
    const Effects e = shell.start();
    ASSERT_EQ(kinds(e), "SendRequest");
    const SendRequest& r = std::get<SendRequest>(e[0]);
    const std::string secret = kind == IntentKind::setup ? kSetupSecret : kPaymentSecret;
    const std::string path = kind == IntentKind::setup ? "/v1/setup_intents/seti_123abc"
                                                       : "/v1/payment_intents/pi_456def";
    EXPECT_EQ(r.method, "GET");
    EXPECT_EQ(r.url, std::string(kBase) + path + "?client_secret=" + percent_encode(secret) +
                         "&key=" + percent_encode(kKey));
    EXPECT_EQ(r.headers, (std::vector<std::pair<std::string, std::string>>{
                             {"Authorization", std::string("Bearer ") + kKey}}));
    EXPECT_TRUE(r.body.empty());
    EXPECT_TRUE(r.idempotency_key.empty());
  }
}

// ---- stale inputs -----------------------------------------------------------------

TEST(ConfirmFlowStale, UnknownIdsChangeNothing) {
  Shell shell = Shell::make();
  EXPECT_TRUE(shell.flow.on_response(HttpResponse{1, 200, intent(IntentStatus::succeeded), {}}, kT0)
                  .empty())
      << "before start";
  shell.start();
  const uint32_t id = shell.pending->request_id;
  for (uint32_t bad : {0u, id + 1, 99u}) {
    EXPECT_TRUE(
        shell.flow.on_response(HttpResponse{bad, 200, intent(IntentStatus::succeeded), {}}, kT0)
            .empty());
    EXPECT_TRUE(shell.flow.on_network_failure(bad, kT0).empty());
    EXPECT_TRUE(shell.flow.on_timer(bad, kT0).empty());
  }
  EXPECT_TRUE(shell.start().empty()) << "start twice";
  // The real answer still works, and the retry's old id is stale afterwards.
  shell.respond_error(500);
  const uint32_t timer = shell.last_wake->timer_id;
  shell.advance(CashappConfirm::kRetryBaseDelayMs);
  EXPECT_TRUE(
      shell.flow.on_response(HttpResponse{id, 200, intent(IntentStatus::succeeded), {}}, shell.now)
          .empty());
  EXPECT_TRUE(shell.flow.on_timer(timer, shell.now).empty()) << "a fired timer is spent";
  EXPECT_FALSE(shell.flow.finished());
  const Effects e = shell.respond(intent(IntentStatus::succeeded));
  EXPECT_EQ(kinds(e), "Finish");
}

TEST(ConfirmFlowStale, NothingHappensAfterFinish) {
  Shell shell = Shell::make();
  shell.start();
  const uint32_t id = shell.pending->request_id;
  shell.respond(intent(IntentStatus::succeeded));
  ASSERT_TRUE(shell.flow.finished());
  EXPECT_TRUE(shell.flow.start(kT0).empty());
  EXPECT_TRUE(
      shell.flow.on_response(HttpResponse{id, 200, intent(IntentStatus::succeeded), {}}, kT0)
          .empty());
  EXPECT_TRUE(
      shell.flow.on_response(HttpResponse{id + 1, 200, intent(IntentStatus::succeeded), {}}, kT0)
          .empty());
  EXPECT_TRUE(shell.flow.on_network_failure(id, kT0).empty());
  EXPECT_TRUE(shell.flow.on_timer(1, kT0).empty());
  EXPECT_TRUE(shell.flow.on_visibility(false, kT0).empty());
  EXPECT_TRUE(shell.flow.on_visibility(true, kT0).empty());
  EXPECT_TRUE(shell.flow.on_cancel(kT0).empty());
}

TEST(ConfirmFlowStale, AMovedFromFlowIsInert) {
  Result<CashappConfirm> r = CashappConfirm::create(config(), params());
  ASSERT_TRUE(r.ok());
  CashappConfirm a = std::move(r).value();
  CashappConfirm b = std::move(a);
  EXPECT_TRUE(a.finished());  // NOLINT(bugprone-use-after-move): that is the point
  EXPECT_TRUE(a.start(kT0).empty());
  EXPECT_TRUE(a.on_cancel(kT0).empty());
  EXPECT_EQ(kinds(b.start(kT0)), "SendRequest");
}

}  // namespace
}  // namespace setupflow
