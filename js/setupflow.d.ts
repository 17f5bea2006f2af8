// Types for setupflow (hand-written; the runtime is js/index.mjs + the wasm core).
// Field names on the wire objects are Stripe's, in snake_case.

export declare const version: string;
/** SHA-256 (hex) of dist/setupflow.wasm, computed at build time. */
export declare const wasmSha256: string;

/** Thrown (or rejected with) when the page misuses the API; no request was sent. */
export declare class IntegrationError extends Error {
  readonly name: 'IntegrationError';
  readonly type: 'integration_error';
  readonly code?: string;
  readonly param?: string;
}

export interface LoadSetupFlowOptions {
  /** Default 'https://api.stripe.com'. Plain http only for a local sandbox. */
  apiBase?: string;
  /** 'auto' (default: the first of navigator.languages the package speaks), or e.g. 'en', 'fr', 'fr-CA'. */
  locale?: string;
  /** Where setupflow.wasm lives. Default: next to the module (same origin). */
  wasmUrl?: string | URL;
  /**
   * 'auto' (default): a phone (coarse pointer or a phone user agent) is
   * redirected to Cash App; a tablet (an iPad or tablet user agent, or a
   * coarse pointer on a screen at least 600 px on its short side) gets the
   * QR, with an "Open Cash App" link, as a desktop does.
   */
  device?: 'auto' | 'desktop' | 'mobile';
  /** Advanced/testing: the wasm bytes, so nothing is fetched (Node tests). */
  wasmBinary?: ArrayBuffer | ArrayBufferView;
  /** Advanced/testing: replaces globalThis.fetch for API calls. */
  fetch?: typeof fetch;
  /** Advanced: replaces the built-in QR dialog (e.g. a custom element). */
  presenter?: QrPresenter;
  /** Advanced/testing: replaces location.assign for the mobile redirect. */
  navigate?: (url: string) => void;
}

/** What a presenter is asked to show; svgPath fits a viewBox of size + 8. */
export interface QrDisplay {
  data: string;
  svgPath: string;
  size: number;
  expiresAtMs: number;
  hostedInstructionsUrl: string;
  mobileAuthUrl: string;
  /** Fallback image when svgPath is empty. */
  imageUrlSvg: string;
  /** 0 for the first QR of a session, then 1, 2, … on each refresh. */
  refreshCount: number;
}

export interface QrPresenter {
  /**
   * Optional: called once a desktop confirm's request is on its way, before
   * any show(), to build (invisibly) what the first QR needs, so it paints as
   * soon as the API answers. hide() follows even when no QR is shown.
   */
  prepare?(): void;
  /** Called for the first QR and for every refresh; call controls.cancel() when the shopper closes it. */
  show(qr: QrDisplay, controls: { cancel(): void }): void;
  hide(): void;
}

export type ErrorType =
  | 'api_error'
  | 'card_error'
  | 'idempotency_error'
  | 'invalid_request_error'
  | 'authentication_error'
  | 'rate_limit_error'
  | 'api_connection_error'
  | 'validation_error';

export interface SetupFlowError {
  type: ErrorType;
  code?: string;
  message: string;
  param?: string;
  decline_code?: string;
  doc_url?: string;
  /** HTTP status when the API answered. */
  statusCode?: number;
  setup_intent?: SetupIntent;
  payment_intent?: PaymentIntent;
}

export interface CashappQrCode {
  expires_at: number;
  image_url_png: string;
  image_url_svg: string;
  /** The raw payload the QR encodes (setupflow's sandbox always sends it). */
  data?: string;
}

export interface CashappHandleRedirectOrDisplayQrCode {
  hosted_instructions_url: string;
  mobile_auth_url: string;
  qr_code: CashappQrCode;
}

export type NextAction =
  | {
      type: 'cashapp_handle_redirect_or_display_qr_code';
      cashapp_handle_redirect_or_display_qr_code: CashappHandleRedirectOrDisplayQrCode;
    }
  | { type: string; [key: string]: unknown };

export type IntentStatus =
  | 'requires_payment_method'
  | 'requires_confirmation'
  | 'requires_action'
  | 'processing'
  | 'requires_capture'
  | 'canceled'
  | 'succeeded';

export interface LastError {
  type?: string;
  code?: string;
  decline_code?: string;
  message?: string;
  param?: string;
}

interface IntentBase {
  id: string;
  client_secret: string | null;
  status: IntentStatus;
  payment_method: string | { id: string; [key: string]: unknown } | null;
  payment_method_types: string[];
  next_action: NextAction | null;
  cancellation_reason: string | null;
  livemode: boolean;
  created: number;
  [key: string]: unknown;
}

export interface SetupIntent extends IntentBase {
  object: 'setup_intent';
  usage: 'off_session' | 'on_session';
  last_setup_error: LastError | null;
}

export interface PaymentIntent extends IntentBase {
  object: 'payment_intent';
  amount: number;
  currency: string;
  setup_future_usage: 'off_session' | 'on_session' | null;
  capture_method: string;
  statement_descriptor: string | null;
  last_payment_error: LastError | null;
}

export interface ConfirmCashappData {
  /** {type: 'cashapp'} (default) makes a new PaymentMethod; 'pm_…' reuses one. */
  payment_method?: { type: 'cashapp' } | string;
  /** Required: absolute https URL (http only for loopback hosts). */
  return_url: string;
  /** Accepted for Stripe.js compatibility; setupflow always sends online acceptance inferred from the client. */
  mandate_data?: object;
}

export interface ConfirmOptions {
  /** false: resolve as soon as the confirm answers, with next_action untouched. */
  handleActions?: boolean;
}

export type SetupIntentResult = { setupIntent: SetupIntent; error?: undefined } | { setupIntent?: undefined; error: SetupFlowError };
export type PaymentIntentResult =
  | { paymentIntent: PaymentIntent; error?: undefined }
  | { paymentIntent?: undefined; error: SetupFlowError };

export type ReturnResult = (SetupIntentResult | PaymentIntentResult) & {
  /** The redirect_status hint from the URL; the intent's status is the outcome. */
  redirectStatus?: string;
};

export interface SetupFlow {
  /**
   * Desktop: shows a QR dialog (refreshed as it expires) and resolves when the
   * shopper approves, declines, cancels or the session ends. Mobile: redirects
   * to Cash App and never settles. A second confirm while one runs rejects
   * with IntegrationError.
   */
  confirmCashappSetup(clientSecret: string, data: ConfirmCashappData, options?: ConfirmOptions): Promise<SetupIntentResult>;
  confirmCashappPayment(clientSecret: string, data: ConfirmCashappData, options?: ConfirmOptions): Promise<PaymentIntentResult>;
  retrieveSetupIntent(clientSecret: string): Promise<SetupIntentResult>;
  retrievePaymentIntent(clientSecret: string): Promise<PaymentIntentResult>;
  handleNextAction(args: { clientSecret: string }): Promise<SetupIntentResult | PaymentIntentResult>;
  /** Parses the return parameters (default: location.href) and retrieves the intent. */
  handleReturn(url?: string | URL): Promise<ReturnResult>;
  /**
   * The Cash App Pay authorisation text from the core, to show before the first
   * save. locale: default the instance's; mode 'payment' for a payment that
   * saves the account. An empty merchantName gives a neutral wording.
   */
  consentText(locale?: string, merchantName?: string, mode?: 'setup' | 'payment'): ConsentText;
  /** Advanced: a sibling instance (same core, key and apiBase) with these options replaced. */
  withOptions(options: Pick<LoadSetupFlowOptions, 'presenter' | 'navigate' | 'device' | 'locale'>): SetupFlow;
}

export interface ConsentText {
  /** The locale used after fallback, e.g. 'fr' for 'fr-CA'. */
  locale: string;
  /** The text's version id, recorded with the acceptance. */
  version: string;
  text: string;
}

/**
 * Loads the core once per page. Throws IntegrationError synchronously for a
 * secret (sk_) or restricted (rk_) key; resolves null without a window.
 */
export declare function loadSetupFlow(publishableKey: string, options?: LoadSetupFlowOptions): Promise<SetupFlow | null>;
