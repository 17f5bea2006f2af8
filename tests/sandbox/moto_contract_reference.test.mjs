// The MOTO contract's assertions (moto_contract.mjs) against the reference
// server, js/server/moto.mjs on the official `stripe` package, over HTTP as
// an agent's console calls it.
import { after } from 'node:test';
import http from 'node:http';
import { createMotoServer, nodeListener } from '../../js/server/moto.mjs';
import { suiteSandbox } from './helpers.mjs';
import { motoContract } from './moto_contract.mjs';

const sandbox = suiteSandbox();
const AGENT = 'Dana (agent 17)';
let server;
let ready;
const consents = new Map();

async function makeTarget() {
  const { stripe } = sandbox();
  const location = await stripe.terminal.locations.create({
    display_name: 'Phone orders',
    address: { line1: '1 Main St', city: 'Springfield', postal_code: '12345', state: 'CA', country: 'US' },
  });
  const moto = createMotoServer({
    stripe,
    location: location.id,
    authorize: (request) => (request.headers.cookie === 'session=agent' ? { agent: AGENT } : null),
    // The merchant's store, as docs/moto.md asks: one record per start key.
    recordConsent: (record, { idempotencyKey, setupIntent }) => consents.set(idempotencyKey, { ...record, setupIntent }),
  });
  server = http.createServer(nodeListener(moto, '/moto'));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}/moto`;
  const send = async (method, path, body, headers) => {
    const response = await fetch(base + path, { method, headers, body });
    return { status: response.status, body: await response.json() };
  };
  const json = (body) => (body ? { 'content-type': 'application/json' } : {});
  return {
    agent: AGENT,
    stripe,
    call: (method, path, body, headers = {}) =>
      send(method, path, body && JSON.stringify(body), { cookie: 'session=agent', ...json(body), ...headers }),
    anonymous: (method, path, body, headers = {}) => send(method, path, body && JSON.stringify(body), { ...json(body), ...headers }),
    raw: (method, path, text, headers = {}) => send(method, path, text, { cookie: 'session=agent', ...headers }),
    reader: async () =>
      (await stripe.terminal.readers.create({ registration_code: 'simulated-wpe', label: 'Desk', location: location.id })).id,
    customer: async () => (await stripe.customers.create({ email: 'caller@example.com' })).id,
    consentOf: async (setupIntent) => {
      const { setupIntent: _, ...record } = [...consents.values()].find((r) => r.setupIntent === setupIntent) || {};
      return record.customer ? record : null;
    },
  };
}

after(() => new Promise((resolve) => server?.close(resolve) ?? resolve()));

motoContract('reference server', () => (ready ??= makeTarget()));
