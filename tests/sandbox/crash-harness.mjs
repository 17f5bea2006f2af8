// The crash harness's moving parts: a sandbox that can be SIGKILLed at a
// chosen request and restarted on the same database and port, an HTTP client
// for the official `stripe` package that carries out the kill plan, a ledger
// of every answer the merchant received, and a signature-checking webhook
// receiver. crash.test.mjs drives them.
import http from 'node:http';
import Stripe from 'stripe';
import { spawn } from 'node:child_process';
import { BIN, startSandbox, SK } from './helpers.mjs';

// Kill points are picked reproducibly from a seed.
export { prng } from '../prng.mjs';

// Connection failures a client sees when the server dies under it.
export function isConnectionError(e) {
  const code = e?.code ?? e?.raw?.code ?? e?.detail?.code;
  return e?.type === 'StripeConnectionError' ||
    ['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ECONNABORTED'].includes(code) || /socket hang up/.test(String(e?.message));
}

// One plain HTTP exchange, without keep-alive (a killed server leaves no
// stale pooled socket behind to confuse the next attempt); bounded by 15 s.
export function rawRequest(port, { method, path, headers = {}, body }) {
  return new Promise((resolvePromise, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers, agent: false, timeout: 15000 }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolvePromise({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
      res.on('aborted', () => reject(Object.assign(new Error('response aborted'), { code: 'ECONNRESET' })));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('request timed out'), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

// The sandbox process under test. kill() is synchronous (so it can land
// while a request is in flight); the restart on the same --db and port runs
// in the background, and ready() resolves once it is up and `afterRestart`
// (the ledger check) has run.
export class CrashableSandbox {
  constructor({ db, onRestart }) {
    this.db = db;
    this.onRestart = onRestart;
    this.current = null;
    this.port = 0;
    this.kills = 0;
    this.startupKills = 0;
    this.readyPromise = Promise.resolve();
  }

  async start() {
    this.current = await startSandbox({ db: this.db, port: this.port });
    this.port = this.current.port;
  }

  // SIGKILL now; returns { dead, ready }. With `startupKillMs`, the first
  // restart is itself killed that many ms after it was spawned (opening the
  // database, recovering the WAL, binding), and the sandbox is started again.
  kill(startupKillMs = null) {
    const victim = this.current;
    if (!victim || victim.proc.exitCode !== null || victim.proc.signalCode !== null) return null;
    this.kills += 1;
    const dead = new Promise((r) => victim.proc.once('exit', r));
    victim.proc.kill('SIGKILL');
    this.current = null;
    this.readyPromise = (async () => {
      await dead;
      // Let a request that is meant to meet the dead port go first.
      await new Promise((r) => setImmediate(r));
      if (startupKillMs !== null) await this.killDuringStartup(startupKillMs);
      await this.start();
      await this.onRestart?.();
    })();
    this.readyPromise.catch(() => {});  // awaited by the next request; a failed restart fails it there
    return { dead, ready: this.readyPromise };
  }

  async killDuringStartup(ms) {
    const proc = spawn(BIN, ['--port', String(this.port), '--db', this.db], { stdio: 'ignore' });
    const exited = new Promise((r) => proc.once('exit', r));
    await new Promise((r) => setTimeout(r, ms));
    proc.kill('SIGKILL');
    await exited;
    this.startupKills += 1;
  }

  ready() { return this.readyPromise; }

  async stop() {
    await this.readyPromise.catch(() => {});
    const last = this.current;
    this.current = null;
    if (!last || last.proc.exitCode !== null || last.proc.signalCode !== null) return;
    // Not helpers' stop(): its 5 s guard timer would keep node alive after the test.
    const exited = new Promise((r) => last.proc.once('exit', r));
    last.proc.kill('SIGTERM');
    const guard = setTimeout(() => last.proc.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(guard);
  }
}

// What a run asks of the harness: which request to kill at and how.
//   before      the request meets a dead server (nothing was done)
//   inflight    SIGKILL right after the request is handed to the socket,
//               after `delay` (sync, immediate, 1 ms, 2 ms): done or not
//   answer-lost the server committed and answered; the answer is dropped
//               as if the connection died on its way back
//   timer       SIGKILL at a wall-clock delay from the start of the run,
//               wherever it lands (requests, webhook deliveries, between)
export function makePlan(rand, requestsPerFlow, flowMs) {
  const mode = rand.pick(['before', 'inflight', 'inflight', 'answer-lost', 'answer-lost', 'timer']);
  return {
    mode,
    index: rand.int(requestsPerFlow),
    delay: rand.pick(['sync', 'immediate', 1, 2]),
    timerMs: Math.max(0, Math.round(rand.next() * flowMs)),
    startupKillMs: rand.next() < 0.25 ? rand.int(40) : null,
  };
}

function delayed(kind, fn) {
  if (kind === 'sync') fn();
  else if (kind === 'immediate') setImmediate(fn);
  else setTimeout(fn, kind);
}

// Sends the flow's requests (API and phone page alike), counting them and
// carrying out the current run's plan. Every answer received goes to the
// ledger: the answer was given, so what it says must survive the kill.
export class KillSwitch {
  constructor(sandbox, ledger) {
    this.sandbox = sandbox;
    this.ledger = ledger;
    this.plan = null;
    this.count = 0;
    this.fired = false;
    this.replayed = 0;
    this.timer = null;
  }

  arm(plan) {
    this.plan = plan;
    this.count = 0;
    this.fired = false;
    if (plan?.mode === 'timer') this.timer = setTimeout(() => this.fire(), plan.timerMs);
  }

  // Ends the run's plan; a timer that did not fire during the flow fires now.
  disarm() {
    clearTimeout(this.timer);
    if (this.plan && !this.fired) this.fire();
    this.plan = null;
  }

  fire() {
    if (this.fired) return null;
    this.fired = true;
    clearTimeout(this.timer);
    return this.sandbox.kill(this.plan?.startupKillMs ?? null);
  }

  async send(request) {
    // A retry waits for the restart, as a merchant's would after its backoff.
    await this.sandbox.ready();
    const i = this.count++;
    const armed = this.plan && !this.fired && this.plan.mode !== 'timer' && this.plan.index === i ? this.plan : null;
    const port = this.sandbox.port;
    if (armed?.mode === 'before') await this.fire()?.dead;  // the request meets a closed port
    const pending = rawRequest(port, request);
    if (armed?.mode === 'inflight') delayed(armed.delay, () => this.fire());
    const res = await pending;
    if (armed?.mode === 'answer-lost') {
      await this.fire()?.dead;
      throw Object.assign(new Error('socket hang up (the answer was lost with the server)'), { code: 'ECONNRESET' });
    }
    if (res.headers['idempotent-replayed'] === 'true') this.replayed += 1;
    this.ledger.answered(request, res);
    return res;
  }
}

class BufferedResponse extends Stripe.HttpClientResponse {
  constructor(res) {
    super(res.status, res.headers);
    this.res = res;
  }
  getRawResponse() { return this.res; }
  toStream() { throw new Error('streaming is not used here'); }
  toJSON() { return Promise.resolve(this._parseResponseBody(this.res.body)); }
}

// An HttpClient for the official library: the flow goes through the kill
// switch; verification (`send` = rawRequest) goes straight to the sandbox.
class HarnessHttpClient extends Stripe.HttpClient {
  constructor(send) {
    super();
    this.sendFn = send;
  }
  getClientName() { return 'setupflow-crash-harness'; }
  async makeRequest(host, port, path, method, headers, requestData) {
    return new BufferedResponse(await this.sendFn({ method, path, headers, body: requestData }));
  }
}

// The merchant's client: stripe-node's own retries, which keep one
// Idempotency-Key for all attempts of a POST. Its first retry waits 0.5 s.
export function merchantStripe(killSwitch, port) {
  return new Stripe(SK, {
    host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 4,
    httpClient: new HarnessHttpClient((r) => killSwitch.send(r)),
  });
}

export function verifyStripe(sandbox) {
  return new Stripe(SK, {
    host: '127.0.0.1', port: sandbox.port, protocol: 'http', maxNetworkRetries: 0,
    httpClient: new HarnessHttpClient((r) => rawRequest(sandbox.port, r)),
  });
}

// A loopback receiver that checks each delivery's signature with
// stripe.webhooks.constructEvent and answers after a short random delay,
// widening the window in which a kill makes the sandbox send it again. It
// refuses (500) the first attempt of about one event in ten, so some
// deliveries wait in the sandbox's retry backoff across a kill.
export async function signedReceiver(rand) {
  const deliveries = [];
  const rejected = [];
  const refused = new Set();
  const verifier = new Stripe(SK);
  let secret = null;
  const server = http.createServer((req, res) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size <= 1 << 20) chunks.push(c);
    });
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      try {
        const event = verifier.webhooks.constructEvent(body, req.headers['stripe-signature'], secret);
        if (!refused.has(event.id) && !deliveries.some((d) => d.id === event.id) && rand.next() < 0.1) {
          refused.add(event.id);
          res.writeHead(500).end('try again later');
          return;
        }
        deliveries.push({ id: event.id, type: event.type, objectId: event.data?.object?.id, body });
      } catch (e) {
        rejected.push(String(e.message));
        res.writeHead(400).end('bad signature');
        return;
      }
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}'), rand.int(4));
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}/hooks`,
    deliveries,
    rejected,
    refused,
    setSecret(s) { secret = s; },
    close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }),
  };
}
