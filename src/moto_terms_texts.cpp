// The MOTO terms (WIRE.md: "terms covering off-session charges (timing,
// frequency, how amounts are set, cancellation)"). The agent reads them aloud,
// so each part the merchant supplies follows a short lead-in and a colon
// ("How each amount is set: the price of each order"): any phrase the merchant
// writes then reads correctly, whatever its grammar. The version id is
// recorded with the agreement, so any change of wording, in any locale, needs
// a new version id.
//
// French: "{merchant}" never follows "de" or "le" (no elision is needed
// whatever the name), the text avoids forms that agree with the customer's
// gender, and a no-break space precedes each colon.
#include "moto_terms_texts.hpp"

#include <array>

namespace setupflow {
namespace {

constexpr std::array<MotoTermsTemplate, 2> kTemplates{{
    {
        .locale = "en",
        .version = "moto-2026-12-en",
        .authorization =
            {"You authorize {merchant} to keep the card you give today and to charge it later on "
             "your behalf, without you being present, for the orders and payments you agree to.",
             "You authorize us to keep the card you give us today and to charge it later on your "
             "behalf, without you being present, for the orders and payments you agree to."},
        .schedule = {"When and how often you are charged: {schedule}.",
                     "You are charged when you place an order, or on dates agreed with you."},
        .amounts = {"How each amount is set: {amounts}.",
                    "Each charge is the amount of the order or payment you agreed to."},
        .cancellation = "You can cancel this authorization at any time. To cancel: {cancellation}.",
        .cancellation_contact =
            {"You can cancel this authorization at any time by contacting {merchant}.",
             "You can cancel this authorization at any time by contacting us."},
        .closing = "Cancelling stops future charges but does not undo charges already made. You "
                   "will receive a written copy of these terms and of your agreement.",
    },
    {
        .locale = "fr",
        .version = "moto-2026-12-fr",
        .authorization =
            {"Vous autorisez {merchant} à conserver la carte que vous communiquez aujourd’hui et à "
             "la débiter ultérieurement en votre nom, sans votre présence, pour les commandes et "
             "les paiements que vous acceptez.",
             "Vous nous autorisez à conserver la carte que vous nous communiquez aujourd’hui et à "
             "la débiter ultérieurement en votre nom, sans votre présence, pour les commandes et "
             "les paiements que vous acceptez."},
        .schedule = {"Date et fréquence des débits\u00a0: {schedule}.",
                     "Les débits ont lieu lorsque vous passez une commande, ou aux dates convenues "
                     "avec vous."},
        .amounts = {"Montant de chaque débit\u00a0: {amounts}.",
                    "Chaque débit correspond au montant de la commande ou du paiement que vous "
                    "avez accepté."},
        .cancellation = "Vous pouvez annuler cette autorisation à tout moment. Pour "
                        "l’annuler\u00a0: {cancellation}.",
        .cancellation_contact =
            {"Vous pouvez annuler cette autorisation à tout moment en contactant {merchant}.",
             "Vous pouvez annuler cette autorisation à tout moment en nous contactant."},
        .closing = "L’annulation arrête les débits futurs mais n’annule pas les débits déjà "
                   "effectués. Vous recevrez une copie écrite de ces conditions et de votre "
                   "accord.",
    },
}};

}  // namespace

std::span<const MotoTermsTemplate> moto_terms_templates() { return kTemplates; }

}  // namespace setupflow
