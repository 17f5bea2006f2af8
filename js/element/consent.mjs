// The Cash App Pay authorisation text shown before the first save.
//
// The wording is the C++ core's (src/consent_texts.cpp, cashapp_consent): the
// same text, version id and merchant-name clean-up as the sandbox records
// with the mandate, read through the instance's consentText() binding. There
// is deliberately no copy of the texts in JavaScript.

/**
 * @param {object} flow a SetupFlow instance
 * @param {string} locale e.g. "en", "fr"
 * @param {string} merchantName may be empty (a neutral wording is used)
 * @param {'setup'|'payment'} mode
 * @returns {{locale: string, version: string, text: string} | null} null when
 *   the instance has no consentText() (an older build of the core)
 */
export function consentFor(flow, locale, merchantName, mode) {
  if (!flow || typeof flow.consentText !== 'function') return null;
  return flow.consentText(locale, merchantName || '', mode);
}
