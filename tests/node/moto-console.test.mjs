// setupflow/moto without a browser, as built (dist/moto.mjs): loadMoto's
// argument checks (before anything loads), and what each saveCard result
// means for <setupflow-moto> (motoStateOf, the words the agent reads), in
// every locale.
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './helpers.mjs';
import { LOCALES, motoTextsFor } from '../../js/moto/texts.mjs';

const { IntegrationError, loadMoto, motoStateOf } = await import(pathToFileURL(path.join(root, 'dist/moto.mjs')).href);

test('loadMoto refuses misuse with IntegrationError before anything loads', () => {
  assert.throws(() => loadMoto(), IntegrationError);
  assert.throws(() => loadMoto('/moto'), /expects an object such as \{endpoint/);
  assert.throws(() => loadMoto({}), /option endpoint is required/);
  assert.throws(() => loadMoto({ endpoint: '' }), /option endpoint expects/);
  assert.throws(() => loadMoto({ endpoint: '/moto', secretKey: 'sk_test_x' }), /"secretKey" is not an option/);
  assert.throws(() => loadMoto({ endpoint: '/moto', transport: 'fetch' }), /option transport expects a function/);
  // An inherited name is not an option either (own properties of the table only).
  assert.throws(() => loadMoto({ endpoint: '/moto', toString: () => '' }), /"toString" is not an option/);
});

test('loadMoto resolves null where there is no window (server rendering)', async () => {
  assert.equal(await loadMoto({ endpoint: '/moto' }), null);
});

const card = { id: 'pm_1', brand: 'visa', last4: '4242', exp_month: 3, exp_year: 2031, allow_redisplay: 'limited' };

test('each outcome is its state and the agent\'s words', () => {
  const en = motoTextsFor('en');
  assert.deepEqual(motoStateOf({ outcome: 'succeeded', card }, en), { state: 'succeeded', said: 'Card saved: Visa •••• 4242, expires 03/2031.' });
  const declined = (error) => motoStateOf({ outcome: 'declined', error }, en);
  assert.equal(declined({ code: 'card_declined', decline_code: 'insufficient_funds' }).said, 'The card was declined (insufficient funds). Nothing was saved.');
  assert.equal(declined({ code: 'expired_card' }).said, 'The card was declined (expired card). Nothing was saved.');
  assert.equal(declined({ code: 'something_new' }).said, 'The card was declined (declined). Nothing was saved.');
  assert.equal(declined({ code: 'card_declined', decline_code: 'constructor' }).said, 'The card was declined (declined by the bank). Nothing was saved.');
  assert.deepEqual(motoStateOf({ outcome: 'canceled', error: null }, en), { state: 'canceled', said: 'Canceled. Nothing was saved.' });
  assert.equal(motoStateOf({ outcome: 'canceled', error: { code: 'customer_canceled' } }, en).said, 'The customer canceled on the reader. Nothing was saved.');
  assert.equal(motoStateOf({ outcome: 'expired', error: { code: 'moto_setup_timeout' } }, en).state, 'expired');
  for (const code of ['terminal_reader_busy', 'terminal_reader_offline', 'terminal_reader_timeout', 'reader_lost', 'api_connection_error', 'not_signed_in']) {
    const { state, said } = motoStateOf({ outcome: 'error', error: { code } }, en);
    assert.equal(state, 'failed');
    assert.equal(said, en.errors[code], code);
  }
  assert.equal(motoStateOf({ outcome: 'error', error: { code: 'intent_invalid_state' } }, en).said, en.errors.generic);
  assert.equal(motoStateOf({ outcome: 'error', error: null }, en).said, en.errors.generic);
});

test('every locale words every outcome without a placeholder left', () => {
  for (const locale of LOCALES) {
    const t = motoTextsFor(locale);
    for (const result of [
      { outcome: 'succeeded', card },
      { outcome: 'declined', error: { code: 'incorrect_cvc' } },
      { outcome: 'canceled', error: { code: 'customer_canceled' } },
      { outcome: 'expired', error: null },
      { outcome: 'error', error: { code: 'reader_lost' } },
    ]) {
      const { said } = motoStateOf(result, t);
      assert.ok(said && !/\{\w+\}/.test(said), `${locale} ${result.outcome}: ${said}`);
    }
  }
});
