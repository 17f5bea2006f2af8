// Loader checks: a wasmUrl override, and a retry after a failed load.
//   window.tryLoad(wasmUrl) → 'loaded' | 'failed: <error name>'
import { loadSetupFlow } from '/dist/setupflow.mjs';

window.tryLoad = (wasmUrl) =>
  loadSetupFlow('pk_test_setupflowsandbox', { apiBase: location.origin, wasmUrl }).then(
    (flow) => (flow && typeof flow.confirmCashappSetup === 'function' ? 'loaded' : 'no instance'),
    (error) => `failed: ${error && error.name}`,
  );
window.loaderReady = true;
