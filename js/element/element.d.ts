// Types for <setupflow-cashapp> (dist/element.mjs; hand-written, the runtime
// is js/element/). Importing the module registers the element when the page
// has custom elements.
import type { LoadSetupFlowOptions, PaymentIntent, SetupFlow, SetupFlowError, SetupIntent } from './setupflow.js';

export type SetupFlowCashappState =
  | 'loading'
  | 'ready'
  | 'confirming'
  | 'qr'
  | 'redirecting'
  | 'succeeded'
  | 'failed'
  | 'canceled'
  | 'expired';

export type SetupFlowMode = 'setup' | 'payment';

/**
 * An intent as events carry it: every field the API sent except
 * `client_secret`, which is absent (any script on the page can listen to
 * events).
 */
export type SetupFlowEventIntent = WithoutClientSecret<SetupIntent> | WithoutClientSecret<PaymentIntent>;
type WithoutClientSecret<T> = { [K in keyof T as K extends 'client_secret' ? never : K]: T[K] } & { client_secret?: undefined };

/** detail of setupflow:ready: the element can confirm. */
export interface SetupFlowReadyDetail {
  mode: SetupFlowMode;
  /** The locale the element speaks ('en' or 'fr'), after 'auto' was resolved. */
  locale: string;
  device: 'desktop' | 'tablet' | 'mobile';
}

/** detail of setupflow:confirm: the shopper pressed the button; the confirm request is being sent. */
export interface SetupFlowConfirmDetail {
  mode: SetupFlowMode;
  /** The intent id (seti_… / pi_…), never the client secret. */
  intentId: string;
  /** Version id of the authorisation text shown, or null when none was shown. */
  consentVersion: string | null;
}

/** detail of setupflow:qr: a QR code is shown (first one, then each refresh). */
export interface SetupFlowQrDetail {
  /** 0 for the first code, then 1, 2, … */
  refreshCount: number;
  /** Unix seconds when this code expires (a fresh one follows). */
  expiresAt: number;
}

/** detail of setupflow:redirect (cancelable: preventDefault() to open Cash App yourself). */
export interface SetupFlowRedirectDetail {
  url: string;
}

export interface SetupFlowSucceededDetail {
  mode: SetupFlowMode;
  intent: SetupFlowEventIntent;
}

/** detail of setupflow:failed (declined, an API or network error, or misuse) and setupflow:expired. */
export interface SetupFlowFailedDetail {
  error: SetupFlowError | { type: 'integration_error'; code?: string; message: string };
  /** The intent as the API last described it, when there is one. */
  intent?: SetupFlowEventIntent | null;
}

export interface SetupFlowCanceledDetail {
  mode: SetupFlowMode;
  /** Still requires_action: the shopper may try again. */
  intent: SetupFlowEventIntent;
  /** true when the shopper closed the dialog (Escape or Cancel). */
  byShopper: boolean;
}

export interface SetupFlowEventMap {
  'setupflow:ready': CustomEvent<SetupFlowReadyDetail>;
  'setupflow:confirm': CustomEvent<SetupFlowConfirmDetail>;
  'setupflow:qr': CustomEvent<SetupFlowQrDetail>;
  'setupflow:redirect': CustomEvent<SetupFlowRedirectDetail>;
  'setupflow:succeeded': CustomEvent<SetupFlowSucceededDetail>;
  'setupflow:failed': CustomEvent<SetupFlowFailedDetail>;
  'setupflow:canceled': CustomEvent<SetupFlowCanceledDetail>;
  'setupflow:expired': CustomEvent<SetupFlowFailedDetail>;
}

/**
 * <setupflow-cashapp>. Slot: `dialog-aside`, the page's content shown inside
 * the QR dialog while it is open, after the QR and countdown (e.g. a help
 * link): light-DOM children with slot="dialog-aside". Their links, buttons
 * and inputs (not disabled, not hidden, tabindex not -1) join the dialog's
 * Tab / Shift+Tab cycle in document order before its own stops; Escape still
 * cancels. The slot exists only while the dialog is open, so these children
 * are not rendered otherwise. Its wrapper is the part `dialog-aside`; the page
 * styles its own content (it inherits the dialog's font, colour and colour
 * scheme). Other parts: container, terms, button, status, backdrop, dialog,
 * title, qr, countdown, open-link, dialog-status, cancel.
 */
export interface SetupFlowCashappElement extends HTMLElement {
  publishableKey: string | null;
  clientSecret: string | null;
  /** Default: the page's own URL. */
  returnUrl: string | null;
  merchantName: string | null;
  apiBase: string | null;
  /** 'auto' (default: navigator.languages), 'en', 'fr', 'fr-CA', … */
  locale: string | null;
  /** Default: inferred from the client secret (seti_ → setup, pi_ → payment). */
  mode: SetupFlowMode | null;
  /** 'auto' (default): shown for setup, and for payments that save the account. */
  terms: 'auto' | 'always' | 'never' | null;
  /** 'auto' (default): a coarse pointer on a small screen is mobile, on a large one a tablet. */
  device: 'auto' | 'desktop' | 'mobile' | null;
  /** An instance (or a promise of one) to confirm with instead of publishable-key/api-base. */
  setupFlow: SetupFlow | Promise<SetupFlow | null> | null;
  readonly state: SetupFlowCashappState;
  addEventListener<K extends keyof SetupFlowEventMap>(
    type: K,
    listener: (this: SetupFlowCashappElement, event: SetupFlowEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof SetupFlowEventMap>(
    type: K,
    listener: (this: SetupFlowCashappElement, event: SetupFlowEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

export declare const TAG: 'setupflow-cashapp';

/**
 * Registers <setupflow-cashapp> (default registry: window.customElements) and
 * returns its class; null where there are no custom elements (a server).
 * `loadOptions` are added to every loadSetupFlow() the element makes (e.g.
 * wasmUrl; the script-tag drop-in passes the wasm next to its script).
 */
export declare function defineSetupFlowCashapp(
  registry?: CustomElementRegistry,
  loadOptions?: Pick<LoadSetupFlowOptions, 'wasmUrl'>,
): { new (): SetupFlowCashappElement; prototype: SetupFlowCashappElement } | null;

declare global {
  interface HTMLElementTagNameMap {
    'setupflow-cashapp': SetupFlowCashappElement;
  }
}
