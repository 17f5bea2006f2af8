// The seed's merchant flow written with Debian's python3-stripe (5.0.0), the
// second official client after stripe-node (flow.test.mjs): that library
// sends booleans as True/False, nested lists as a[0], and its own headers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suiteSandbox } from './helpers.mjs';

const script = join(dirname(fileURLToPath(import.meta.url)), 'python/merchant_flow.py');

// The first Python that imports Debian's stripe 5 (a version manager's
// python3 on PATH may shadow Debian's own). SETUPFLOW_PYTHON overrides.
function findPython() {
  const candidates = process.env.SETUPFLOW_PYTHON ? [process.env.SETUPFLOW_PYTHON] : ['python3', '/usr/bin/python3'];
  for (const python of candidates) {
    const probe = spawnSync(python, ['-c', 'import stripe, sys; sys.stdout.write(stripe.version.VERSION)'],
      { encoding: 'utf8', timeout: 10000 });
    if (probe.status === 0 && probe.stdout.startsWith('5.')) return python;
  }
  return null;
}

const sandbox = suiteSandbox();

function run(python, args, ms) {
  return new Promise((resolve) => {
    const proc = spawn(python, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    proc.stdout.on('data', (d) => { out += d; });
    proc.stderr.on('data', (d) => { err += d; });
    const timer = setTimeout(() => proc.kill('SIGKILL'), ms);
    proc.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, out, err });
    });
  });
}

test('python3-stripe 5 runs the merchant flow: customer, confirm=True, phone approval, charge, detach, webhooks', async (t) => {
  const python = findPython();
  if (!python) {
    // scripts/bootstrap installs python3-stripe; CI never takes this branch.
    if (process.env.CI) assert.fail('python3-stripe 5 is not installed (scripts/bootstrap installs it)');
    t.skip('python3-stripe 5 is not installed: run scripts/bootstrap');
    return;
  }
  const { code, signal, out, err } = await run(python, [script, sandbox().base], 60000);
  assert.equal(signal, null, `killed after 60 s:\n${out}\n${err}`);
  assert.equal(code, 0, `${out}\n${err}`);
  assert.match(out, /python contract: passed \(stripe 5\./);
  for (const stepName of ['SetupIntent created with confirm=True', 'approved on the phone', 'off-session charge',
    'detach', 'webhooks verified with stripe.Webhook.construct_event']) {
    assert.ok(out.includes(`ok: ${stepName}`), stepName);
  }
});
