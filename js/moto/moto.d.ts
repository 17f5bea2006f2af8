// Types for setupflow/moto (dist/moto.mjs; hand-written, the runtime is
// js/moto/): the agent's console for saving a card keyed in on a Terminal
// reader during a mail or telephone order. Importing it registers nothing;
// setupflow/moto/element registers <setupflow-moto>.

export declare class IntegrationError extends Error {
  readonly name: 'IntegrationError';
  readonly type: 'integration_error';
  readonly code?: string;
  readonly param?: string;
}

export interface LoadMotoOptions {
  /** Your server's MOTO routes (docs/moto.md), absolute or relative to the page, e.g. '/moto'. */
  endpoint: string;
  /** 'auto' (default: the browser's languages), 'en', 'fr', 'fr-CA', … */
  locale?: string;
  /** A fetch-compatible function for pages with their own client (CSRF headers, …). Default: fetch, with the page's cookies. */
  transport?: (input: string, init: RequestInit) => Promise<Response>;
  /** Default: setupflow-moto.wasm next to dist/moto.mjs. */
  wasmUrl?: string | URL;
  /** The wasm's bytes (tests, offline). */
  wasmBinary?: ArrayBuffer | ArrayBufferView;
}

/** The parts of the terms only the merchant knows; each optional (a neutral wording otherwise). */
export interface MotoTermsParts {
  merchantName?: string;
  /** When and how often: 'on the 1st of each month'. */
  schedule?: string;
  /** How amounts are set: 'the price of each order, shipping included'. */
  amounts?: string;
  /** How to cancel: 'calling 0800 123 456'. */
  cancellation?: string;
}

export interface MotoTerms {
  /** The locale used ('en' or 'fr'). */
  locale: string;
  /** The wording's version, e.g. 'moto-2026-12-en', kept in the consent record. */
  version: string;
  text: string;
}

export interface MotoReaderAction {
  type: string;
  status: 'in_progress' | 'succeeded' | 'failed';
  failure_code: string | null;
  failure_message: string | null;
  setup_intent: string | null;
}

export interface MotoReader {
  id: string;
  label: string | null;
  status: 'online' | 'offline';
  device_type: string;
  location: string | null;
  action: MotoReaderAction | null;
}

export interface MotoSetupIntent {
  id: string;
  status: string;
  last_setup_error: { code: string | null; decline_code: string | null; message: string | null } | null;
}

export interface MotoCard {
  /** The saved PaymentMethod, pm_… */
  id: string;
  brand: string;
  last4: string;
  exp_month: number;
  exp_year: number;
  allow_redisplay: 'always' | 'limited' | 'unspecified' | null;
}

export interface MotoError {
  type: string;
  code?: string;
  decline_code?: string;
  message: string;
  param?: string;
  statusCode?: number;
}

export interface SaveCardRequest {
  /** The reader the agent keys the card on, tmr_… */
  reader: string;
  /** The Customer the card is saved to, cus_… */
  customer: string;
  /** Who took the agreement (a name or an id); in the consent record. */
  agent: string;
  /** True only once the agent read the terms and the customer agreed; false: nothing is sent (IntegrationError consent_not_collected). */
  agreed: boolean;
  /** The customer asked for the card at future checkouts: allow_redisplay 'always' (else 'limited'). */
  offerAtFutureCheckouts?: boolean;
  channel?: 'telephone' | 'mail';
  /** The terms' locale; default the console's. */
  locale?: string;
  terms?: MotoTermsParts;
}

export type MotoPhase = 'starting' | 'waiting' | 'canceling';

export interface MotoProgress {
  phase: MotoPhase;
  readerId: string;
  readerStatus: 'online' | 'offline';
  setupIntentId: string | null;
}

export interface SaveCardOptions {
  onProgress?: (progress: MotoProgress) => void;
  /** Aborting cancels the reader's action (Cancel at any time). */
  signal?: AbortSignal;
}

export type MotoOutcome = 'succeeded' | 'declined' | 'canceled' | 'expired' | 'error';

export interface SaveCardResult {
  outcome: MotoOutcome;
  setupIntent: MotoSetupIntent | null;
  reader: MotoReader | null;
  /** The saved card when outcome is 'succeeded'. */
  card: MotoCard | null;
  /**
   * Why it did not succeed: code terminal_reader_busy, terminal_reader_offline,
   * terminal_reader_timeout, reader_lost, customer_canceled, moto_setup_timeout,
   * a decline (card_declined, expired_card, …), api_connection_error, or your server's.
   */
  error: MotoError | null;
}

export interface MotoConsole {
  readonly locale: string;
  terms(parts?: MotoTermsParts, locale?: string): MotoTerms;
  listReaders(): Promise<{ readers: MotoReader[]; error?: undefined } | { error: MotoError; readers?: undefined }>;
  saveCard(request: SaveCardRequest, options?: SaveCardOptions): Promise<SaveCardResult>;
}

/** Resolves null where there is no window (server rendering). */
export declare function loadMoto(options: LoadMotoOptions): Promise<MotoConsole | null>;

export type SetupFlowMotoState =
  | 'loading'
  | 'ready'
  | 'starting'
  | 'waiting'
  | 'canceling'
  | 'succeeded'
  | 'declined'
  | 'failed'
  | 'canceled'
  | 'expired';

export interface MotoReadyDetail {
  locale: string;
  termsVersion: string;
}
export interface MotoStartDetail {
  reader: string;
  customer: string;
  termsVersion: string;
  offerAtFutureCheckouts: boolean;
}
export interface MotoSucceededDetail {
  setupIntent: MotoSetupIntent | null;
  reader: MotoReader | null;
  card: MotoCard;
}
export interface MotoFailedDetail {
  error: MotoError;
  setupIntent?: MotoSetupIntent | null;
  reader?: MotoReader | null;
}
export interface MotoCanceledDetail {
  setupIntent: MotoSetupIntent | null;
  reader: MotoReader | null;
  /** True when the customer canceled on the reader. */
  byCustomer: boolean;
}

export interface SetupFlowMotoEventMap {
  'setupflow:ready': CustomEvent<MotoReadyDetail>;
  'setupflow:start': CustomEvent<MotoStartDetail>;
  'setupflow:progress': CustomEvent<MotoProgress>;
  'setupflow:succeeded': CustomEvent<MotoSucceededDetail>;
  'setupflow:declined': CustomEvent<MotoFailedDetail>;
  'setupflow:failed': CustomEvent<MotoFailedDetail>;
  'setupflow:expired': CustomEvent<MotoFailedDetail>;
  'setupflow:canceled': CustomEvent<MotoCanceledDetail>;
}

export declare class SetupFlowMotoElement extends HTMLElement {
  readonly state: SetupFlowMotoState;
  endpoint: string | null;
  customer: string | null;
  agent: string | null;
  channel: string | null;
  locale: string | null;
  reader: string | null;
  merchantName: string | null;
  schedule: string | null;
  amounts: string | null;
  cancellation: string | null;
  /** A fetch-compatible function; null: fetch. */
  transport: LoadMotoOptions['transport'] | null;
  addEventListener<K extends keyof SetupFlowMotoEventMap>(
    type: K,
    listener: (this: SetupFlowMotoElement, event: SetupFlowMotoEventMap[K]) => void,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

export declare const TAG: 'setupflow-moto';

/** Registers <setupflow-moto>; null where there are no custom elements. Safe to call more than once. */
export declare function defineSetupFlowMoto(
  registry?: CustomElementRegistry,
  loadOptions?: Pick<LoadMotoOptions, 'wasmUrl'>,
): typeof SetupFlowMotoElement | null;

export declare const MOTO_TEXTS: Record<string, Record<string, unknown>>;

export declare function motoStateOf(
  result: SaveCardResult,
  texts: Record<string, unknown>,
): { state: SetupFlowMotoState; said: string };

declare global {
  interface HTMLElementTagNameMap {
    'setupflow-moto': SetupFlowMotoElement;
  }
}
