// The simulated Cash App authorisation: sessions on intents, the QR/auth
// tokens that rotate every 30 s, approval, decline, expiry and revocation.
//
// Session state lives in the intent's private "_cashapp" field (never
// rendered). Each token is an object "cashapp_token" {intent, session,
// expires_at}; the phone page URL is the QR payload.
//
// Rules (WIRE.md): a token is handed out for 30 s (qr_code.expires_at); a
// retrieve after that hands out a fresh one, at most 20 refreshes; the whole
// session lasts 10 minutes; then the intent returns to
// requires_payment_method with an error. A token still opens the phone page
// for 60 s (Cash App expires a code at 60 s) while its session is current.
#pragma once

#include <optional>
#include <string>

#include "sandbox.hpp"

namespace setupflow::sandbox {

inline constexpr int64_t kTokenDisplaySeconds = 30;
inline constexpr int64_t kTokenValidSeconds = 60;
inline constexpr int kMaxRefreshes = 20;
inline constexpr int64_t kSessionSeconds = 600;

// Customer acceptance for a mandate from mandate_data[customer_acceptance]
// (online: infer_from_client uses the request's IP and User-Agent).
json customer_acceptance_from(Ctx& ctx);

// Puts `intent` (setup or payment) into requires_action with a new session
// and a full cashapp_handle_redirect_or_display_qr_code next action.
void cashapp_start(Ctx& ctx, json& intent, const std::string& return_url, const json& acceptance);

// Applies the clock to a session: a new token after 30 s, or failure after
// 20 refreshes or 10 minutes. Returns true when `intent` changed (the caller
// saves it; events are already emitted).
bool cashapp_refresh(Ctx& ctx, json& intent);

// Ends the session unsuccessfully: requires_payment_method, last_*_error set,
// the attempted payment method detached, the failure event emitted.
void cashapp_fail(Ctx& ctx, json& intent, const std::string& type, const std::string& code,
                  const std::string& message, const std::string& decline_code = {});

// Whether the phone page of `token` may still decide: its session is current
// (the clock read, nothing applied) and the code is under 60 s old.
bool cashapp_code_open(const Ctx& ctx, const json& intent, const json& token);

struct Decision {
  enum class Outcome { approved, declined, expired, not_found } outcome = Outcome::not_found;
  json intent;               // after the decision (empty when not_found)
  std::string redirect_url;  // return_url with the return parameters, if any
};

// The shopper's answer on the phone page for `token`.
Decision cashapp_decide(Ctx& ctx, const std::string& token, bool approve, const std::string& cashtag);

// A stable buyer id for a $Cashtag (the same shopper across sessions), keyed
// with page_secret so it cannot be derived from the $Cashtag alone.
std::string buyer_id_for(Ctx& ctx, const std::string& cashtag);

// Whether a $Cashtag's buyer has approved before: its first approval records
// the buyer ({object: "cashapp_buyer"}), and signs that phone in.
bool cashapp_buyer_known(Ctx& ctx, const std::string& buyer_id);

// The shopper disables a saved authorisation in "Cash App": the mandate
// becomes inactive and mandate.updated is sent. False if not this buyer's.
bool cashapp_revoke(Ctx& ctx, const std::string& buyer_id, const std::string& mandate_id);

// Sets the mandates of a detached payment method inactive (mandate.updated).
void deactivate_mandates_of(Ctx& ctx, const json& payment_method);

}  // namespace setupflow::sandbox
