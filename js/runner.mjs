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
 * @param {object} env {fetch, presenter, navigate, document?, now?, prepareQr?}
 *   presenter shows the core's `present` effects (a QR code, the one
 *   presentation the core makes so far);
 *   prepareQr: once the first request is on its way, compile the core's QR
 *   code (a throwaway encode) and call presenter.prepare() (when it has
 *   one), so the QR paints as soon as the answer comes
 * @returns {Promise<{outcome: string, object: object|null, error: object|null} | {navigated: true}>}
 *   outcome is the core's ('succeeded', 'declined', 'expired', …); object is
 *   the final object as the API sent it (the bindings keep the body the core
 *   read it from); error is in Stripe's shape.
 */
export function runFlow(core, flowId, env) {
  const now = env.now || Date.now;
  const timers = new Map(); // timer id → setTimeout handle
  const inFlight = new Map(); // request id → AbortController
  let done = false;
  let unwatch = null;
  let presenterUp = false; // shown or prepared: hide() is owed
  let sentOne = false;

  return new Promise((resolve) => {
    const cleanup = () => {
      done = true;
      for (const handleId of timers.values()) clearTimeout(handleId);
      timers.clear();
      for (const controller of inFlight.values()) controller.abort();
      inFlight.clear();
      if (unwatch) unwatch();
      unwatch = null;
      if (presenterUp) env.presenter.hide();
      presenterUp = false;
      core.flowDestroy(flowId); // no-op once the core erased it
    };

    // Feeds one named input to the core and carries out what it answers. An
    // input the core refuses is this runner's bug: the flow ends with it.
    const input = (value) => {
      if (done) return;
      const result = core.flowInput(flowId, value, now());
      if (result.error) {
        cleanup();
        resolve({ outcome: 'error', error: result.error });
        return;
      }
      for (const effect of result.effects) handle(effect);
    };

    const cancel = () => input({ type: 'cancel' });

    // visibilitychange is listened to only while something is presented
    // (polling): hidden tabs poll slowly, and poll at once when they come back.
    const watchVisibility = () => {
      const doc = env.document;
      if (unwatch || !doc) return;
      const listener = () => input({ type: 'visibility', visible: doc.visibilityState !== 'hidden' });
      doc.addEventListener('visibilitychange', listener);
      unwatch = () => doc.removeEventListener('visibilitychange', listener);
      if (doc.visibilityState === 'hidden') listener();
    };

    const send = async (effect) => {
      const controller = new AbortController();
      inFlight.set(effect.requestId, controller);
      let status;
      let body = null;
      try {
        const response = await env.fetch(effect.url, {
          method: effect.method,
          headers: effect.headers,
          body: effect.body,
          signal: controller.signal,
          credentials: 'omit',
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
        inFlight.delete(effect.requestId);
        input({ type: 'network_failure', requestId: effect.requestId });
        return;
      }
      inFlight.delete(effect.requestId);
      input({ type: 'response', requestId: effect.requestId, status, body });
    };

    // While the first request is in flight: the core's QR code compiled, the
    // presenter's dialog built and laid out (invisible).
    function prepareQr() {
      core.prepareQr();
      if (typeof env.presenter.prepare !== 'function') return;
      presenterUp = true;
      env.presenter.prepare();
    }

    function handle(effect) {
      if (done) return;
      switch (effect.type) {
        case 'send':
          send(effect); // fetch() has been called when this returns
          if (env.prepareQr && !sentOne) prepareQr();
          sentOne = true;
          break;
        case 'wake':
          timers.set(
            effect.timerId,
            setTimeout(() => {
              timers.delete(effect.timerId);
              input({ type: 'timer', timerId: effect.timerId });
            }, effect.delayMs),
          );
          break;
        case 'cancelTimer':
          clearTimeout(timers.get(effect.timerId));
          timers.delete(effect.timerId);
          break;
        case 'present': // a QR code, the one presentation the core makes so far
          presenterUp = true;
          env.presenter.show(effect, { cancel });
          watchVisibility();
          break;
        case 'dismiss':
          if (presenterUp) env.presenter.hide();
          presenterUp = false;
          if (unwatch) unwatch();
          unwatch = null;
          break;
        case 'navigate':
          cleanup();
          env.navigate(effect.url);
          resolve({ navigated: true });
          break;
        case 'finish':
          cleanup();
          resolve({ outcome: effect.outcome, object: effect.object, error: effect.error });
          break;
        default:
          break; // an effect this shim does not know: nothing to do
      }
    }

    input({ type: 'start' });
  });
}
