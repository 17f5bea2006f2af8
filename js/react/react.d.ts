// Types for setupflow/react (dist/react.mjs; hand-written, the runtime is
// js/react/index.mjs). React is a peer dependency.
import type { ReactElement, ReactNode } from 'react';
import type { PaymentIntent, SetupFlow, SetupFlowError, SetupIntent } from './setupflow.js';
import type {
  SetupFlowCanceledDetail,
  SetupFlowEventIntent,
  SetupFlowConfirmDetail,
  SetupFlowFailedDetail,
  SetupFlowQrDetail,
  SetupFlowReadyDetail,
  SetupFlowSucceededDetail,
} from './element.js';

export interface SetupFlowProviderProps {
  /** An instance, a promise of one (from loadSetupFlow), or null while not known. Fixed once set. */
  setupFlow: SetupFlow | Promise<SetupFlow | null> | null;
  children?: ReactNode;
}

export declare function SetupFlowProvider(props: SetupFlowProviderProps): ReactElement;

/** The provider's instance, or null until its promise resolves. Throws outside a provider. */
export declare function useSetupFlow(): SetupFlow | null;

export interface CashAppSetupProps {
  clientSecret: string;
  /** Default: the page's own URL. */
  returnUrl?: string;
  merchantName?: string;
  locale?: string;
  mode?: 'setup' | 'payment';
  terms?: 'auto' | 'always' | 'never';
  device?: 'auto' | 'desktop' | 'mobile';
  /** Only without a SetupFlowProvider. */
  publishableKey?: string;
  /** Only without a SetupFlowProvider. */
  apiBase?: string;
  /** On the wrapping <div>. */
  className?: string;
  /** On the wrapping <div>. */
  id?: string;
  /**
   * The element's light-DOM children (client only): give one slot="dialog-aside"
   * to show it inside the QR dialog, after the QR and countdown; its links and
   * buttons join the dialog's Tab cycle. Not rendered while the dialog is closed.
   */
  children?: ReactNode;
  onSuccess?: (intent: SetupFlowEventIntent, detail: SetupFlowSucceededDetail) => void;
  /** Declined, expired, or an API, network or integration error. */
  onError?: (error: SetupFlowFailedDetail['error'], detail: SetupFlowFailedDetail) => void;
  onCancel?: (detail: SetupFlowCanceledDetail) => void;
  onReady?: (detail: SetupFlowReadyDetail) => void;
  onConfirm?: (detail: SetupFlowConfirmDetail) => void;
  onQr?: (detail: SetupFlowQrDetail) => void;
}

export declare function CashAppSetup(props: CashAppSetupProps): ReactElement;

export type { SetupFlow, SetupFlowError, SetupIntent, PaymentIntent };
