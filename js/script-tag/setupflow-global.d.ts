// Types for the script-tag build (dist/setupflow.js): the global SetupFlow.
// Copied to dist/setupflow-global.d.ts by scripts/build-script-tag.mjs.
// Reference them from a page's TypeScript with
//   /// <reference types="setupflow/setupflow.js" />
// The instance mirrors the ES module's (./setupflow.d.ts), except that it
// exists before the wasm has loaded: consentText resolves instead of
// returning, and withOptions returns a sibling at once.
import type {
  ConfirmCashappData,
  ConfirmOptions,
  ConsentText,
  IntegrationError as ModuleIntegrationError,
  LoadSetupFlowOptions,
  PaymentIntentResult,
  ReturnResult,
  SetupFlow as ModuleSetupFlow,
  SetupIntentResult,
} from './setupflow.js'; // dist/setupflow.d.ts, next to this file in dist/

export interface ScriptTagSetupFlow {
  confirmCashappSetup(clientSecret: string, data: ConfirmCashappData, options?: ConfirmOptions): Promise<SetupIntentResult>;
  confirmCashappPayment(clientSecret: string, data: ConfirmCashappData, options?: ConfirmOptions): Promise<PaymentIntentResult>;
  retrieveSetupIntent(clientSecret: string): Promise<SetupIntentResult>;
  retrievePaymentIntent(clientSecret: string): Promise<PaymentIntentResult>;
  handleNextAction(args: { clientSecret: string }): Promise<SetupIntentResult | PaymentIntentResult>;
  handleReturn(url?: string | URL): Promise<ReturnResult>;
  /** As the ES module's, once the wasm is here. */
  consentText(locale?: string, merchantName?: string, mode?: 'setup' | 'payment'): Promise<ConsentText>;
  /** A sibling at once; a bad option rejects its calls. */
  withOptions(options: Parameters<ModuleSetupFlow['withOptions']>[0]): ScriptTagSetupFlow;
}

export interface SetupFlowGlobal {
  /**
   * An instance at once. Throws IntegrationError for a secret (sk_) or
   * restricted (rk_) key or a bad option, before anything is fetched.
   * The wasm defaults to setupflow.wasm next to setupflow.js.
   */
  (publishableKey: string, options?: LoadSetupFlowOptions): ScriptTagSetupFlow;
  readonly version: string;
  readonly IntegrationError: typeof ModuleIntegrationError;
}

declare global {
  var SetupFlow: SetupFlowGlobal;
}
