// The hosted demo's merchant server ("Rocket Rides"), served by the sandbox
// under /demo/ when it runs with --demo. It is a client of the sandbox's API
// exactly as a merchant's own server would be: every call goes through
// Sandbox::handle with the secret key, and webhooks arrive signed at
// /demo/webhooks and are verified before they are shown. The page never sees
// the secret key.
//
//   GET  /demo/api/config       {publishable_key}
//   POST /demo/api/checkout     mode=setup|payment, email → {client_secret, publishable_key, customer}
//   GET  /demo/api/customers    customers with their Cash App payment methods and mandates
//   POST /demo/api/charge       customer, payment_method, amount → off-session PaymentIntent
//   POST /demo/api/detach       payment_method
//   GET  /demo/api/events       the verified webhook events received, newest first
//   /demo/moto/…, /demo/api/moto/…  mail and telephone orders (demo_moto.hpp)
//   GET  /demo/phone/{intent}   303 to the intent's current simulated Cash App phone page
//   POST /demo/webhooks         the webhook endpoint (Stripe-Signature checked)
//
// Every route but the webhook needs the session cookie the sandbox sets on the
// demo's pages (demo_sessions.hpp): 403 without it; a POST must also carry
// the demo's own Origin; /demo/phone/ opens only this session's intents.
// The MOTO contract's routes answer 401 without it, as a merchant's own do.
#pragma once

#include <cstdint>
#include <ctime>
#include <deque>
#include <functional>
#include <mutex>
#include <string>

#include "demo_moto.hpp"
#include "demo_moto_consents.hpp"
#include "demo_sessions.hpp"
#include "http_types.hpp"
#include "sandbox.hpp"

namespace setupflow::sandbox {

class DemoMerchant {
 public:
  // `now` is real time in unix seconds (webhook signatures carry real time);
  // the consent records of phone orders go to the database at `consents_db`.
  explicit DemoMerchant(Sandbox& sandbox,
                        std::function<int64_t()> now = [] { return int64_t(std::time(nullptr)); },
                        const std::string& consents_db = ":memory:")
      : sandbox_(sandbox),
        now_(std::move(now)),
        sessions_([this](size_t n) { return env_.random_alnum(n); }),
        consents_(consents_db),
        moto_([this](const std::string& method, const std::string& path, const std::string& form,
                     const std::string& key) { return api_reply(method, path, form, key); },
              consents_, sessions_, now_) {}

  // The phone orders' location, readers and customer (DemoMoto::prepare).
  void prepare_moto() { moto_.prepare(); }

  // The Set-Cookie value for a demo page served to `req` ("" when it already
  // carries a live session).
  std::string page_cookie(const Request& req) { return sessions_.page_cookie(req); }

  // True for the paths this class serves.
  static bool handles(const std::string& path);
  Response handle(const Request& request);

  // The whsec_ secret of the endpoint the merchant registered for itself.
  void set_webhook_secret(std::string secret);

  static constexpr size_t kMaxEvents = 200;
  // Signatures older than this are refused (Stripe's libraries' default).
  static constexpr int64_t kSignatureToleranceSeconds = 300;

 private:
  // One API call as the merchant's server: secret key, form body.
  json api(const std::string& method, const std::string& path, const std::string& form, int* status = nullptr);
  ApiReply api_reply(const std::string& method, const std::string& path, const std::string& form,
                     const std::string& idempotency_key);
  Response checkout(const Request& request, const std::string& session);
  Response customers();
  Response charge(const Request& request);
  Response detach(const Request& request);
  Response events();
  Response phone(const std::string& intent_id, const std::string& session);
  // A POST's Origin is this demo's own (http://<Host>, already checked by the
  // shell, or the public base URL).
  bool same_origin(const Request& request) const;
  Response webhook(const Request& request);

  Sandbox& sandbox_;
  std::function<int64_t()> now_;
  std::mutex mutex_;
  std::string webhook_secret_;
  std::deque<json> events_;  // newest first, at most kMaxEvents
  SystemEnv env_;            // session ids
  DemoSessions sessions_;
  DemoConsentStore consents_;
  DemoMoto moto_;
};

}  // namespace setupflow::sandbox
