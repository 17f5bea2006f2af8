// <setupflow-cashapp>: the drop-in Cash App Pay element.
//
//   <setupflow-cashapp publishable-key="pk_test_…" client-secret="seti_…_secret_…"
//     return-url="https://shop.example/return" merchant-name="Rocket Rides"></setupflow-cashapp>
//
// Shows the authorisation text (from the C++ core), a Cash App Pay button,
// then the QR dialog (desktop; tablets also get an "Open Cash App" link) or
// the redirect (mobile), a countdown to the next QR, and the outcome; and
// dispatches setupflow:* events (element.d.ts). Attributes, lifecycle,
// loading, state, events and the live region are FlowElement's
// (flow-element.mjs); this file is what is Cash App's.
import { cashappTextsFor } from '../texts.mjs';
import { outcomeOf } from '../runner.mjs';
import { consentFor } from './consent.mjs';
import { createElementDialog } from './qr-dialog.mjs';
import { errorWithoutSecret, withoutSecret } from './event-details.mjs';
import { FlowElement, defineFlowElement, reflectAttributes } from './flow-element.mjs';
import { coreDevice } from '../platform.mjs';
import { loadSetupFlow } from '../index.mjs';

export const TAG = 'setupflow-cashapp';

const SPEC = {
  tag: TAG,
  attributes: ['publishable-key', 'client-secret', 'return-url', 'merchant-name', 'api-base', 'locale', 'mode', 'terms', 'device'],
  // Fixed once a confirm started: changing them would silently change which
  // intent, account or server a running (or finished) flow belongs to.
  immutable: ['publishable-key', 'client-secret', 'api-base', 'mode', 'device'],
  // Changing these before a confirm means a new SetupFlow instance.
  instance: ['publishable-key', 'api-base', 'device'],
};

/** "setup" or "payment": the mode attribute, else the secret's prefix. */
export function modeOf(mode, clientSecret) {
  if (mode === 'setup' || mode === 'payment') return mode;
  return typeof clientSecret === 'string' && clientSecret.startsWith('pi_') ? 'payment' : 'setup';
}

// The intent id part of a client secret (not secret itself).
const intentIdOf = (secret) => String(secret).split('_secret_')[0];

/**
 * What a confirm's result means for the element: its state, what the live
 * region says (a key of the texts), and the intent. The core's outcome
 * decides (runner.mjs's outcomeOf): processing counts as succeeded, and a
 * closed dialog (canceled with the intent still requires_action) as canceled.
 */
export function stateOf(result, mode) {
  const intent = result.error
    ? result.error[mode === 'payment' ? 'payment_intent' : 'setup_intent'] || null
    : result[mode === 'payment' ? 'paymentIntent' : 'setupIntent'];
  switch (outcomeOf(result)) {
    case 'succeeded':
    case 'processing':
      return { state: 'succeeded', said: mode === 'payment' ? 'approvedPayment' : 'approvedSetup', intent };
    case 'expired':
      return { state: 'expired', said: 'expired', intent };
    case 'declined':
      return { state: 'failed', said: 'declined', intent };
    default:
      // An error (HTTP, network, an intent in a state the flow cannot act
      // on, a cancel before any intent was known), or the shopper's cancel.
      return result.error ? { state: 'failed', said: 'error', intent } : { state: 'canceled', said: 'canceled', intent };
  }
}

export class SetupFlowCashappElement extends FlowElement {
  static get spec() {
    return SPEC;
  }

  constructor() {
    super();
    this._setupFlow = null; // an instance (or promise) given by the page, e.g. by React
    this._shopperCanceled = false;
    this._consent = null;
    this._showTerms = false;
  }

  /** A SetupFlow instance, a promise of one, or null: used instead of publishable-key/api-base. */
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

  _texts() {
    return cashappTextsFor(this._locale());
  }

  // The page's instance (with what the shopper sees kept in this element), or
  // one loaded from publishable-key and api-base.
  _makeInstance() {
    const options = this._instanceOptions();
    if (this._setupFlow) {
      return Promise.resolve(this._setupFlow).then((flow) =>
        flow && typeof flow.withOptions === 'function' ? flow.withOptions(options) : flow,
      );
    }
    const key = this._attr('publishable-key');
    if (!key) return null;
    const apiBase = this._attr('api-base');
    const load = { ...this.constructor.loadOptions, ...options };
    return Promise.resolve().then(() => loadSetupFlow(key, apiBase ? { ...load, apiBase } : load));
  }

  _mode() {
    return modeOf(this._attr('mode'), this._attr('client-secret'));
  }

  _buildContent(el) {
    const terms = el('p', { class: 'terms', part: 'terms', id: 'setupflow-terms' });
    const button = el('button', { class: 'pay', part: 'button', type: 'button', 'aria-disabled': 'true' });
    terms.hidden = true;
    button.addEventListener('click', () => this._onClick());
    this._dialog = createElementDialog({
      doc: this.ownerDocument,
      mount: this._parts.container,
      texts: () => this._texts(),
      showOpenLink: () => this._device() === 'tablet',
      returnFocus: () => this._parts.button,
      onCancel: () => {
        this._shopperCanceled = true;
      },
      onShow: (qr) => this._onQr(qr),
    });
    return { nodes: [terms, button], parts: { terms, button } };
  }

  _instanceOptions() {
    return { device: coreDevice(this._device()), presenter: this._dialog, navigate: (url) => this._navigate(url) };
  }

  async _onLoaded(flow, generation) {
    if (await this._decideTerms(flow, generation)) {
      this._becomeReady({ mode: this._mode(), locale: this._locale(), device: this._device() });
    }
  }

  _onAttribute(name) {
    if ((name === 'client-secret' || name === 'mode' || name === 'terms') && this._flow && !this._locked) {
      this._decideTerms(this._flow, this._generation);
    } else this._updateTexts();
  }

  _teardown() {
    if (this._dialog.open) this._dialog.cancel();
  }

  // terms="auto": shown for a SetupIntent, and for a PaymentIntent only when
  // it saves the account (setup_future_usage), as Stripe's Payment Element does.
  // Resolves false when a newer configuration took over meanwhile.
  async _decideTerms(flow, generation) {
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
    if (generation !== this._generation) return false;
    this._showTerms = show;
    this._updateTexts();
    return true;
  }

  _updateTexts() {
    super._updateTexts();
    if (!this._parts) return;
    const { terms, button } = this._parts;
    button.textContent = this._texts().button;
    const mode = (this._locked && this._locked.mode) || this._mode();
    this._consent = this._flow && this._showTerms ? consentFor(this._flow, this._locale(), this._attr('merchant-name') || '', mode) : null;
    terms.hidden = !this._consent;
    terms.textContent = this._consent ? this._consent.text : '';
    if (this._consent) button.setAttribute('aria-describedby', 'setupflow-terms');
    else button.removeAttribute('aria-describedby');
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
    const returnUrl = this._attr('return-url') || this.ownerDocument.defaultView.location.href;
    this._shopperCanceled = false;
    this._setState('confirming');
    this._clearAnnouncement();
    this._emit('confirm', { mode, intentId: intentIdOf(secret), consentVersion: this._consent ? this._consent.version : null });
    const data = { payment_method: { type: 'cashapp' }, return_url: returnUrl };
    let result;
    try {
      result =
        mode === 'payment'
          ? await flow.confirmCashappPayment(this._locked.secret, data)
          : await flow.confirmCashappSetup(this._locked.secret, data);
    } catch (error) {
      this._fail(error);
      return;
    }
    this._settle(result, mode);
  }

  _settle(result, mode) {
    const { state, said, intent } = stateOf(result, mode);
    this._setState(state);
    this._announce(said, state);
    if (result.error) this._emit(state, { error: errorWithoutSecret(result.error), intent: withoutSecret(intent) });
    else if (state === 'succeeded') this._emit(state, { mode, intent: withoutSecret(intent) });
    // Still requires_action: the shopper closed the dialog (or the page did).
    else this._emit(state, { mode, intent: withoutSecret(intent), byShopper: this._shopperCanceled });
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
}
reflectAttributes(SetupFlowCashappElement);

/**
 * Registers <setupflow-cashapp> in `registry` (default: window.customElements)
 * and returns its class; does nothing (returns null) where there are no custom
 * elements, e.g. on a server. Safe to call more than once. `loadOptions` go to
 * every loadSetupFlow() the element makes (the script-tag build's wasmUrl).
 */
export function defineSetupFlowCashapp(registry, loadOptions) {
  return defineFlowElement(SetupFlowCashappElement, registry, loadOptions);
}
