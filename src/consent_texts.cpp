// The Cash App Pay authorisation texts (WIRE.md "Consent and revocation").
//
// Each text says who may debit the shopper's Cash App account (the merchant,
// by name), for what (this and future payments), under whose terms (the
// merchant's), for how long (until the shopper revokes it) and where to change
// it (Cash App's settings). The version id is recorded with the acceptance, so
// any change of wording, in any locale or mode, needs a new version id.
//
// French: "commerçant" rather than "marchand" (the usual word for a shop), and
// "{merchant}" is never placed after "de" or "le", so that no elision
// ("d'Acme") is needed whatever the name.
#include "consent_texts.hpp"

#include <array>

namespace setupflow {
namespace {

constexpr std::array<ConsentTemplate, 4> kTemplates{{
    {"en", "cashapp-2026-11-en", ConsentMode::setup,
     "By continuing, you authorize {merchant} to debit your Cash App account for this and future "
     "payments in accordance with the terms of {merchant}, until you revoke this authorization. "
     "You can change this at any time in your Cash App settings.",
     "By continuing, you authorize the merchant to debit your Cash App account for this and "
     "future payments in accordance with the merchant's terms, until you revoke this "
     "authorization. You can change this at any time in your Cash App settings."},
    {"en", "cashapp-payment-2026-11-en", ConsentMode::payment_with_future_usage,
     "By continuing, you authorize {merchant} to debit your Cash App account for this payment and "
     "future payments in accordance with the terms of {merchant}, until you revoke this "
     "authorization. You can change this at any time in your Cash App settings.",
     "By continuing, you authorize the merchant to debit your Cash App account for this payment "
     "and future payments in accordance with the merchant's terms, until you revoke this "
     "authorization. You can change this at any time in your Cash App settings."},
    {"fr", "cashapp-2026-11-fr", ConsentMode::setup,
     "En continuant, vous autorisez {merchant} à débiter votre compte Cash App pour les paiements "
     "présents et futurs, selon les conditions fixées par {merchant}, jusqu’à ce que vous "
     "révoquiez cette autorisation. Vous pouvez la modifier à tout moment dans les paramètres de "
     "Cash App.",
     "En continuant, vous autorisez le commerçant à débiter votre compte Cash App pour les "
     "paiements présents et futurs, selon les conditions fixées par le commerçant, jusqu’à ce que "
     "vous révoquiez cette autorisation. Vous pouvez la modifier à tout moment dans les "
     "paramètres de Cash App."},
    {"fr", "cashapp-payment-2026-11-fr", ConsentMode::payment_with_future_usage,
     "En continuant, vous autorisez {merchant} à débiter votre compte Cash App pour ce paiement "
     "et les paiements futurs, selon les conditions fixées par {merchant}, jusqu’à ce "
     "que vous révoquiez cette autorisation. Vous pouvez la modifier à tout moment dans les "
     "paramètres de Cash App.",
     "En continuant, vous autorisez le commerçant à débiter votre compte Cash App pour ce "
     "paiement et les paiements futurs, selon les conditions fixées par le commerçant, jusqu’à ce "
     "que vous révoquiez cette autorisation. Vous pouvez la modifier à tout moment dans les "
     "paramètres de Cash App."},
}};

}  // namespace

std::span<const ConsentTemplate> consent_templates() { return kTemplates; }

}  // namespace setupflow
