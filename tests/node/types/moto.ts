// Type tests for dist/moto.d.ts, moto-element.d.ts and moto-react.d.ts: what
// an integrator writes must compile, and misuse must not.
import { IntegrationError, loadMoto, defineSetupFlowMoto } from '../../../dist/moto.js';
import type { MotoCard, SaveCardResult, SetupFlowMotoElement } from '../../../dist/moto.js';
import { TAG } from '../../../dist/moto-element.js';
import { MotoSetup } from '../../../dist/moto-react.js';
import type { MotoSetupProps } from '../../../dist/moto-react.js';

export async function agentConsole(customer: string): Promise<string> {
  const moto = await loadMoto({ endpoint: '/moto', locale: 'auto' });
  if (!moto) return 'server';
  const terms = moto.terms({ merchantName: 'Acme Supplies', schedule: 'on the 1st of each month' }, 'fr');
  const version: string = terms.version;
  const list = await moto.listReaders();
  if (list.error) return list.error.message;
  const reader = list.readers[0];
  const controller = new AbortController();
  const result: SaveCardResult = await moto.saveCard(
    { reader: reader.id, customer, agent: 'Sam Lee', agreed: true, offerAtFutureCheckouts: true, channel: 'mail' },
    { onProgress: (p) => void p.phase, signal: controller.signal },
  );
  if (result.outcome === 'succeeded' && result.card) {
    const card: MotoCard = result.card;
    return `${card.brand} ${card.last4} ${card.exp_month}/${card.exp_year} ${version}`;
  }
  // @ts-expect-error agreed is a boolean, not a string
  await moto.saveCard({ reader: reader.id, customer, agent: 'Sam', agreed: 'yes' });
  // @ts-expect-error the channel is telephone or mail
  await moto.saveCard({ reader: reader.id, customer, agent: 'Sam', agreed: true, channel: 'fax' });
  // @ts-expect-error the endpoint is required
  await loadMoto({ locale: 'en' });
  return result.error ? result.error.code ?? 'error' : result.outcome;
}

export function element(): string {
  defineSetupFlowMoto();
  const el: SetupFlowMotoElement = document.createElement('setupflow-moto');
  el.customer = 'cus_123';
  el.transport = (input, init) => fetch(input, { ...init, headers: { ...init.headers, 'X-CSRF-Token': 't' } });
  el.addEventListener('setupflow:succeeded', (event) => void event.detail.card.last4);
  el.addEventListener('setupflow:failed', (event) => void event.detail.error.code);
  // @ts-expect-error state is read-only
  el.state = 'ready';
  return TAG;
}

export const props: MotoSetupProps = {
  endpoint: '/moto',
  customer: 'cus_123',
  agent: 'Sam Lee',
  onSuccess: (card) => void card.last4,
  onDecline: (error) => void error.decline_code,
};
export const component = MotoSetup;
export const isIntegrationError = (e: unknown) => e instanceof IntegrationError;
