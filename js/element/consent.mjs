// The Cash App Pay authorisation text shown before the first save.
//
// The wording is the C++ core's (src/consent_texts.cpp, cashapp_consent): the
// same text, version id and merchant-name clean-up as the sandbox records
// with the mandate. It is read through the instance's consentText() binding.
// TEMPORARY: until that binding exists, a copy of the en/fr setup texts.

const FALLBACK = {
  en: (m) =>
    m
      ? `By continuing, you authorize ${m} to debit your Cash App account for this and future payments in accordance with the terms of ${m}, until you revoke this authorization. You can change this at any time in your Cash App settings.`
      : "By continuing, you authorize the merchant to debit your Cash App account for this and future payments in accordance with the merchant's terms, until you revoke this authorization. You can change this at any time in your Cash App settings.",
  fr: (m) =>
    m
      ? `En continuant, vous autorisez ${m} à débiter votre compte Cash App pour les paiements présents et futurs, selon les conditions fixées par ${m}, jusqu’à ce que vous révoquiez cette autorisation. Vous pouvez la modifier à tout moment dans les paramètres de Cash App.`
      : 'En continuant, vous autorisez le commerçant à débiter votre compte Cash App pour les paiements présents et futurs, selon les conditions fixées par le commerçant, jusqu’à ce que vous révoquiez cette autorisation. Vous pouvez la modifier à tout moment dans les paramètres de Cash App.',
};

/**
 * @param {object} flow a SetupFlow instance
 * @param {string} locale e.g. "en", "fr"
 * @param {string} merchantName may be empty (a neutral wording is used)
 * @param {'setup'|'payment'} mode
 * @returns {{locale: string, version: string, text: string}}
 */
export function consentFor(flow, locale, merchantName, mode) {
  if (flow && typeof flow.consentText === 'function') return flow.consentText(locale, merchantName || '', mode);
  const l = FALLBACK[locale] ? locale : 'en';
  return { locale: l, version: '', text: FALLBACK[l](String(merchantName || '').trim()) };
}
