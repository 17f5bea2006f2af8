// Entry of dist/element.mjs: importing it registers <setupflow-cashapp> when
// the page has custom elements (nothing happens on a server). The main
// package (dist/setupflow.mjs) never registers anything by itself.
import { defineSetupFlowCashapp } from './cashapp-element.mjs';

export { defineSetupFlowCashapp, TAG } from './cashapp-element.mjs';

defineSetupFlowCashapp();
