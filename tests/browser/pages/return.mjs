// The shop's return page: verifies the outcome with handleReturn() (which
// retrieves the intent; redirect_status in the URL is only a hint).
import { loadSetupFlow } from '/dist/setupflow.mjs';

const output = document.getElementById('result');
const flow = await loadSetupFlow('pk_test_setupflowsandbox', { apiBase: location.origin });
try {
  const result = await flow.handleReturn();
  window.returnResult = JSON.parse(JSON.stringify(result));
  const intent = result.setupIntent || result.paymentIntent;
  output.textContent = result.error ? `error: ${result.error.code || result.error.type}` : `status: ${intent.status}`;
} catch (error) {
  window.returnResult = { thrown: error.name, message: error.message };
  output.textContent = `thrown: ${error.name}`;
}
