// The effect runner: the only place the confirm flow touches the outside world.
// The core (a sans-I/O state machine) returns effects; this carries them out
// with fetch, timers, the visibility API, location and the QR presenter, and
// feeds what happened back in, until the core says Finish (or Navigate).

/**
 * Runs one flow the core has created, to its end.
 *
 * @param {object} core the wasm module
 * @param {number} flowId from core.flowCreate
 * @param {object} env {fetch, presenter, navigate, document?, now?, prepareQr?}
 *   prepareQr: once the first request is on its way, compile the core's QR
 *   code (a throwaway encode) and call presenter.prepare() (when it has
 *   one), so the QR paints as soon as the answer comes
 * @returns {Promise<{intent: object|null, body: object|null, error: object|null} | {navigated: true}>}
 *   intent is the core's summary {id, kind, status}; body is the JSON object
 *   the API sent for that same intent (the last 2xx body the core read), so
 *   callers can hand the page every field Stripe sent.
 */
export function runFlow(core, flowId, env) {
  const now = env.now || Date.now;
  const timers = new Map(); // timer id → setTimeout handle
  const inFlight = new Map(); // request id → AbortController
  let lastBody = null;
  let done = false;
  let unwatch = null;
  let presenterUp = false; // shown or prepared: hide() is owed
  let sentOne = false;

  return new Promise((resolve) => {
    const apply = (effects) => {
      for (const effect of effects) handle(effect);
    };

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

    const cancel = () => {
      if (!done) apply(core.flowCancel(flowId, now()));
    };

    // visibilitychange is listened to only while the QR is up (polling):
    // hidden tabs poll slowly, and poll at once when they come back.
    const watchVisibility = () => {
      const doc = env.document;
      if (unwatch || !doc) return;
      const listener = () => {
        if (!done) apply(core.flowVisibility(flowId, doc.visibilityState !== 'hidden', now()));
      };
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
        if (!done) apply(core.flowNetworkFailure(flowId, effect.requestId, now()));
        return;
      }
      inFlight.delete(effect.requestId);
      if (done) return;
      if (status >= 200 && status <= 299) lastBody = body;
      apply(core.flowResponse(flowId, effect.requestId, status, body, now()));
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
              if (!done) apply(core.flowTimer(flowId, effect.timerId, now()));
            }, effect.delayMs),
          );
          break;
        case 'cancelTimer':
          clearTimeout(timers.get(effect.timerId));
          timers.delete(effect.timerId);
          break;
        case 'showQr':
          presenterUp = true;
          env.presenter.show(effect, { cancel });
          watchVisibility();
          break;
        case 'hideQr':
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
        case 'finish': {
          cleanup();
          const intent = effect.intent;
          const body = intent && lastBody && lastBody.id === intent.id ? lastBody : null;
          resolve({ intent, body, error: effect.error });
          break;
        }
        default:
          break; // an effect this shim does not know: nothing to do
      }
    }

    apply(core.flowStart(flowId, now()));
  });
}
