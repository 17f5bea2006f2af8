// <setupflow-cashapp>: the drop-in Cash App Pay element.
//
//   <setupflow-cashapp publishable-key="pk_test_…" client-secret="seti_…_secret_…"
//     return-url="https://shop.example/return" merchant-name="Rocket Rides"></setupflow-cashapp>
//
// Shows the authorisation text (from the C++ core), a Cash App Pay button,
// then the QR dialog (desktop; tablets also get an "Open Cash App" link) or
// the redirect (mobile), a countdown to the next QR, and the outcome; and
// dispatches setupflow:* events (element.d.ts). Lifecycle as in
// react-stripe-js: connected → mount, attribute change → update (immutable
// ones warn once a confirm started), disconnected → destroy, deferred by a
// task so a quick remove + re-append keeps the same running flow (never a
// second confirm).
//
// The class is made by defineSetupFlowCashapp(), not at import, so importing
// this module on a server (no HTMLElement) is harmless.
import { loadSetupFlow } from '../index.mjs';
import { outcomeOf } from '../runner.mjs';
import { consentFor } from './consent.mjs';
import { createElementDialog } from './qr-dialog.mjs';
import { elementStyleSheet } from './styles.mjs';
import { errorDetail, errorWithoutSecret, withoutSecret } from './event-details.mjs';
import { pickLocale, textsFor } from './texts.mjs';

export const TAG = 'setupflow-cashapp';

const ATTRIBUTES = ['publishable-key', 'client-secret', 'return-url', 'merchant-name', 'api-base', 'locale', 'mode', 'terms', 'device'];
// Fixed once a confirm started: changing them would silently change which
// intent, account or server a running (or finished) flow belongs to.
const IMMUTABLE = new Set(['publishable-key', 'client-secret', 'api-base', 'mode', 'device']);
// Changing these before a confirm means a new SetupFlow instance.
const INSTANCE = new Set(['publishable-key', 'api-base', 'device']);

const camel = (name) => name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());

/** "setup" or "payment": the mode attribute, else the secret's prefix. */
export function modeOf(mode, clientSecret) {
  if (mode === 'setup' || mode === 'payment') return mode;
  return typeof clientSecret === 'string' && clientSecret.startsWith('pi_') ? 'payment' : 'setup';
}

/** "desktop", "tablet" or "mobile" for the device attribute in this window. */
export function deviceOf(device, win) {
  if (device === 'desktop' || device === 'mobile') return device;
  const coarse = typeof win.matchMedia === 'function' && win.matchMedia('(pointer: coarse)').matches;
  const ua = (win.navigator && win.navigator.userAgent) || '';
  const shortSide = Math.min((win.screen && win.screen.width) || 0, (win.screen && win.screen.height) || 0);
  if (/iPad|Tablet/i.test(ua) || (coarse && shortSide >= 600)) return 'tablet';
  if (coarse || /Android|iPhone|iPod|Mobile/i.test(ua)) return 'mobile';
  return 'desktop';
}

// The intent id part of a client secret (not secret itself).
const intentIdOf = (secret) => String(secret).split('_secret_')[0];

function makeClass(Base) {
  return class SetupFlowCashappElement extends Base {
    static get observedAttributes() {
      return ATTRIBUTES;
    }

    constructor() {
      super();
      this._mounted = false;
      this._disconnectTimer = null;
      this._flowPromise = null; // Promise<SetupFlow|null> for the current configuration
      this._flow = null;
      this._setupFlow = null; // an instance (or promise) given by the page, e.g. by <CashAppSetup>
      this._generation = 0; // bumps on every (re)configuration; stale loads are ignored
      this._state = 'loading';
      this._locked = null; // the configuration a started confirm runs with
      this._shopperCanceled = false;
      this._consent = null;
      this._showTerms = false;
      this._built = false;
    }

    // ---- properties (reflect the attributes) ------------------------------------------
    /** The state: loading, ready, confirming, qr, redirecting, succeeded, failed, canceled, expired. */
    get state() {
      return this._state;
    }

    /** A SetupFlow instance, a promise of one, or null: used instead of publish-key/api-base. */
    get setupFlow() {
      return this._setupFlow;
    }

    set setupFlow(value) {
      if (value === this._setupFlow) return;
      if (this._locked) {
        console.warn(`<${TAG}>: setupFlow cannot change after a confirm started; the new value is ignored.`);
        return;
      }
      this._setupFlow = value || null;
      if (this._mounted) this._configure();
    }

    // ---- lifecycle ----------------------------------------------------------------------
    connectedCallback() {
      if (this._disconnectTimer !== null) {
        clearTimeout(this._disconnectTimer);
        this._disconnectTimer = null;
      }
      if (this._mounted) return; // a quick re-append: same element, same flow
      this._mounted = true;
      this._build();
      this._configure();
    }

    disconnectedCallback() {
      if (this._disconnectTimer !== null) return;
      this._disconnectTimer = setTimeout(() => {
        this._disconnectTimer = null;
        if (!this.isConnected) this._destroy();
      }, 0);
    }

    attributeChangedCallback(name, oldValue, newValue) {
      if (oldValue === newValue || !this._mounted) return;
      if (IMMUTABLE.has(name) && this._locked) {
        // Never the value: it may be a client secret.
        console.warn(`<${TAG}>: ${name} cannot change after a confirm started; the new value is ignored.`);
        return;
      }
      if (INSTANCE.has(name)) this._configure();
      else if ((name === 'client-secret' || name === 'mode' || name === 'terms') && this._flow && !this._locked) {
        this._decideTerms(this._flow, this._generation, false);
      } else this._updateTexts();
    }

    // ---- building the shadow DOM (once per element) --------------------------------------
    _build() {
      if (this._built) return;
      this._built = true;
      const doc = this.ownerDocument;
      const root = this.attachShadow({ mode: 'open' });
      root.adoptedStyleSheets = [elementStyleSheet(doc)];
      const el = (tag, attrs) => {
        const node = doc.createElement(tag);
        for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
        return node;
      };
      const container = el('div', { class: 'container', part: 'container' });
      const terms = el('p', { class: 'terms', part: 'terms', id: 'setupflow-terms' });
      const button = el('button', { class: 'pay', part: 'button', type: 'button', 'aria-disabled': 'true' });
      const status = el('p', { class: 'status', part: 'status', role: 'status', 'aria-live': 'polite' });
      terms.hidden = true;
      button.addEventListener('click', () => this._onClick());
      container.append(terms, button, status);
      root.append(container);
      this._parts = { container, terms, button, status };
      this._dialog = createElementDialog({
        doc,
        mount: container,
        texts: () => this._texts(),
        showOpenLink: () => this._device() === 'tablet',
        returnFocus: () => this._parts.button,
        onCancel: () => {
          this._shopperCanceled = true;
        },
        onShow: (qr) => this._onQr(qr),
      });
    }

    // ---- configuration ------------------------------------------------------------------
    _attr(name) {
      return this.getAttribute(name);
    }

    _locale() {
      const nav = this.ownerDocument.defaultView.navigator;
      return pickLocale(this._attr('locale'), (nav && nav.languages) || []);
    }

    _texts() {
      return textsFor(this._locale());
    }

    _device() {
      const locked = this._locked && this._locked.device;
      return locked || deviceOf(this._attr('device'), this.ownerDocument.defaultView);
    }

    _mode() {
      return modeOf(this._attr('mode'), this._attr('client-secret'));
    }

    // Makes (or re-makes) the SetupFlow instance this element confirms with.
    _configure() {
      const generation = ++this._generation;
      this._flow = null;
      this._setState('loading');
      this._updateTexts();
      const device = this._device();
      const options = {
        device: device === 'mobile' ? 'mobile' : 'desktop',
        presenter: this._dialog,
        navigate: (url) => this._navigate(url),
      };
      let promise;
      if (this._setupFlow) {
        // The page's instance, with the QR shown in this element.
        promise = Promise.resolve(this._setupFlow).then((flow) =>
          flow && typeof flow.withOptions === 'function' ? flow.withOptions(options) : flow,
        );
      } else {
        const key = this._attr('publishable-key');
        if (!key) return; // nothing to load yet; an attribute change will call again
        const apiBase = this._attr('api-base');
        promise = Promise.resolve().then(() => loadSetupFlow(key, apiBase ? { ...options, apiBase } : options));
      }
      this._flowPromise = promise;
      promise.then(
        (flow) => {
          if (generation !== this._generation || !flow) return;
          this._flow = flow;
          this._updateTexts();
          this._decideTerms(flow, generation, true);
        },
        (error) => {
          if (generation !== this._generation) return;
          this._setState('failed');
          this._announce('error', 'failed');
          this._emit('failed', { error: errorDetail(error) });
        },
      );
    }

    // terms="auto": shown for a SetupIntent, and for a PaymentIntent only when
    // it saves the account (setup_future_usage), as Stripe's Payment Element does.
    async _decideTerms(flow, generation, first) {
      const terms = this._attr('terms') || 'auto';
      const secret = this._attr('client-secret');
      let show = terms === 'always' || (terms === 'auto' && this._mode() === 'setup');
      if (terms === 'auto' && this._mode() === 'payment' && secret) {
        try {
          const result = await flow.retrievePaymentIntent(secret);
          show = !!(result.paymentIntent && result.paymentIntent.setup_future_usage);
        } catch {
          show = true; // a malformed secret fails at confirm; say too much rather than too little
        }
      }
      if (generation !== this._generation) return;
      this._showTerms = show;
      this._updateTexts();
      if (!first) return;
      this._setState('ready');
      this._emit('ready', { mode: this._mode(), locale: this._locale(), device: this._device() });
    }

    _updateTexts() {
      if (!this._parts) return;
      const t = this._texts();
      const { container, terms, button } = this._parts;
      container.setAttribute('lang', this._locale());
      button.textContent = t.button;
      const mode = (this._locked && this._locked.mode) || this._mode();
      this._consent = this._flow && this._showTerms ? consentFor(this._flow, this._locale(), this._attr('merchant-name') || '', mode) : null;
      terms.hidden = !this._consent;
      terms.textContent = this._consent ? this._consent.text : '';
      if (this._consent) button.setAttribute('aria-describedby', 'setupflow-terms');
      else button.removeAttribute('aria-describedby');
    }

    _setState(state) {
      this._state = state;
      if (!this._parts) return;
      const idle = state === 'ready' || state === 'failed' || state === 'canceled' || state === 'expired';
      this._parts.button.setAttribute('aria-disabled', String(!(idle && this._flow)));
      if (state === 'loading') this._parts.status.textContent = '';
    }

    _announce(key, kind) {
      const { status } = this._parts;
      status.className = `status ${kind || ''}`.trim();
      status.textContent = this._texts()[key];
    }

    _emit(name, detail, cancelable = false) {
      return this.dispatchEvent(new CustomEvent(`setupflow:${name}`, { detail, bubbles: true, composed: true, cancelable }));
    }

    // ---- the flow ------------------------------------------------------------------------
    async _onClick() {
      if (this._parts.button.getAttribute('aria-disabled') === 'true' || !this._flow) return;
      const secret = this._attr('client-secret');
      if (!secret) {
        console.warn(`<${TAG}>: set client-secret before the shopper confirms.`);
        return;
      }
      const flow = this._flow;
      const mode = (this._locked && this._locked.mode) || this._mode();
      this._locked = this._locked || { mode, device: this._device(), secret };
      const win = this.ownerDocument.defaultView;
      const returnUrl = this._attr('return-url') || win.location.href;
      this._shopperCanceled = false;
      this._setState('confirming');
      this._parts.status.className = 'status';
      this._parts.status.textContent = '';
      this._emit('confirm', { mode, intentId: intentIdOf(secret), consentVersion: this._consent ? this._consent.version : null });
      const data = { payment_method: { type: 'cashapp' }, return_url: returnUrl };
      let result;
      try {
        result =
          mode === 'payment'
            ? await flow.confirmCashappPayment(this._locked.secret, data)
            : await flow.confirmCashappSetup(this._locked.secret, data);
      } catch (error) {
        this._setState('failed');
        this._announce('error', 'failed');
        this._emit('failed', { error: errorDetail(error) });
        return;
      }
      this._settle(result, mode);
    }

    _settle(result, mode) {
      const key = mode === 'payment' ? 'paymentIntent' : 'setupIntent';
      const errorKey = mode === 'payment' ? 'payment_intent' : 'setup_intent';
      if (result.error) {
        const intent = result.error[errorKey] || null;
        const expired = outcomeOf(result) === 'expired';
        const state = expired ? 'expired' : 'failed';
        this._setState(state);
        this._announce(expired ? 'expired' : result.error.type === 'card_error' ? 'declined' : 'error', state);
        this._emit(state, { error: errorWithoutSecret(result.error), intent: withoutSecret(intent) });
        return;
      }
      const intent = result[key];
      if (intent.status === 'succeeded' || intent.status === 'processing' || intent.status === 'requires_capture') {
        this._setState('succeeded');
        this._announce(mode === 'payment' ? 'approvedPayment' : 'approvedSetup', 'succeeded');
        this._emit('succeeded', { mode, intent: withoutSecret(intent) });
        return;
      }
      // Still requires_action: the shopper closed the dialog (or the page did).
      this._setState('canceled');
      this._announce('canceled', 'canceled');
      this._emit('canceled', { mode, intent: withoutSecret(intent), byShopper: this._shopperCanceled });
    }

    _onQr(qr) {
      if (!this._mounted) {
        this._dialog.cancel(); // destroyed while the confirm was in flight
        return;
      }
      this._setState('qr');
      this._emit('qr', { refreshCount: qr.refreshCount, expiresAt: Math.floor(qr.expiresAtMs / 1000) });
    }

    _navigate(url) {
      this._setState('redirecting');
      this._announce('redirecting');
      // Cancelable: a page (or a native app's web view) may open Cash App itself.
      if (this._emit('redirect', { url }, true)) this.ownerDocument.defaultView.location.assign(url);
    }

    _destroy() {
      if (!this._mounted) return;
      this._mounted = false;
      this._generation++;
      if (this._dialog.open) this._dialog.cancel();
      this._flow = null;
      this._flowPromise = null;
    }
  };
}

// Reflect every attribute as a camelCase string property.
function addProperties(Class) {
  for (const name of ATTRIBUTES) {
    Object.defineProperty(Class.prototype, camel(name), {
      configurable: true,
      enumerable: true,
      get() {
        return this.getAttribute(name);
      },
      set(value) {
        if (value === null || value === undefined) this.removeAttribute(name);
        else this.setAttribute(name, String(value));
      },
    });
  }
  return Class;
}

/**
 * Registers <setupflow-cashapp> in `registry` (default: window.customElements)
 * and returns its class; does nothing (returns null) where there are no custom
 * elements, e.g. on a server. Safe to call more than once.
 */
export function defineSetupFlowCashapp(registry) {
  const target = registry || (typeof customElements !== 'undefined' ? customElements : null);
  if (!target || typeof HTMLElement === 'undefined') return null;
  const existing = target.get(TAG);
  if (existing) return existing;
  const Class = addProperties(makeClass(HTMLElement));
  target.define(TAG, Class);
  return Class;
}
