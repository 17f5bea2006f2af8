// The element's own words (not the consent text, which comes from the C++
// core): English and French, picked by locale. Kept apart from the element so
// a translation is one object.

const TEXTS = {
  en: {
    button: 'Continue with Cash App Pay',
    loading: 'Loading Cash App Pay…',
    dialogTitle: 'Scan to pay with Cash App',
    dialogHelp: 'Open the camera on your phone and scan this code, then approve in Cash App.',
    qr: 'QR code for Cash App Pay',
    open: 'Open Cash App',
    cancel: 'Cancel',
    waiting: 'Waiting for approval in Cash App.',
    refreshed: 'The QR code was refreshed. Scan the new code.',
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
    dialogTitle: 'Scannez pour payer avec Cash App',
    dialogHelp: "Ouvrez l'appareil photo de votre téléphone, scannez ce code, puis approuvez dans Cash App.",
    qr: 'Code QR Cash App Pay',
    open: 'Ouvrir Cash App',
    cancel: 'Annuler',
    waiting: "En attente de l'approbation dans Cash App.",
    refreshed: 'Le code QR a été renouvelé. Scannez le nouveau code.',
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

export const LOCALES = Object.keys(TEXTS);

/**
 * The supported locale for a requested one: "auto" (or empty) takes the first
 * of `preferred` (navigator.languages) whose language is supported; "fr-CA"
 * gives "fr"; anything unknown gives "en". Total.
 * @param {string|null|undefined} requested
 * @param {readonly string[]} [preferred]
 */
export function pickLocale(requested, preferred = []) {
  const candidates = !requested || requested === 'auto' ? preferred : [requested];
  for (const tag of candidates) {
    const language = String(tag).toLowerCase().replace('_', '-').split('-')[0];
    if (LOCALES.includes(language)) return language;
  }
  return 'en';
}

/** The element's texts for a locale from pickLocale. */
export function textsFor(locale) {
  return TEXTS[locale] || TEXTS.en;
}
