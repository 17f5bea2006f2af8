// setupflow/moto/react: <MotoSetup>, which wraps <setupflow-moto>, made by the
// same factory as <CashAppSetup> (../react/element-component.mjs).
//
//   <MotoSetup endpoint="/moto" customer={customerId} agent={agentName}
//     merchantName="Acme Supplies" schedule="on the 1st of each month"
//     onSuccess={(card, detail) => …} onError={(error) => …} />
import { TAG, defineSetupFlowMoto } from './index.mjs';
import { createElementComponent } from '../react/element-component.mjs';

export const MotoSetup = createElementComponent(TAG, {
  displayName: 'MotoSetup',
  define: () => defineSetupFlowMoto(),
  props: {
    endpoint: 'endpoint',
    customer: 'customer',
    agent: 'agent',
    channel: 'channel',
    locale: 'locale',
    reader: 'reader',
    merchantName: 'merchant-name',
    schedule: 'schedule',
    amounts: 'amounts',
    cancellation: 'cancellation',
  },
  properties: ['transport'],
  events: {
    'setupflow:ready': { prop: 'onReady' },
    'setupflow:start': { prop: 'onStart' },
    'setupflow:progress': { prop: 'onProgress' },
    'setupflow:succeeded': { prop: 'onSuccess', lead: 'card' },
    'setupflow:declined': { prop: 'onDecline', lead: 'error' },
    'setupflow:failed': { prop: 'onError', lead: 'error' },
    'setupflow:expired': { prop: 'onExpire', lead: 'error' },
    'setupflow:canceled': { prop: 'onCancel' },
  },
});
