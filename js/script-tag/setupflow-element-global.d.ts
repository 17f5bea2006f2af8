// Types for the script-tag drop-in (dist/setupflow-element.js): the global
// SetupFlow, exactly as dist/setupflow.js's (./setupflow-global.d.ts), and
// <setupflow-cashapp>, registered by the script (./element.d.ts: its
// attributes, properties and setupflow:* events). Copied to
// dist/setupflow-element.d.ts by scripts/build-script-tag.mjs. Reference them
// from a page's TypeScript with
//   /// <reference types="setupflow/setupflow-element.js" />
export type { ScriptTagSetupFlow, SetupFlowGlobal } from './setupflow-global.js';
export type {
  SetupFlowCashappElement,
  SetupFlowCashappState,
  SetupFlowEventMap,
  SetupFlowMode,
} from './element.js';
