// The script-tag drop-in (dist/setupflow-element.js): everything
// dist/setupflow.js gives (window.SetupFlow), and <setupflow-cashapp>
// registered at once, for pages that use no modules:
//
//   <script src="/dist/setupflow-element.js"></script>
//   <setupflow-cashapp publishable-key="pk_test_…" client-secret="seti_…_secret_…"
//     return-url="https://shop.example/return" merchant-name="Rocket Rides"></setupflow-cashapp>
//
// The element behaves as dist/element.mjs's does (same code, element.d.ts);
// its wasm is the setupflow.wasm next to this script. A separate file from
// setupflow.js so pages that do not want the element do not load it.
import { defineSetupFlowCashapp } from '../element/cashapp-element.mjs';
import { installSetupFlowGlobal } from './global.mjs';
import { wasmUrlNextToScript } from './script-url.mjs';

installSetupFlowGlobal();

// Without a <script src> (inlined, or bundled again) the loader has no URL
// to take the wasm from: the element reports that as setupflow:failed.
defineSetupFlowCashapp(undefined, wasmUrlNextToScript ? { wasmUrl: wasmUrlNextToScript } : {});
