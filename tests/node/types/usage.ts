// Type tests for dist/setupflow.d.ts: what an integrator writes must compile,
// and misuse must not (each @ts-expect-error fails the check if the line
// compiles). Checked by tests/node/types.test.mjs with tsc --noEmit.
import { IntegrationError, loadSetupFlow, version, wasmSha256 } from '../../../dist/setupflow.js';
import type { PaymentIntent, SetupIntent, QrPresenter } from '../../../dist/setupflow.js';
import type { SetupFlowEventMap } from '../../../dist/element.js';

export async function checkout(clientSecret: string): Promise<string> {
  const flow = await loadSetupFlow('pk_test_123', { apiBase: 'http://127.0.0.1:4242', locale: 'auto', device: 'desktop' });
  if (!flow) return 'server';
  const { setupIntent, error } = await flow.confirmCashappSetup(clientSecret, {
    payment_method: { type: 'cashapp' },
    return_url: 'https://shop.example/return',
  });
  if (error) return error.type;
  const si: SetupIntent = setupIntent;
  const action = si.next_action;
  if (action && action.type === 'cashapp_handle_redirect_or_display_qr_code') {
    const qr = (action as Extract<typeof action, { type: 'cashapp_handle_redirect_or_display_qr_code' }>)
      .cashapp_handle_redirect_or_display_qr_code.qr_code;
    const expires: number = qr.expires_at;
    void expires;
  }
  const paid = await flow.confirmCashappPayment(clientSecret, { payment_method: 'pm_123', return_url: 'https://x.example' }, { handleActions: false });
  if (paid.paymentIntent) {
    const pi: PaymentIntent = paid.paymentIntent;
    void pi.amount;
  }
  const back = await flow.handleReturn();
  void back.redirectStatus;
  void (await flow.handleNextAction({ clientSecret }));
  void (await flow.retrieveSetupIntent(clientSecret)).setupIntent?.status;
  const consent = flow.consentText('fr-CA', 'Rocket Rides', 'payment');
  const consentLines: string[] = [consent.locale, consent.version, consent.text];
  void consentLines;
  const inElement = flow.withOptions({ device: 'mobile', locale: 'fr' });
  void (await inElement.confirmCashappSetup(clientSecret, { return_url: 'https://shop.example/return' })).setupIntent;
  const err = new IntegrationError('x');
  void err.type;
  void version.length, wasmSha256.length;
  return si.status;
}

export async function misuse(flow: NonNullable<Awaited<ReturnType<typeof loadSetupFlow>>>) {
  // @ts-expect-error return_url is required
  await flow.confirmCashappSetup('seti_1_secret_2', { payment_method: { type: 'cashapp' } });
  // @ts-expect-error only Cash App payment methods
  await flow.confirmCashappSetup('seti_1_secret_2', { payment_method: { type: 'card' }, return_url: 'https://x' });
  // @ts-expect-error handleActions is a boolean
  await flow.confirmCashappSetup('seti_1_secret_2', { return_url: 'https://x' }, { handleActions: 'no' });
  // @ts-expect-error device has three values
  await loadSetupFlow('pk_test_1', { device: 'tablet' });
  // @ts-expect-error handleNextAction takes an object
  await flow.handleNextAction('seti_1_secret_2');
  // @ts-expect-error consent modes are "setup" and "payment"
  flow.consentText('en', 'Rocket Rides', 'subscription');
  // @ts-expect-error withOptions cannot change the key or the server
  flow.withOptions({ apiBase: 'https://elsewhere.example' });
  const presenter: QrPresenter = { show(qr) { void qr.svgPath; }, hide() {} };
  void presenter;
}

// Element events: the intent without its client secret, the QR without its
// approval URLs (any script on the page can listen).
export function onElementEvents(succeeded: SetupFlowEventMap['setupflow:succeeded'], qr: SetupFlowEventMap['setupflow:qr']): string {
  // Events never carry the client secret: the type says it is absent.
  const secret: undefined = succeeded.detail.intent.client_secret;
  void secret;
  // @ts-expect-error nor a QR's bearer approval URL
  void qr.detail.mobileAuthUrl;
  const id: string = succeeded.detail.intent.id;
  const status: SetupIntent['status'] | PaymentIntent['status'] = succeeded.detail.intent.status;
  return `${id} ${status} ${qr.detail.expiresAt}`;
}
