// IntegrationError: thrown (never resolved) when the page misuses the API — a
// secret key in the browser, a malformed client secret, an unsafe return_url —
// so the mistake shows up in development instead of as a declined payment.
// No request has been sent when one is thrown.

export class IntegrationError extends Error {
  /**
   * @param {string} message what was expected and what was given
   * @param {{code?: string, param?: string}} [details]
   */
  constructor(message, details = {}) {
    super(message);
    this.name = 'IntegrationError';
    this.type = 'integration_error';
    if (details.code) this.code = details.code;
    if (details.param) this.param = details.param;
  }
}

// A short, secret-free description of a value for error messages: its type,
// and for strings only their shape (never the text: it may be a secret).
export function describe(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value === '' ? 'an empty string' : `a string of ${value.length} characters`;
  if (typeof value === 'object') return 'an object';
  return typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`;
}

export function expect(condition, message) {
  if (!condition) throw new IntegrationError(message);
}

// An error object from the core with type integration_error becomes a thrown
// IntegrationError; anything else is returned for the caller to resolve with.
export function throwIfIntegration(error) {
  if (error && error.type === 'integration_error') {
    throw new IntegrationError(error.message, { code: error.code, param: error.param });
  }
  return error;
}
