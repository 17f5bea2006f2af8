// The package's own words (not the consent text, which comes from the C++
// core), in every locale of js/platform.mjs: one table per audience, each
// string written once.
//
// QR_TEXTS are what every QR dialog says (the built-in one of js/dialog.mjs
// and the element's); CASHAPP_TEXTS are what <setupflow-cashapp> adds. Two
// tables so a checkout page that only calls the API carries the dialog's
// strings and not the element's. A translation is one object in each.
import { LOCALES } from './platform.mjs';

export { LOCALES };

export const QR_TEXTS = {
  en: {
    dialogTitle: 'Scan to pay with Cash App',
    dialogHelp: 'Open the camera on your phone and scan this code, then approve in Cash App.',
    qr: 'QR code for Cash App Pay',
    open: 'Open Cash App',
    cancel: 'Cancel',
    waiting: 'Waiting for approval in Cash App.',
    refreshed: 'The QR code was refreshed. Scan the new code.',
  },
  fr: {
    dialogTitle: 'Scannez pour payer avec Cash App',
    dialogHelp: "Ouvrez l'appareil photo de votre téléphone, scannez ce code, puis approuvez dans Cash App.",
    qr: 'Code QR Cash App Pay',
    open: 'Ouvrir Cash App',
    cancel: 'Annuler',
    waiting: "En attente de l'approbation dans Cash App.",
    refreshed: 'Le code QR a été renouvelé. Scannez le nouveau code.',
  },
};

export const CASHAPP_TEXTS = {
  en: {
    button: 'Continue with Cash App Pay',
    loading: 'Loading Cash App Pay…',
    countdown: (s) => `New code in ${s} s`,
    refreshing: 'Getting a new code…',
    redirecting: 'Opening Cash App…',
    approvedSetup: 'Approved. Your Cash App account is saved for future payments.',
    approvedPayment: 'Approved. Your payment is complete.',
    declined: 'Declined in Cash App. You can try again.',
    canceled: 'Canceled. You can try again.',
    expired: 'The Cash App session expired. You can try again.',
    error: 'Something went wrong. You can try again.',
  },
  fr: {
    button: 'Continuer avec Cash App Pay',
    loading: 'Chargement de Cash App Pay…',
    countdown: (s) => `Nouveau code dans ${s} s`,
    refreshing: "Obtention d'un nouveau code…",
    redirecting: 'Ouverture de Cash App…',
    approvedSetup: 'Approuvé. Votre compte Cash App est enregistré pour les paiements futurs.',
    approvedPayment: 'Approuvé. Votre paiement est effectué.',
    declined: 'Refusé dans Cash App. Vous pouvez réessayer.',
    canceled: 'Annulé. Vous pouvez réessayer.',
    expired: 'La session Cash App a expiré. Vous pouvez réessayer.',
    error: "Une erreur s'est produite. Vous pouvez réessayer.",
  },
};

/** The QR dialog's texts for a locale from localeOf (English if unknown). */
export const qrTextsFor = (locale) => QR_TEXTS[locale] || QR_TEXTS.en;

// One object per locale, made once, so a locale's table is always the same
// object (and never English's for another locale).
const cashappTables = {};

/** <setupflow-cashapp>'s texts (its dialog's included) for a locale from localeOf. */
export function cashappTextsFor(locale) {
  const known = LOCALES.includes(locale) ? locale : 'en';
  return (cashappTables[known] = cashappTables[known] || { ...QR_TEXTS[known], ...CASHAPP_TEXTS[known] });
}
