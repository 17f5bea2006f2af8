// Types for setupflow/moto/element (dist/moto-element.mjs): importing it
// registers <setupflow-moto> when the page has custom elements.
export { defineSetupFlowMoto, TAG } from './moto.js';
