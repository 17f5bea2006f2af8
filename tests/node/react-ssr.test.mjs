// setupflow/react on a server: importing it (and the element and the main
// package under it) touches no window, document or customElements, and
// renderToString of <CashAppSetup> inside a provider gives an empty node.
// Tests the built dist/react.mjs (scripts/build-dropin).
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './helpers.mjs';

const distReact = pathToFileURL(path.join(root, 'dist/react.mjs')).href;

// The browser globals read as undefined, so any real use throws; each read is
// recorded. `typeof window` / `typeof customElements` checks are how code knows
// it is on a server, so those two may be read; the others never.
const MAY_CHECK = ['window', 'customElements'];
function trapBrowserGlobals() {
  const touched = [];
  for (const name of ['window', 'document', 'customElements', 'HTMLElement', 'navigator', 'location']) {
    const had = Object.getOwnPropertyDescriptor(globalThis, name);
    if (had) continue; // Node's own navigator (Node 21+) is left alone
    Object.defineProperty(globalThis, name, {
      configurable: true,
      get() {
        touched.push(name);
        return undefined;
      },
    });
  }
  return touched;
}

test('import and renderToString touch no browser global and render an empty node', async () => {
  const touched = trapBrowserGlobals();
  const React = await import('react');
  const { renderToString } = await import('react-dom/server');
  const { SetupFlowProvider, CashAppSetup, useSetupFlow } = await import(distReact);
  const { loadSetupFlow } = await import(pathToFileURL(path.join(root, 'dist/setupflow.mjs')).href);
  assert.deepEqual(touched.filter((n) => !MAY_CHECK.includes(n)), []);
  touched.length = 0;

  let seen = 'unset';
  function Probe() {
    seen = useSetupFlow();
    return null;
  }
  const html = renderToString(
    React.createElement(
      SetupFlowProvider,
      { setupFlow: null },
      React.createElement(CashAppSetup, { clientSecret: 'seti_123_secret_abc', merchantName: 'Rocket Rides', onSuccess: () => {} }),
      React.createElement(Probe),
    ),
  );
  assert.equal(html, '<div></div>');
  assert.equal(seen, null);
  assert.deepEqual(touched.filter((n) => !MAY_CHECK.includes(n)), []);
  // and the main package resolves null on the server, as Stripe's loader does
  assert.equal(await loadSetupFlow('pk_test_123'), null);
});

test('a provider given a promise renders its children with a null instance on the server', async () => {
  const React = await import('react');
  const { renderToString } = await import('react-dom/server');
  const { SetupFlowProvider, CashAppSetup } = await import(distReact);
  const html = renderToString(
    React.createElement(SetupFlowProvider, { setupFlow: new Promise(() => {}) }, React.createElement(CashAppSetup, { clientSecret: 'x', id: 'pay' })),
  );
  assert.equal(html, '<div id="pay"></div>');
});

test('useSetupFlow outside a provider throws; a provider given a non-instance throws', async () => {
  const React = await import('react');
  const { renderToString } = await import('react-dom/server');
  const { SetupFlowProvider, useSetupFlow } = await import(distReact);
  function Probe() {
    useSetupFlow();
    return null;
  }
  assert.throws(() => renderToString(React.createElement(Probe)), /inside a <SetupFlowProvider>/);
  assert.throws(() => renderToString(React.createElement(SetupFlowProvider, { setupFlow: 'pk_test_123' })), /expects a SetupFlow instance/);
});

test('setupflow/moto/react on a server: import and renderToString of <MotoSetup> touch no browser global', async () => {
  const touched = trapBrowserGlobals();
  const React = await import('react');
  const { renderToString } = await import('react-dom/server');
  const { MotoSetup } = await import(pathToFileURL(path.join(root, 'dist/moto-react.mjs')).href);
  const { loadMoto } = await import(pathToFileURL(path.join(root, 'dist/moto.mjs')).href);
  await import(pathToFileURL(path.join(root, 'dist/moto-element.mjs')).href); // registers nothing on a server
  assert.deepEqual(touched.filter((n) => !MAY_CHECK.includes(n)), []);
  touched.length = 0;
  const html = renderToString(
    React.createElement(MotoSetup, { endpoint: '/moto', customer: 'cus_123', agent: 'Sam Lee', className: 'console', onSuccess: () => {} }),
  );
  assert.equal(html, '<div class="console"></div>');
  assert.deepEqual(touched.filter((n) => !MAY_CHECK.includes(n)), []);
  assert.equal(await loadMoto({ endpoint: '/moto' }), null);
});
