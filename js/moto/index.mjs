// Entry of dist/moto.mjs (setupflow/moto): the agent's console for saving a
// card keyed in on a Terminal reader (MOTO). loadMoto for pages that build
// their own console, and <setupflow-moto> (registered by
// defineSetupFlowMoto(), or on import of dist/moto-element.mjs). Its own
// wasm (setupflow-moto.wasm): a checkout page loads none of this. Importing
// it touches no DOM and registers nothing.
export { loadMoto } from './console.mjs';
export { IntegrationError } from '../errors.mjs';
export { SetupFlowMotoElement, defineSetupFlowMoto, motoStateOf, TAG } from './moto-element.mjs';
export { MOTO_TEXTS } from './texts.mjs';
