// The hosted demo merchant's side of a mail or telephone order (MOTO): the
// contract <setupflow-moto> talks to (docs/moto.md), served under
// /demo/moto/ with the same answers and guards as the reference server
// js/server/moto.mjs, plus the demo's agent desk under /demo/api/moto/.
//
//   GET  /demo/moto/readers                    {readers: [reader]} (the demo location's)
//   POST /demo/moto/setups                     JSON {reader, customer, consent}, Idempotency-Key
//   GET  /demo/moto/setups/{seti}?reader=tmr_  {setup_intent, reader, card}
//   POST /demo/moto/setups/{seti}/cancel       JSON {reader}
//
//   GET  /demo/api/moto/desk                   agent, readers with their screen path and link, customers
//   POST /demo/api/moto/customers              name, email → a new customer for a phone order
//   POST /demo/api/moto/link                   reader, link=offline|online (the sandbox's set_link)
//   GET  /demo/api/moto/consent?setup_intent=  the full consent record of a saved card
//
// The demo session is the agent ("Demo agent"); a session watches and
// cancels only the setups it started. Every Stripe call goes through the
// sandbox's API with the secret key, as the demo's Cash App routes do.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>

#include "demo_moto_consents.hpp"
#include "demo_sessions.hpp"
#include "http_types.hpp"
#include "store.hpp"

namespace setupflow::sandbox {

// One answer of the sandbox's API.
struct ApiReply {
  int status = 0;
  json body;
};

// One call to the sandbox's API as the merchant's server (secret key, form
// body, an Idempotency-Key when not empty).
using DemoApi = std::function<ApiReply(const std::string& method, const std::string& path, const std::string& form,
                                       const std::string& idempotency_key)>;

// A JSON answer of the demo's MOTO routes (never cached).
Response moto_answer(const json& body, int status = 200);

class DemoMoto {
 public:
  static constexpr const char* kAgent = "Demo agent";
  static constexpr const char* kLocationName = "Phone orders";
  static constexpr size_t kMaxBodyBytes = 65536;

  DemoMoto(DemoApi api, DemoConsentStore& consents, DemoSessions& sessions, std::function<int64_t()> now)
      : api_(std::move(api)), consents_(consents), sessions_(sessions), now_(std::move(now)) {}

  // The contract's routes (/demo/moto/…), for a request whose demo session
  // is `session` ("" when it has none: 401).
  static bool handles(const std::string& path);
  Response handle(const Request& request, const std::string& session);

  // Makes, once per database, the "Phone orders" location, its two
  // simulated readers and a customer for phone orders; finds them again on
  // a restart. Throws std::runtime_error when the API refuses.
  void prepare();

  // The desk routes (/demo/api/moto/…, after the demo's session and Origin
  // checks); `route` is the part after /demo/api/.
  static bool handles_desk(const std::string& route);
  Response handle_desk(const Request& request, const std::string& route);

  // The customer's saved cards (brand, last4, expiry, allow_redisplay) with
  // the short fields of their consent records, for the merchant console;
  // `setups` is the customer's SetupIntents list.
  json saved_cards(const std::string& customer, const json& setups);

 private:
  // The contract, as js/server/moto.mjs runs it; these throw the refusals.
  json list_readers();
  json start_setup(const Request& request, const json& body, const std::string& session);
  json watch_setup(const std::string& setup_intent, const std::string& reader, const std::string& session);
  json cancel_setup(const std::string& setup_intent, const json& body, const std::string& session);
  json own_reader(const json& id);
  json own_setup_intent(const std::string& id, const std::string& session);
  // The API's answer, or its error thrown as it came.
  json call(const std::string& method, const std::string& path, const std::string& form = "",
            const std::string& idempotency_key = "");

  Response desk();
  Response new_customer(const Request& request);
  Response set_link(const Request& request);
  Response consent(const Request& request);
  std::string location();

  DemoApi api_;
  DemoConsentStore& consents_;
  DemoSessions& sessions_;
  std::function<int64_t()> now_;
  std::mutex mutex_;
  std::string location_;  // the demo location's id, once prepared
};

}  // namespace setupflow::sandbox
