// The effect runner: the only place a flow touches the outside world. The
// core (a sans-I/O state machine, any flow) returns effects; this carries them
// out with fetch, timers, the visibility API, location and a presenter, and
// feeds what happened back in as named inputs, until the core says finish
// (or navigate). It knows no flow: what a result means is the core's outcome.

// The outcome a public result was settled with, kept off its enumerable
// fields so results keep Stripe.js's shapes. Symbol.for: the same key in every
// bundle that includes this module (dist/element.mjs imports the package).
const OUTCOME = Symbol.for('setupflow.outcome');

/** Records the core's outcome on a result object; returns the result. */
export function withOutcome(result, outcome) {
  Object.defineProperty(result, OUTCOME, { value: outcome });
  return result;
}

/** The outcome recorded by withOutcome ('succeeded', 'expired', …), or undefined. */
export const outcomeOf = (result) => (result ? result[OUTCOME] : undefined);

/**
 * Runs one flow the core has created, to its end.
 *
 * @param {object} core the wasm module (loader.mjs's wrapCore)
 * @param {number} flowId from core.flowCreate
 * @param {object} env {fetch, presenter, navigate, document?, now?, prepareQr?, credentials?}
 *   presenter shows the core's `present` effects (by their `kind`: a QR
 *   code for Cash App, the reader's progress for MOTO);
 *   credentials: fetch's, 'omit' by default (the Stripe API needs no
 *   cookie); the MOTO console's calls to the merchant's own server send
 *   the agent's session ('same-origin');
 *   prepareQr: once the first request is on its way, compile the core's QR
 *   code (a throwaway encode) and call presenter.prepare() (when it has
 *   one), so the QR paints as soon as the answer comes
 * @returns {Promise<{outcome: string, object: object|null, error: object|null} | {navigated: true}>}
 *   outcome is the core's ('succeeded', 'declined', 'expired', …); object is
 *   the final object as the API sent it (the bindings keep the body the core
 *   read it from); error is in Stripe's shape.
 */
export function runFlow(core, flowId, env) {
  return new Promise((resolve) => new FlowRun(core, flowId, env, resolve).input({ type: 'start' }));
}

// One flow's run: the state the effects need between two inputs.
class FlowRun {
  constructor(core, flowId, env, resolve) {
    this.core = core;
    this.flowId = flowId;
    this.env = env;
    this.now = env.now || Date.now;
    this.resolve = resolve;
    this.timers = new Map(); // timer id → setTimeout handle
    this.inFlight = new Map(); // request id → AbortController
    this.done = false;
    this.unwatch = null; // stops listening to visibilitychange
    this.presenterUp = false; // shown or prepared: hide() is owed
    this.sentOne = false;
    this.cancel = () => this.input({ type: 'cancel' });
  }

  // Feeds one named input to the core and carries out what it answers. An
  // input the core refuses is this runner's bug: the flow ends with it.
  input(value) {
    if (this.done) return;
    const result = this.core.flowInput(this.flowId, value, this.now());
    if (result.error) return this.end({ outcome: 'error', error: result.error });
    for (const effect of result.effects) this.handle(effect);
  }

  end(settled) {
    this.done = true;
    for (const handleId of this.timers.values()) clearTimeout(handleId);
    this.timers.clear();
    for (const controller of this.inFlight.values()) controller.abort();
    this.inFlight.clear();
    this.stopWatching();
    this.hidePresenter();
    this.core.flowDestroy(this.flowId); // no-op once the core erased it
    this.resolve(settled);
  }

  handle(effect) {
    if (this.done) return;
    switch (effect.type) {
      case 'send':
        this.send(effect); // fetch() has been called when this returns
        if (this.env.prepareQr && !this.sentOne) this.prepareQr();
        this.sentOne = true;
        break;
      case 'wake':
        this.timers.set(
          effect.timerId,
          setTimeout(() => {
            this.timers.delete(effect.timerId);
            this.input({ type: 'timer', timerId: effect.timerId });
          }, effect.delayMs),
        );
        break;
      case 'cancelTimer':
        clearTimeout(this.timers.get(effect.timerId));
        this.timers.delete(effect.timerId);
        break;
      case 'present': // a QR code, the reader's progress, …: the presenter knows its kinds
        this.presenterUp = true;
        this.env.presenter.show(effect, { cancel: this.cancel });
        this.watchVisibility();
        break;
      case 'dismiss':
        this.hidePresenter();
        this.stopWatching();
        break;
      case 'navigate':
        this.end({ navigated: true });
        this.env.navigate(effect.url);
        break;
      case 'finish':
        this.end({ outcome: effect.outcome, object: effect.object, error: effect.error });
        break;
      default:
        break; // an effect this shim does not know: nothing to do
    }
  }

  async send(effect) {
    const controller = new AbortController();
    this.inFlight.set(effect.requestId, controller);
    let status;
    let body = null;
    try {
      const response = await this.env.fetch(effect.url, {
        method: effect.method,
        headers: effect.headers,
        body: effect.body,
        signal: controller.signal,
        credentials: this.env.credentials || 'omit',
        cache: 'no-store',
        // The page's URL may carry a client secret (a return_url's query):
        // no Referer to the API.
        referrerPolicy: 'no-referrer',
      });
      status = response.status;
      const text = await response.text();
      try {
        body = JSON.parse(text);
      } catch {
        body = null; // the core turns a missing body into a typed api_error
      }
    } catch {
      this.inFlight.delete(effect.requestId);
      this.input({ type: 'network_failure', requestId: effect.requestId });
      return;
    }
    this.inFlight.delete(effect.requestId);
    this.input({ type: 'response', requestId: effect.requestId, status, body });
  }

  // While the first request is in flight: the core's QR code compiled, the
  // presenter's dialog built and laid out (invisible).
  prepareQr() {
    this.core.prepareQr();
    if (typeof this.env.presenter.prepare !== 'function') return;
    this.presenterUp = true;
    this.env.presenter.prepare();
  }

  hidePresenter() {
    if (this.presenterUp) this.env.presenter.hide();
    this.presenterUp = false;
  }

  // visibilitychange is listened to only while something is presented
  // (polling): hidden tabs poll slowly, and poll at once when they come back.
  watchVisibility() {
    const doc = this.env.document;
    if (this.unwatch || !doc) return;
    const listener = () => this.input({ type: 'visibility', visible: doc.visibilityState !== 'hidden' });
    doc.addEventListener('visibilitychange', listener);
    this.unwatch = () => doc.removeEventListener('visibilitychange', listener);
    if (doc.visibilityState === 'hidden') listener();
  }

  stopWatching() {
    if (this.unwatch) this.unwatch();
    this.unwatch = null;
  }
}
