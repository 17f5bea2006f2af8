// The two instance methods the drop-in element relies on, on the built
// package: consentText() (the core's authorisation text, no JavaScript copy)
// and withOptions() (a sibling instance whose QR goes to another presenter).
import test from 'node:test';
import assert from 'node:assert/strict';
import { API, PK, RETURN_URL, SETUP_SECRET, importDist, json, recordingPresenter, requiresAction, scriptedFetch, wasmBinary, withStatus } from './helpers.mjs';

const { loadSetupFlow, IntegrationError } = await importDist();

test('consentText: the core text per locale and mode, merchant named, version recorded', async () => {
  const flow = await loadSetupFlow(PK, { apiBase: API, wasmBinary: wasmBinary(), locale: 'fr-CA' });
  const en = flow.consentText('en', 'Rocket Rides', 'setup');
  assert.equal(en.locale, 'en');
  assert.match(en.text, /^By continuing, you authorize Rocket Rides to debit your Cash App account for this and future payments/);
  assert.match(en.version, /en$/);
  const pay = flow.consentText('en', 'Rocket Rides', 'payment');
  assert.match(pay.text, /for this payment and future payments/);
  assert.notEqual(pay.version, en.version); // a different wording is a different version
  // 'auto' (and no locale) use the instance's locale: fr-CA falls back to fr.
  const fr = flow.consentText('auto', 'Rocket Rides');
  assert.equal(fr.locale, 'fr');
  assert.match(fr.text, /^En continuant, vous autorisez Rocket Rides à débiter/);
  assert.deepEqual(flow.consentText(undefined, 'Rocket Rides'), fr);
  // No name: the neutral wording; control characters in a name are removed.
  assert.match(flow.consentText('en', '').text, /authorize the merchant to debit/);
  assert.match(flow.consentText('en', 'Acme\u0007 Bikes').text, /authorize Acme Bikes to debit/);
  assert.equal(flow.consentText('de', 'X').locale, 'en');
  assert.throws(() => flow.consentText('en', 42), IntegrationError);
  assert.throws(() => flow.consentText('en', 'X', 'subscription'), IntegrationError);
});

test('withOptions: a sibling shows its QR through its own presenter; key and server cannot change', async () => {
  const body = requiresAction();
  const f = scriptedFetch([json(200, body), json(200, withStatus(body, 'succeeded'))]);
  const base = recordingPresenter();
  const flow = await loadSetupFlow(PK, { apiBase: API, wasmBinary: wasmBinary(), fetch: f.fetch, device: 'desktop', presenter: base.presenter });
  const own = recordingPresenter();
  const sibling = flow.withOptions({ presenter: own.presenter });
  const result = await sibling.confirmCashappSetup(SETUP_SECRET, { payment_method: { type: 'cashapp' }, return_url: RETURN_URL });
  assert.equal(result.setupIntent.status, 'succeeded');
  assert.equal(own.shown.length, 1);
  assert.equal(base.shown.length, 0);
  assert.ok(f.calls[0].url.startsWith(API)); // same server and key as the original
  assert.equal(f.calls[0].headers.Authorization, `Bearer ${PK}`);
  assert.throws(() => flow.withOptions({ apiBase: 'https://elsewhere.example' }), IntegrationError);
  assert.throws(() => flow.withOptions({ fetch: () => {} }), IntegrationError);
  assert.throws(() => flow.withOptions({ device: 'tablet' }), IntegrationError);
  assert.throws(() => flow.withOptions(null), IntegrationError);
});
