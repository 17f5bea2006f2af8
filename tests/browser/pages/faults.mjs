// Many Cash App Pay confirms at once, each as one shopper would make it, against
// a sandbox that injects faults (tests/browser/faults.spec.mjs). It uses the
// built package as an integrator would, with two of its documented hooks:
//  - `fetch`: a pass-through that logs every API request the package sends
//    (path, Idempotency-Key, body, status, whether the answer was replayed,
//    whether the connection dropped), so the spec can check the retry rules;
//  - `presenter`: instead of the built-in dialog (one per page), each flow
//    "scans" its QR and answers on the simulated phone page, so many flows run
//    concurrently on one page.
//
//   window.faults.run(jobs, concurrency) → one outcome per job
//   window.faults.requests()             → the request log
//   window.faults.violations             → Content-Security-Policy violations
import { loadSetupFlow } from '/dist/setupflow.mjs';

const violations = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));

const requests = [];

async function loggingFetch(url, init = {}) {
  const entry = {
    method: init.method || 'GET',
    path: new URL(url).pathname,
    key: new Headers(init.headers).get('Idempotency-Key'),
    body: typeof init.body === 'string' ? init.body : '',
    status: 0,
    replayed: false,
    failure: null, // 'network': no answer; 'body': the answer was cut after its headers
  };
  requests.push(entry);
  let response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    entry.failure = 'network';
    throw error;
  }
  entry.status = response.status;
  entry.replayed = response.headers.get('Idempotent-Replayed') === 'true';
  const text = response.text.bind(response);
  response.text = async () => {
    try {
      return await text();
    } catch (error) {
      entry.failure = 'body';
      throw error;
    }
  };
  return response;
}

const flowPromise = loadSetupFlow('pk_test_setupflowsandbox', {
  apiBase: location.origin,
  device: 'desktop',
  fetch: loggingFetch,
});

const returnUrl = new URL('./return.html?order=faults', location.href).href;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The shopper's phone: posts the phone page's form for the scanned code.
async function answerOnPhone(qrData, action, cashtag) {
  const body = new URLSearchParams({ redirect: '0', cashtag, action });
  for (let attempt = 0; attempt < 6; attempt += 1) {
    try {
      const response = await fetch(new URL(qrData).pathname, { method: 'POST', body, credentials: 'omit' });
      await response.text();
      if (response.status < 500) return response.status;
    } catch {
      // dropped or refused: the shopper taps again
    }
    await sleep(100 * (attempt + 1));
  }
  return 0;
}

// The fields of a settled result the spec checks.
function summarise(result) {
  const error = result.error || null;
  const intent = result.setupIntent || result.paymentIntent || (error && (error.setup_intent || error.payment_intent)) || null;
  return {
    status: intent ? intent.status : null,
    intentId: intent ? intent.id : null,
    errorType: error ? error.type : null,
    errorCode: error ? error.code || null : null,
    declineCode: error ? error.decline_code || null : null,
    // A network or server failure the package gave up on: the intent's state
    // is unknown, so the shop reads it before doing anything else.
    transient: !!error && !intent && (error.type === 'api_error' || error.type === 'api_connection_error'),
  };
}

// One shopper: confirm; if the package gives up on a transient failure, the
// shop retrieves the intent and continues from its real state (a new user
// action each time, so a new Idempotency-Key for a new confirm).
async function runJob(job) {
  const actions = [];
  let answered = false; // per action: the phone answers the first QR shown
  const presenter = {
    show(qr) {
      if (answered || !job.decision) return;
      answered = true;
      answerOnPhone(qr.data, job.decision, job.cashtag);
    },
    hide() {},
  };
  const flow = (await flowPromise).withOptions({ presenter });
  const payment = job.kind === 'payment';
  const data = { payment_method: job.paymentMethod || { type: 'cashapp' }, return_url: returnUrl };
  const calls = {
    confirm: () =>
      payment ? flow.confirmCashappPayment(job.clientSecret, data) : flow.confirmCashappSetup(job.clientSecret, data),
    next: () => flow.handleNextAction({ clientSecret: job.clientSecret }),
    retrieve: () => (payment ? flow.retrievePaymentIntent(job.clientSecret) : flow.retrieveSetupIntent(job.clientSecret)),
  };
  let op = 'confirm';
  let last = null;
  for (let step = 0; step < 8 && op; step += 1) {
    answered = false;
    let result;
    try {
      result = summarise(await calls[op]());
    } catch (error) {
      result = { thrown: `${error.name}: ${error.message}` };
    }
    actions.push({ op, ...result });
    last = result;
    if (result.thrown) break;
    if (result.transient) op = 'retrieve';
    else if (op !== 'retrieve') op = null;
    else if (result.status === 'requires_payment_method' || result.status === 'requires_confirmation') op = 'confirm';
    else if (result.status === 'requires_action') op = 'next';
    else op = null;
  }
  return { id: job.id, actions, final: last };
}

async function run(jobs, concurrency) {
  await flowPromise;
  const outcomes = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next;
      next += 1;
      outcomes[i] = await runJob(jobs[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  document.getElementById('result').textContent = `${outcomes.length} flows settled`;
  return outcomes;
}

window.faults = {
  ready: () => flowPromise.then(() => true),
  run,
  requests: () => requests,
  violations,
};
