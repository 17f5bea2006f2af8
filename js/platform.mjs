// Where the shopper is: the device class and the locale, decided here once
// for the API, the built-in dialog and every flow element (one answer each).

/**
 * "desktop", "tablet" or "mobile" for a requested device in a window:
 * "desktop" / "mobile" are taken as given; anything else ("auto", null)
 * is detected. A tablet is an iPad or tablet user agent, or a coarse
 * pointer on a screen whose short side is at least 600 CSS px; a phone is
 * a coarse pointer or a phone user agent.
 * @param {string|null|undefined} requested
 * @param {Window} win
 */
export function deviceOf(requested, win) {
  if (requested === 'desktop' || requested === 'mobile') return requested;
  const coarse = typeof win.matchMedia === 'function' && win.matchMedia('(pointer: coarse)').matches;
  const ua = (win.navigator && win.navigator.userAgent) || '';
  const shortSide = Math.min((win.screen && win.screen.width) || 0, (win.screen && win.screen.height) || 0);
  if (/iPad|Tablet/i.test(ua) || (coarse && shortSide >= 600)) return 'tablet';
  if (coarse || /Android|iPhone|iPod|Mobile/i.test(ua)) return 'mobile';
  return 'desktop';
}

/**
 * What the core is told: a tablet gets the QR (with an "Open Cash App" link),
 * as a desktop does; only a phone is sent to the app.
 * @param {'desktop'|'tablet'|'mobile'} device
 */
export const coreDevice = (device) => (device === 'mobile' ? 'mobile' : 'desktop');

/** The locales the package's own texts (js/texts.mjs) speak. */
export const LOCALES = ['en', 'fr'];

/**
 * The supported locale for a requested one: "auto" (or empty) takes the first
 * of the browser's languages (navigator.languages, else navigator.language)
 * whose language is supported; "fr-CA" gives "fr"; anything unknown gives
 * "en". Total.
 * @param {string|null|undefined} requested
 * @param {{languages?: readonly string[], language?: string}|undefined} [nav]
 */
export function localeOf(requested, nav) {
  const preferred = (nav && (nav.languages && nav.languages.length ? nav.languages : nav.language ? [nav.language] : [])) || [];
  const candidates = !requested || requested === 'auto' ? preferred : [requested];
  for (const tag of candidates) {
    const language = String(tag).toLowerCase().replace('_', '-').split('-')[0];
    if (LOCALES.includes(language)) return language;
  }
  return 'en';
}
