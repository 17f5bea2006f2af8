// What <setupflow-cashapp>'s setupflow:* events carry (element.d.ts).
//
// Events bubble to every listener on the page, analytics and logging among
// them, so they never carry what lets someone act on the shopper's behalf:
// the intent's client secret, or the approval URLs of a QR (bearer links
// that approve from any phone). The promise API still returns the whole
// intent to its caller, as Stripe.js does.
export function withoutSecret(intent) {
  if (!intent || typeof intent !== 'object') return intent;
  const { client_secret: _secret, ...rest } = intent;
  return rest;
}
// An API error carries the intent too (error.setup_intent / payment_intent).
export function errorWithoutSecret(error) {
  const copy = { ...error };
  for (const key of ['setup_intent', 'payment_intent']) {
    if (copy[key]) copy[key] = withoutSecret(copy[key]);
  }
  return copy;
}

// A thrown error (misuse, a failed load) as an event's error: Stripe's shape.
export function errorDetail(error) {
  if (error && typeof error === 'object') {
    return { type: error.type || 'integration_error', code: error.code, message: String(error.message || error) };
  }
  return { type: 'integration_error', message: String(error) };
}
