// Type tests for dist/setupflow-element.d.ts (the script-tag drop-in): the
// global SetupFlow and <setupflow-cashapp> are both typed for a page that
// references it, and misuse does not compile.
import type { SetupFlowCashappElement } from '../../../dist/setupflow-element.js';

export function dropInPage(): string | null {
  const element = document.querySelector('setupflow-cashapp');
  if (!element) return null;
  const typed: SetupFlowCashappElement = element;
  typed.clientSecret = 'seti_1_secret_2';
  typed.addEventListener('setupflow:succeeded', (event) => void event.detail.intent.id);
  // @ts-expect-error: state is read-only
  typed.state = 'ready';
  void SetupFlow('pk_test_123').retrieveSetupIntent('seti_1_secret_2');
  return typed.state;
}
