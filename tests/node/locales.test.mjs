// Every user-facing text of the package and of the demo exists in every
// supported locale (issue 15): the same keys, the same kind of value, no empty
// string, the same {placeholders}. A key missing in one locale fails here,
// rather than showing up as English (or nothing) on a French page.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { API, PK, importDist, root, wasmBinary } from './helpers.mjs';
import { LOCALES, QR_TEXTS as dialogTexts, cashappTextsFor as textsFor } from '../../js/texts.mjs';
import { LOCALES as demoLocales, texts as demoTexts } from '../../demo/i18n.mjs';
import { MOTO_TEXTS, fill, motoTextsFor } from '../../js/moto/texts.mjs';
import { LOCALES as reactLocales, reactTexts } from '../../demo/react/texts.mjs';

// "key.sub: type" for every leaf, and each string's {placeholders}.
function shape(value, prefix = '') {
  const out = [];
  for (const [key, leaf] of Object.entries(value)) {
    const name = prefix + key;
    if (leaf && typeof leaf === 'object') out.push(...shape(leaf, `${name}.`));
    else if (typeof leaf === 'string') out.push(`${name}: string ${(leaf.match(/\{\w+\}/g) || []).sort().join(' ')}`.trim());
    else out.push(`${name}: ${typeof leaf}`);
  }
  return out.sort();
}

function emptyStrings(value, prefix = '') {
  return Object.entries(value).flatMap(([key, leaf]) => {
    if (leaf && typeof leaf === 'object') return emptyStrings(leaf, `${prefix}${key}.`);
    return typeof leaf === 'string' && !leaf.trim() ? [prefix + key] : [];
  });
}

// Compares every locale of a table with English, naming what differs.
function assertComplete(name, locales, textsOf) {
  assert.deepEqual([...locales].sort(), [...LOCALES].sort(), `${name}: the package's locales`);
  const reference = shape(textsOf('en'));
  for (const locale of locales) {
    const texts = textsOf(locale);
    const actual = shape(texts);
    const missing = reference.filter((k) => !actual.includes(k));
    const extra = actual.filter((k) => !reference.includes(k));
    assert.deepEqual({ missing, extra }, { missing: [], extra: [] }, `${name}: ${locale} differs from en`);
    assert.deepEqual(emptyStrings(texts), [], `${name}: empty texts in ${locale}`);
  }
}

test('the package: the built-in QR dialog has every text in every locale', () => {
  assertComplete('js/texts.mjs QR_TEXTS', Object.keys(dialogTexts), (locale) => dialogTexts[locale]);
});

test('the package: <setupflow-cashapp> has every text in every locale', () => {
  assertComplete('js/texts.mjs cashappTextsFor', LOCALES, textsFor);
  for (const locale of LOCALES) {
    // textsFor falls back to English: make sure each locale is its own table.
    if (locale !== 'en') assert.notEqual(textsFor(locale), textsFor('en'));
    assert.match(textsFor(locale).countdown(42), /42/);
  }
});

test('the package: <setupflow-moto> has every text in every locale, and every error it names', () => {
  assertComplete('js/moto/texts.mjs MOTO_TEXTS', Object.keys(MOTO_TEXTS), (locale) => MOTO_TEXTS[locale]);
  for (const locale of LOCALES) {
    if (locale !== 'en') assert.notEqual(motoTextsFor(locale), motoTextsFor('en'));
    const t = motoTextsFor(locale);
    // Placeholders the element fills are there, and filling leaves none.
    for (const [key, names] of [['saved', ['brand', 'last4', 'expiry']], ['waiting', ['reader']], ['declined', ['reason']]]) {
      const filled = fill(t[key], Object.fromEntries(names.map((n) => [n, `<${n}>`])));
      assert.doesNotMatch(filled, /\{\w+\}/, `${key} in ${locale}`);
      for (const n of names) assert.ok(filled.includes(`<${n}>`), `${key} in ${locale} says {${n}}`);
    }
  }
  // fill reads own values only: nothing from Object.prototype.
  assert.equal(fill('{constructor} {toString}', {}), '{constructor} {toString}');
});

test("the package: the core's authorisation text exists in every locale the element speaks", async () => {
  const { loadSetupFlow } = await importDist();
  const flow = await loadSetupFlow(PK, { apiBase: API, wasmBinary: wasmBinary() });
  for (const locale of LOCALES) {
    for (const mode of ['setup', 'payment']) {
      const consent = flow.consentText(locale, 'Rocket Rides', mode);
      assert.equal(consent.locale, locale, `consent ${mode} in ${locale}`);
      assert.match(consent.text, /Rocket Rides/);
    }
  }
});

test('the demo: the shared page texts (demo/i18n.mjs) in every locale', () => {
  assertComplete('demo/i18n.mjs', demoLocales, demoTexts);
  // What the demo's QR dialog (demo/qr-panel.mjs) reads: all there, none
  // left to an English fallback.
  for (const locale of demoLocales) {
    for (const key of ['scanTitle', 'qrLabel', 'refreshIn', 'refreshed', 'waiting', 'phone', 'phoneHelp', 'cancel']) {
      assert.equal(typeof demoTexts(locale)[key], 'string', `${key} in ${locale}`);
    }
    assert.match(demoTexts(locale).refreshIn, /\{s\}/);
  }
});

test("the demo: the React checkout's texts (demo/react/texts.mjs) in every locale", () => {
  assertComplete('demo/react/texts.mjs', reactLocales, reactTexts);
});

// A classic demo script runs against the page at once, so its table is read
// from the source: the `var TEXTS = {…};` literal, evaluated on its own.
function classicScriptTexts(file) {
  const source = fs.readFileSync(path.join(root, file), 'utf8');
  const literal = source.match(/\n {2}var TEXTS = (\{[\s\S]*?\n {2}\});\n/);
  assert.ok(literal, `${file}: var TEXTS = {…}; not found`);
  return vm.runInNewContext(`(${literal[1]})`);
}

for (const [what, file] of [
  ['checkout', 'demo/script-tag-checkout.js'],
  ['drop-in', 'demo/script-tag-element.js'],
]) {
  test(`the demo: the script-tag ${what}'s texts (${file}) in every locale`, () => {
    const table = classicScriptTexts(file);
    assertComplete(file, Object.keys(table), (locale) => table[locale]);
  });
}
