// Entry of dist/moto-element.mjs: importing it registers <setupflow-moto> when
// the page has custom elements (nothing happens on a server), as
// dist/element.mjs does for <setupflow-cashapp>.
import { defineSetupFlowMoto } from './index.mjs';

export { defineSetupFlowMoto, TAG } from './index.mjs';

defineSetupFlowMoto();
