// js/platform.mjs: one answer for the device class and the locale, used by
// the API, the built-in dialog and the elements.
import test from 'node:test';
import assert from 'node:assert/strict';
import { coreDevice, deviceOf, localeOf } from '../../js/platform.mjs';

// A window as deviceOf reads it: the pointer media query, the user agent and the screen.
const win = ({ coarse = false, ua = '', width = 1280, height = 800 }) => ({
  matchMedia: (query) => ({ matches: query === '(pointer: coarse)' && coarse }),
  navigator: { userAgent: ua },
  screen: { width, height },
});

const PHONE_UA = 'Mozilla/5.0 (Linux; Android 11; Pixel 5) AppleWebKit/537.36 Mobile Safari/537.36';
const IPAD_UA = 'Mozilla/5.0 (iPad; CPU OS 12_2 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148';

test('deviceOf: desktop and mobile are taken as given', () => {
  assert.equal(deviceOf('desktop', win({ coarse: true, ua: PHONE_UA })), 'desktop');
  assert.equal(deviceOf('mobile', win({})), 'mobile');
});

test('deviceOf auto: a fine pointer is a desktop, a phone a phone, an iPad or a large touch screen a tablet', () => {
  assert.equal(deviceOf('auto', win({})), 'desktop');
  assert.equal(deviceOf(null, win({ coarse: true, ua: PHONE_UA, width: 393, height: 851 })), 'mobile');
  assert.equal(deviceOf(undefined, win({ ua: PHONE_UA })), 'mobile');
  assert.equal(deviceOf('auto', win({ coarse: true, ua: IPAD_UA, width: 810, height: 1080 })), 'tablet');
  assert.equal(deviceOf('auto', win({ coarse: true, width: 800, height: 1280 })), 'tablet');
  assert.equal(deviceOf('auto', { navigator: {} }), 'desktop'); // no matchMedia, no screen
});

test('coreDevice: only a phone is sent to the app; a tablet gets the QR', () => {
  assert.deepEqual(['desktop', 'tablet', 'mobile'].map(coreDevice), ['desktop', 'desktop', 'mobile']);
});

test('localeOf: an explicit locale by its language, else English', () => {
  assert.equal(localeOf('fr-CA'), 'fr');
  assert.equal(localeOf('FR_ca'), 'fr');
  assert.equal(localeOf('en-GB', { languages: ['fr'] }), 'en');
  assert.equal(localeOf('de'), 'en');
});

test("localeOf auto: the browser's first supported language", () => {
  const nav = { languages: ['de-DE', 'fr-CA', 'en'], language: 'de-DE' };
  assert.equal(localeOf('auto', nav), 'fr');
  assert.equal(localeOf(undefined, nav), 'fr');
  assert.equal(localeOf('', { languages: [], language: 'fr-FR' }), 'fr'); // no languages list: language
  assert.equal(localeOf('auto', { languages: ['de', 'ja'] }), 'en');
  assert.equal(localeOf('auto', undefined), 'en'); // no navigator (a server)
});
