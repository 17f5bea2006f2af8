// Types for setupflow/moto/react (dist/moto-react.mjs; the runtime is
// js/moto/react.mjs). React is a peer dependency.
import type { ReactElement, ReactNode } from 'react';
import type {
  LoadMotoOptions,
  MotoCanceledDetail,
  MotoCard,
  MotoError,
  MotoFailedDetail,
  MotoProgress,
  MotoReadyDetail,
  MotoStartDetail,
  MotoSucceededDetail,
} from './moto.js';

export interface MotoSetupProps {
  endpoint: string;
  customer: string;
  agent: string;
  channel?: 'telephone' | 'mail';
  locale?: string;
  /** A reader to preselect, tmr_… */
  reader?: string;
  merchantName?: string;
  schedule?: string;
  amounts?: string;
  cancellation?: string;
  transport?: LoadMotoOptions['transport'];
  onReady?: (detail: MotoReadyDetail) => void;
  onStart?: (detail: MotoStartDetail) => void;
  onProgress?: (detail: MotoProgress) => void;
  onSuccess?: (card: MotoCard, detail: MotoSucceededDetail) => void;
  onDecline?: (error: MotoError, detail: MotoFailedDetail) => void;
  onError?: (error: MotoError, detail: MotoFailedDetail) => void;
  onExpire?: (error: MotoError, detail: MotoFailedDetail) => void;
  onCancel?: (detail: MotoCanceledDetail) => void;
  /** On the wrapping <div>. */
  className?: string;
  id?: string;
  children?: ReactNode;
}

export declare function MotoSetup(props: MotoSetupProps): ReactElement;
