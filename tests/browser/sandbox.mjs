// What the specs need from the sandbox, through its secret-key API (as a
// merchant's server would call it).
import { PNG } from 'pngjs';
import jsQR from 'jsqr';

export const SECRET_KEY = 'sk_test_setupflowsandbox';

export async function api(baseURL, method, path, form) {
  const response = await fetch(new URL(path, baseURL), {
    method,
    headers: { Authorization: `Bearer ${SECRET_KEY}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form ? new URLSearchParams(form).toString() : undefined,
  });
  const body = await response.json();
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${JSON.stringify(body.error)}`);
  return body;
}

export const createSetupIntent = (baseURL) => api(baseURL, 'POST', '/v1/setup_intents', { 'payment_method_types[]': 'cashapp' });

export const createPaymentIntent = (baseURL, amount = 2599) =>
  api(baseURL, 'POST', '/v1/payment_intents', { amount: String(amount), currency: 'usd', 'payment_method_types[]': 'cashapp' });

export const retrieveSetupIntent = (baseURL, id) => api(baseURL, 'GET', `/v1/setup_intents/${id}`);

export const advanceClock = (baseURL, seconds) => api(baseURL, 'POST', '/v1/test_helpers/advance_clock', { seconds: String(seconds) });

export const qrPayload = (intent) => intent.next_action.cashapp_handle_redirect_or_display_qr_code.qr_code.data;

// The QR dialog's elements (Playwright locators pierce the open shadow root).
export const dialogOf = (page) => page.locator('[data-setupflow="qr-dialog"] [role="dialog"]');

// Decodes the QR as the page rendered it: a screenshot of the dialog's SVG,
// read with jsQR.
export async function decodeRenderedQr(page) {
  const png = PNG.sync.read(await dialogOf(page).locator('svg').screenshot());
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  return code ? code.data : null;
}

// Terminal (the MOTO specs): a location with one simulated reader, a
// customer, and what the test helpers do to a reader.
export async function terminalSetup(baseURL, label = 'Desk 1') {
  const location = await api(baseURL, 'POST', '/v1/terminal/locations', {
    display_name: 'Phone orders',
    'address[line1]': '1 Main St',
    'address[city]': 'Springfield',
    'address[postal_code]': '12345',
    'address[state]': 'CA',
    'address[country]': 'US',
  });
  const reader = await api(baseURL, 'POST', '/v1/terminal/readers', { registration_code: 'simulated-wpe', label, location: location.id });
  const customer = await api(baseURL, 'POST', '/v1/customers', { email: 'caller@example.com' });
  return { location, reader, customer };
}

export const presentCard = (baseURL, readerId, number, extra = {}) =>
  api(baseURL, 'POST', `/v1/test_helpers/terminal/readers/${readerId}/present_payment_method`, {
    type: 'card',
    'card[number]': number,
    'card[exp_month]': '12',
    'card[exp_year]': '2034',
    'card[cvc]': number.startsWith('3') ? '1234' : '123',
    ...extra,
  });

export const setReaderLink = (baseURL, readerId, link) =>
  api(baseURL, 'POST', `/v1/test_helpers/terminal/readers/${readerId}/set_link`, { link });

export const retrieveReader = (baseURL, readerId) => api(baseURL, 'GET', `/v1/terminal/readers/${readerId}`);

export const readerScreenUrl = async (baseURL, readerId) =>
  (await api(baseURL, 'GET', `/v1/test_helpers/terminal/readers/${readerId}/screen`)).url;
