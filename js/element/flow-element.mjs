// FlowElement: what every setupflow element shares, whatever its flow.
//
//   attributes   reflected as camelCase string properties; `immutable` ones
//                are fixed once the flow started (a warning, never the value:
//                it may be a secret); `instance` ones make a new instance
//   lifecycle    as in react-stripe-js: connected → mount, attribute change →
//                update, disconnected → destroy, deferred by a task so a quick
//                remove + re-append keeps the same running flow
//   instance     the subclass's (_makeInstance: a SetupFlow for Cash App, a
//                MOTO console for the reader flow), remade when an `instance`
//                attribute changes, stale loads ignored
//   state        `state`, and the primary button enabled only while idle
//   events       setupflow:* CustomEvents that bubble out of the shadow root
//   live region  a polite status line that announces outcomes
//   dialog       an element that needs a modal builds it with modal.mjs (focus,
//                Tab cycle, Escape, the dialog-aside slot), as qr-dialog.mjs does
//
// A flow element is a subclass (cashapp-element.mjs, ../moto/moto-element.mjs)
// that describes itself in `static get spec()`: {tag, attributes, immutable
// (fixed while its flow runs), instance (a change makes a new instance),
// idle? (states from which the button starts again; default ready, failed,
// canceled, expired), css? (its own rules, after the shared sheet)};
// reflectAttributes(Class) makes the attributes' properties; it is
// registered by defineFlowElement, and fills in the hooks:
//   _texts()              its words in this._locale()
//   _buildContent(el)     its nodes: {nodes, parts}; parts.button is the primary action
//   _makeInstance()       a promise of its instance, or null while attributes are missing
//   _onLoaded(instance, generation)  the instance is here: decide, then this._becomeReady(detail)
//   _onAttribute(name)    an attribute that is neither `instance` nor locked changed
//   _updateTexts()        re-render its words (call super first)
//   _teardown()           the element is gone for good (cancel what runs)
//
// On a server (no window) the classes extend an empty class and are never
// registered, so importing the element modules there is harmless.
import { deviceOf, localeOf } from '../platform.mjs';
import { adoptableSheet, elementStyleSheet } from './styles.mjs';
import { errorDetail } from './event-details.mjs';
import { makeNode } from '../dialog.mjs';

// The states in which the primary button may start the flow (again), unless
// the subclass's spec lists its own (spec.idle).
const IDLE = ['ready', 'failed', 'canceled', 'expired'];

const camel = (name) => name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());

// window.HTMLElement, read through window: a server has neither.
const HTMLElementBase = typeof window !== 'undefined' && window.HTMLElement ? window.HTMLElement : class {};

export class FlowElement extends HTMLElementBase {
  static get observedAttributes() {
    return this.spec.attributes;
  }

  constructor() {
    super();
    this._mounted = false;
    this._disconnectTimer = null;
    this._flowPromise = null; // Promise<instance|null> for the current configuration
    this._flow = null; // the instance, once loaded
    this._generation = 0; // bumps on every (re)configuration; stale loads are ignored
    this._state = 'loading';
    this._locked = null; // the configuration a started flow runs with
    this._built = false;
  }

  /** The element's state (element.d.ts lists each flow's). */
  get state() {
    return this._state;
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
    const { tag, immutable, instance } = this.constructor.spec;
    if (immutable.includes(name) && this._locked) {
      // Never the value: it may be a client secret.
      console.warn(`<${tag}>: ${name} cannot change after a confirm started; the new value is ignored.`);
      return;
    }
    if (instance.includes(name)) this._configure();
    else this._onAttribute(name);
  }

  _destroy() {
    if (!this._mounted) return;
    this._mounted = false;
    this._generation++;
    this._teardown();
    this._flow = null;
    this._flowPromise = null;
  }

  // ---- the shadow DOM (built once per element) ------------------------------------------
  _build() {
    if (this._built) return;
    this._built = true;
    const doc = this.ownerDocument;
    const root = this.attachShadow({ mode: 'open' });
    const { css } = this.constructor.spec; // a flow's own rules, after the shared ones
    root.adoptedStyleSheets = css ? [elementStyleSheet(doc), adoptableSheet(doc, css)] : [elementStyleSheet(doc)];
    const el = (tag, attrs) => makeNode(doc, tag, attrs);
    const container = el('div', { class: 'container', part: 'container' });
    const status = el('p', { class: 'status', part: 'status', role: 'status', 'aria-live': 'polite' });
    root.append(container);
    // The subclass's content may mount its dialog in the container, so
    // parts exist before it builds.
    this._parts = { container, status };
    const content = this._buildContent(el);
    container.append(...content.nodes, status);
    Object.assign(this._parts, content.parts);
  }

  // ---- configuration ------------------------------------------------------------------
  _attr(name) {
    return this.getAttribute(name);
  }

  _locale() {
    return localeOf(this._attr('locale'), this.ownerDocument.defaultView.navigator);
  }

  /** "desktop", "tablet" or "mobile": the device attribute, or the one the flow started on. */
  _device() {
    const locked = this._locked && this._locked.device;
    return locked || deviceOf(this._attr('device'), this.ownerDocument.defaultView);
  }

  // Makes (or re-makes) the instance this element works with.
  _configure() {
    const generation = ++this._generation;
    this._flow = null;
    this._setState('loading');
    this._updateTexts();
    const made = this._makeInstance();
    if (!made) return; // nothing to load yet; an attribute change will call again
    const promise = Promise.resolve(made);
    this._flowPromise = promise;
    promise.then(
      (flow) => {
        if (generation !== this._generation || !flow) return;
        this._flow = flow;
        this._updateTexts();
        this._onLoaded(flow, generation);
      },
      (error) => {
        if (generation !== this._generation) return;
        this._fail(error);
      },
    );
  }

  _becomeReady(detail) {
    this._setState('ready');
    this._emit('ready', detail);
  }

  // ---- state, words, events ---------------------------------------------------------------
  _updateTexts() {
    if (this._parts) this._parts.container.setAttribute('lang', this._locale());
  }

  _setState(state) {
    this._state = state;
    if (!this._parts) return;
    const { button, status } = this._parts;
    const idle = this.constructor.spec.idle || IDLE;
    if (button) button.setAttribute('aria-disabled', String(!(idle.includes(state) && this._flow)));
    if (state === 'loading') status.textContent = '';
  }

  /** Says texts[key] in the live region; `kind` styles it (succeeded, failed, …). */
  _announce(key, kind) {
    const { status } = this._parts;
    status.className = `status ${kind || ''}`.trim();
    status.textContent = this._texts()[key];
  }

  _clearAnnouncement() {
    this._parts.status.className = 'status';
    this._parts.status.textContent = '';
  }

  _emit(name, detail, cancelable = false) {
    return this.dispatchEvent(new CustomEvent(`setupflow:${name}`, { detail, bubbles: true, composed: true, cancelable }));
  }

  /** A thrown error (misuse, a failed load): state failed, said, and setupflow:failed. */
  _fail(error) {
    this._setState('failed');
    this._announce('error', 'failed');
    this._emit('failed', { error: errorDetail(error) });
  }
}

/** Reflects each attribute of a flow element class's spec as a camelCase string property. */
export function reflectAttributes(Class) {
  for (const name of Class.spec.attributes) {
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
 * Registers a flow element class (a FlowElement subclass) in `registry`
 * (default: window.customElements) under its spec's tag and returns the
 * class registered there; returns null where there are no custom elements (a
 * server). `loadOptions` are the element's to use when it loads its instance
 * (the script-tag build gives its wasmUrl, which Cash App's adds to every
 * loadSetupFlow() it makes)
 * (the script-tag build gives its wasmUrl). Safe to call more than once.
 */
export function defineFlowElement(Class, registry, loadOptions) {
  const target = registry || (typeof customElements !== 'undefined' ? customElements : null);
  if (!target || typeof HTMLElement === 'undefined') return null;
  const existing = target.get(Class.spec.tag);
  if (existing) return existing;
  Class.loadOptions = loadOptions || {};
  target.define(Class.spec.tag, Class);
  return Class;
}
