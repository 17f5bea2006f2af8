// Type tests for dist/setupflow-global.d.ts (the script-tag build's global
// SetupFlow): a page's TypeScript must compile, and misuse must not (the
// check fails if a line marked as an expected error compiles).
import type {} from '../../../dist/setupflow-global.js';

export async function scriptTagPage(clientSecret: string): Promise<string> {
  // An instance at once, before the wasm has loaded.
  const flow = SetupFlow('pk_test_123', { apiBase: 'http://127.0.0.1:4242', locale: 'fr' });
  const { setupIntent, error } = await flow.confirmCashappSetup(clientSecret, {
    payment_method: { type: 'cashapp' },
    return_url: 'https://shop.example/return',
  });
  if (error) return error.type;
  const consent = await flow.consentText('fr-CA', 'Rocket Rides');
  void consent.version;
  const mobile = flow.withOptions({ device: 'mobile' });
  void (await mobile.retrievePaymentIntent('pi_1_secret_2')).paymentIntent?.amount;
  void (await flow.handleReturn(new URL('https://shop.example/return'))).redirectStatus;
  const e: InstanceType<typeof SetupFlow.IntegrationError> = new SetupFlow.IntegrationError('x');
  void e.type, SetupFlow.version.length;
  return setupIntent.status;
}

export function scriptTagMisuse(flow: ReturnType<typeof SetupFlow>) {
  // @ts-expect-error the global needs a publishable key
  SetupFlow();
  // @ts-expect-error consentText resolves later in the script-tag build
  const text: string = flow.consentText('en').text;
  void text;
  // @ts-expect-error withOptions cannot change the server
  flow.withOptions({ apiBase: 'https://elsewhere.example' });
  // @ts-expect-error the version is read-only
  SetupFlow.version = "0";
}
