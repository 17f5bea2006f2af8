// <setupflow-moto>: the agent's console for saving a card keyed in on a
// Terminal reader during a mail or telephone order (MOTO).
//
//   <setupflow-moto endpoint="/moto" customer="cus_…" agent="Sam Lee"
//     merchant-name="Acme Supplies" schedule="on the 1st of each month"></setupflow-moto>
//
// Shows the readers with their live status, the terms to read to the caller
// (from the C++ core, versioned), a required "the customer agreed" checkbox
// and an optional "offer this card at future checkouts" one (Stripe's
// allow_redisplay), then start → "key the card on the reader" → the saved
// card (brand •••• last4, expiry) or a clear error, with Cancel (or Escape)
// at any time. It talks only to the merchant's server at `endpoint`
// (docs/moto.md), never to Stripe. Attributes, lifecycle, state, events and
// the live region are FlowElement's (../element/flow-element.mjs).
import { FlowElement, defineFlowElement, reflectAttributes } from '../element/flow-element.mjs';
import { loadMoto } from './console.mjs';
import { createReaderList } from './reader-list.mjs';
import { brandName, fill, motoTextsFor, own } from './texts.mjs';
import { MOTO_CSS } from './styles.mjs';
import { errorDetail } from '../element/event-details.mjs';

export const TAG = 'setupflow-moto';

const TERMS_ATTRIBUTES = ['merchant-name', 'schedule', 'amounts', 'cancellation'];
const READERS_REFRESH_MS = 10000; // while idle and visible

const SPEC = {
  tag: TAG,
  attributes: ['endpoint', 'customer', 'agent', 'channel', 'locale', 'reader', ...TERMS_ATTRIBUTES],
  // Fixed while a card is being saved: they are in the consent record sent.
  immutable: ['endpoint', 'customer', 'agent', 'channel', ...TERMS_ATTRIBUTES],
  instance: ['endpoint'],
  // The agent can save another card after any ending (a new agreement each time).
  idle: ['ready', 'succeeded', 'declined', 'failed', 'canceled', 'expired'],
  css: MOTO_CSS,
};

/** What a saveCard result means for the element: its state and what it says. */
export function motoStateOf(result, texts) {
  const error = result.error;
  switch (result.outcome) {
    case 'succeeded': {
      const card = result.card;
      const expiry = `${String(card.exp_month).padStart(2, '0')}/${card.exp_year}`;
      return { state: 'succeeded', said: fill(texts.saved, { brand: brandName(card.brand), last4: card.last4, expiry }) };
    }
    case 'declined': {
      const reasons = texts.declineReasons;
      const reason = (error && (own(reasons, error.decline_code) || own(reasons, error.code))) || reasons.generic;
      return { state: 'declined', said: fill(texts.declined, { reason }) };
    }
    case 'canceled':
      return { state: 'canceled', said: error && error.code === 'customer_canceled' ? texts.customerCanceled : texts.canceled };
    case 'expired':
      return { state: 'expired', said: texts.expired };
    default:
      return { state: 'failed', said: (error && own(texts.errors, error.code)) || texts.errors.generic };
  }
}

export class SetupFlowMotoElement extends FlowElement {
  static get spec() {
    return SPEC;
  }

  constructor() {
    super();
    this._transport = null;
    this._abort = null; // the running save's AbortController
    this._refreshTimer = null;
    this._progress = null; // the last progress the core reported
  }

  /** A fetch-compatible function for pages with their own client (CSRF headers, …); null: fetch. */
  get transport() {
    return this._transport;
  }

  set transport(value) {
    if (value === this._transport) return;
    if (this._locked) {
      console.warn(`<${TAG}>: transport cannot change while a card is being saved; the new value is ignored.`);
      return;
    }
    this._transport = typeof value === 'function' ? value : null;
    if (this._mounted) this._configure();
  }

  _texts() {
    return motoTextsFor(this._locale());
  }

  _makeInstance() {
    const endpoint = this._attr('endpoint');
    if (!endpoint) return null;
    const options = { ...this.constructor.loadOptions, endpoint, locale: this._locale() };
    if (this._transport) options.transport = this._transport;
    return Promise.resolve().then(() => loadMoto(options));
  }

  _buildContent(el) {
    this._readers = createReaderList(el, { onChange: () => this._clearAnnouncement() });
    this._readers.refreshButton.addEventListener('click', () => this._refreshReaders());
    const terms = el('section', { class: 'moto-terms', part: 'terms', 'aria-labelledby': 'setupflow-terms-title' });
    const termsTitle = el('p', { class: 'terms-title', id: 'setupflow-terms-title' });
    const termsText = el('p', { class: 'terms-text', part: 'terms-text', id: 'setupflow-terms-text' });
    const termsVersion = el('p', { class: 'terms-version', part: 'terms-version' });
    terms.append(termsTitle, termsText, termsVersion);
    const agreed = this._checkbox(el, 'agreed', { 'aria-describedby': 'setupflow-terms-text', required: '' });
    const offer = this._checkbox(el, 'offer');
    const button = el('button', { class: 'pay', part: 'button', type: 'button', 'aria-disabled': 'true' });
    button.addEventListener('click', () => this._onStart());
    const progress = el('div', { class: 'progress', part: 'progress' });
    const cancel = el('button', { class: 'cancel', part: 'cancel', type: 'button' });
    cancel.addEventListener('click', () => this._cancel());
    progress.append(cancel);
    progress.hidden = true;
    this.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this._abort) {
        event.preventDefault();
        this._cancel();
      }
    });
    const nodes = [this._readers.node, terms, agreed.label, offer.label, button, progress];
    const parts = { terms, termsTitle, termsText, termsVersion, agreed: agreed.input, agreedText: agreed.text };
    return { nodes, parts: { ...parts, offer: offer.input, offerText: offer.text, button, progress, cancel } };
  }

  _checkbox(el, name, attrs) {
    const label = el('label', { class: `check ${name}`, part: name });
    const input = el('input', { type: 'checkbox', ...attrs });
    const text = el('span');
    input.addEventListener('change', () => input.removeAttribute('aria-invalid'));
    label.append(input, text);
    return { label, input, text };
  }

  _onLoaded(moto, generation) {
    this._updateTexts();
    this._refreshReaders().then(() => {
      if (generation === this._generation) this._becomeReady({ locale: this._locale(), termsVersion: this._terms().version });
    });
  }

  _onAttribute(name) {
    if (name === 'reader') this._readers.select(this._attr('reader'));
    else if (name === 'customer' && !this._locked && this._flow) {
      this._clearAnnouncement(); // a new caller: the last one's result is not theirs
      this._setState('ready');
    } else this._updateTexts();
  }

  _teardown() {
    if (this._abort) this._abort.abort();
    clearTimeout(this._refreshTimer);
    this._refreshTimer = null;
  }

  // The terms as the core words them for the attributes' parts and the locale.
  _terms() {
    return this._flow.terms(this._termsParts(), this._locale());
  }

  _updateTexts() {
    super._updateTexts();
    if (!this._parts) return;
    const t = this._texts();
    const p = this._parts;
    this._readers.setTexts(t);
    p.termsTitle.textContent = t.termsTitle;
    p.agreedText.textContent = t.agreed;
    p.offerText.textContent = t.offer;
    p.button.textContent = t.start;
    p.cancel.textContent = t.cancel;
    const terms = this._flow ? this._terms() : null;
    p.terms.hidden = !terms;
    p.termsText.textContent = terms ? terms.text : '';
    p.termsVersion.textContent = terms ? fill(t.termsVersion, { version: terms.version }) : '';
    if (this._progress) this._sayProgress(this._progress);
  }

  // ---- readers -----------------------------------------------------------------------
  // Loads the list now, then every READERS_REFRESH_MS while the element is idle
  // and the page visible.
  async _refreshReaders() {
    clearTimeout(this._refreshTimer);
    this._refreshTimer = null;
    const moto = this._flow;
    if (!moto) return;
    const generation = this._generation;
    const answer = await moto.listReaders();
    if (generation !== this._generation || !this._mounted) return;
    if (answer.error) this._readers.failed(motoStateOf({ outcome: 'error', error: answer.error }, this._texts()).said);
    else this._readers.show(answer.readers, this._attr('reader'));
    this._refreshTimer = setTimeout(() => {
      const hidden = this.ownerDocument.visibilityState === 'hidden';
      if (this._abort || hidden) this._refreshTimer = setTimeout(() => this._refreshReaders(), READERS_REFRESH_MS);
      else this._refreshReaders();
    }, READERS_REFRESH_MS);
  }

  // ---- saving a card -------------------------------------------------------------------
  // What must hold before anything is sent; says what is missing and moves
  // focus there. True when the save may start.
  _readyToStart(reader) {
    const p = this._parts;
    if (!reader) {
      this._say(this._texts().chooseReader, 'failed');
      this._readers.focus();
      return false;
    }
    if (!this._attr('customer')) {
      this._say(this._texts().missingCustomer, 'failed');
      return false;
    }
    if (!p.agreed.checked) {
      p.agreed.setAttribute('aria-invalid', 'true');
      this._say(this._texts().consentRequired, 'failed');
      p.agreed.focus();
      return false;
    }
    return true;
  }

  async _onStart() {
    const p = this._parts;
    if (p.button.getAttribute('aria-disabled') === 'true' || !this._flow) return;
    const reader = this._readers.selected();
    if (!this._readyToStart(reader)) return;
    const moto = this._flow;
    const terms = this._terms();
    const locked = { customer: this._attr('customer'), agent: this._attr('agent') || '', channel: this._attr('channel') || 'telephone' };
    this._locked = locked;
    this._abort = new AbortController();
    this._progress = null;
    this._setRunning(true);
    this._emit('start', { reader, customer: locked.customer, termsVersion: terms.version, offerAtFutureCheckouts: p.offer.checked });
    let result;
    try {
      result = await moto.saveCard(
        { reader, ...locked, locale: this._locale(), terms: this._termsParts(), agreed: true, offerAtFutureCheckouts: p.offer.checked },
        { onProgress: (progress) => this._onProgress(progress), signal: this._abort.signal },
      );
    } catch (error) {
      this._endRun();
      this._fail(error);
      return;
    }
    this._endRun();
    this._settle(result);
  }

  _termsParts() {
    const [merchantName, schedule, amounts, cancellation] = TERMS_ATTRIBUTES.map((name) => this._attr(name) || '');
    return { merchantName, schedule, amounts, cancellation };
  }

  _onProgress(progress) {
    if (!this._mounted) return;
    this._progress = progress;
    this._setState(progress.phase === 'waiting' ? 'waiting' : progress.phase);
    this._sayProgress(progress);
    this._emit('progress', progress);
  }

  _sayProgress(progress) {
    const t = this._texts();
    const reader = this._readers.reader(progress.readerId);
    const name = reader && reader.label ? reader.label : progress.readerId;
    const key = progress.phase === 'waiting' && progress.readerStatus === 'offline' ? 'readerOffline' : progress.phase;
    const text = fill(own(t, key) || t.starting, { reader: name });
    if (this._parts.status.textContent !== text) this._say(text, '');
  }

  _cancel() {
    if (this._abort) this._abort.abort();
  }

  _setRunning(running) {
    const p = this._parts;
    this._readers.setDisabled(running);
    p.agreed.disabled = running;
    p.offer.disabled = running;
    p.progress.hidden = !running;
    if (running) {
      this._setState('starting');
      p.cancel.focus();
    }
  }

  // A save ended, whatever its result: the next card needs a new agreement.
  _endRun() {
    const p = this._parts;
    const hadFocus = this.shadowRoot.activeElement === p.cancel;
    this._abort = null;
    this._locked = null;
    this._progress = null;
    p.agreed.checked = false;
    p.offer.checked = false;
    this._setRunning(false);
    if (hadFocus) p.button.focus();
    this._refreshReaders();
  }

  _settle(result) {
    const { state, said } = motoStateOf(result, this._texts());
    this._setState(state);
    this._say(said, state === 'succeeded' ? 'succeeded' : 'failed');
    const objects = { setupIntent: result.setupIntent, reader: result.reader };
    if (state === 'succeeded') this._emit('succeeded', { ...objects, card: result.card });
    else if (state === 'canceled') this._emit('canceled', { ...objects, byCustomer: !!result.error });
    else this._emit(state, { error: result.error, ...objects });
  }

  // A thrown error (misuse, a failed load, a consent the core refused): said
  // in the agent's words, and setupflow:failed with the error.
  _fail(error) {
    const t = this._texts();
    this._setState('failed');
    this._say(error && error.code === 'consent_not_collected' ? t.consentRequired : t.errors.generic, 'failed');
    this._emit('failed', { error: errorDetail(error) });
  }

  _say(text, kind) {
    const { status } = this._parts;
    status.className = `status ${kind || ''}`.trim();
    status.textContent = text;
  }
}
reflectAttributes(SetupFlowMotoElement);

/**
 * Registers <setupflow-moto> in `registry` (default: window.customElements)
 * and returns its class; does nothing (returns null) where there are no
 * custom elements, e.g. on a server. Safe to call more than once.
 * `loadOptions` ({wasmUrl}) go to every loadMoto() the element makes.
 */
export function defineSetupFlowMoto(registry, loadOptions) {
  return defineFlowElement(SetupFlowMotoElement, registry, loadOptions);
}
