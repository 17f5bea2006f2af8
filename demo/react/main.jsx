// The hosted demo's React checkout, written as a merchant's React app: it
// imports `setupflow` and `setupflow/react` by package name (Vite resolves
// them to the built package, see scripts/build-demo-react.mjs), asks the
// merchant's server (the sandbox's /demo/api) for a SetupIntent, and lets
// <CashAppSetup> save the shopper's Cash App Pay account.
import { StrictMode, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { loadSetupFlow } from 'setupflow';
import { CashAppSetup, SetupFlowProvider } from 'setupflow/react';
import { applyTexts, merchant, pageLocale } from '../i18n.mjs';
import { reactTexts } from './texts.mjs';
import '../demo.css';
import './react.css';

const locale = pageLocale();
const t = { ...applyTexts(locale), ...reactTexts(locale) };
const returnUrl = new URL(`/return.html?lang=${locale}`, location.href).href;

// Once, outside render (as with react-stripe-js's loadStripe): the merchant's
// publishable key, then the package's instance for the provider.
const configPromise = merchant('config');
const flowPromise = configPromise.then((c) => loadSetupFlow(c.publishable_key, { apiBase: location.origin, locale }));
flowPromise.catch(() => {}); // shown through configPromise, or by the element

function Checkout({ config }) {
  const [email, setEmail] = useState('shopper@example.com');
  const [secret, setSecret] = useState(null);
  const [busy, setBusy] = useState(false);
  const [intentId, setIntentId] = useState(null);
  // Two messages, announced once each: `status` is the page's own step
  // (creating the intent), in the page's live region; `outcome` is what the
  // element reported, shown with the merchant's follow-up but not announced
  // again: the element's own live region has already said it.
  const [status, setStatus] = useState('');
  const [outcome, setOutcome] = useState({ kind: 'idle', text: '' });
  const finish = (kind, text) => setOutcome({ kind, text });
  // "Continue to payment" goes away with the details step; focus goes to the
  // payment section's heading (not to the page's top), so the next Tab
  // reaches the Cash App Pay button.
  const paymentHeading = useRef(null);
  useEffect(() => {
    if (secret && paymentHeading.current) paymentHeading.current.focus();
  }, [secret]);

  // The merchant's server creates the Customer and the SetupIntent; only its
  // client secret comes to the page.
  async function createIntent(event) {
    event.preventDefault();
    if (busy || secret) return;
    setBusy(true);
    setStatus(t.starting);
    try {
      const created = await merchant('checkout', { mode: 'setup', email });
      setSecret(created.client_secret);
      setStatus('');
    } catch (error) {
      setStatus(t.failed + error.message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <form onSubmit={createIntent}>
        <h2>{t.details}</h2>
        <p>
          <label htmlFor="email">{t.email}</label>{' '}
          <input id="email" type="email" autoComplete="email" required value={email} readOnly={!!secret}
            onChange={(event) => setEmail(event.target.value)} />
        </p>
        {!secret && (
          <button type="submit" id="continue" className="primary" aria-disabled={busy}>
            {t.continue}
          </button>
        )}
      </form>
      {secret && (
        <section aria-labelledby="payment-title">
          <h2 id="payment-title" tabIndex={-1} ref={paymentHeading}>{t.payment}</h2>
          <CashAppSetup id="cashapp" clientSecret={secret} returnUrl={returnUrl} merchantName={config.merchant_name} locale={locale}
            onConfirm={(detail) => {
              setIntentId(detail.intentId); // the element's QR dialog says "waiting"
              finish('idle', '');
            }}
            onSuccess={() => finish('succeeded', t.succeeded)}
            onError={(error) => finish('failed', t.failed + error.message)}
            onCancel={() => finish('canceled', t.canceled)}>
            {/* A desktop tester without a phone: the sandbox's simulated Cash
                App, which approves what scanning the QR would. In the
                element's dialog-aside slot it shows inside the QR dialog, next
                to the QR, and is part of the dialog's keyboard focus cycle;
                while the dialog is closed it is not rendered. */}
            {intentId && (
              <p slot="dialog-aside">
                {t.phoneLead}{' '}
                <a id="phone" href={`/demo/phone/${intentId}`} target="_blank" rel="noopener">{t.phone}</a>
              </p>
            )}
          </CashAppSetup>
        </section>
      )}
      <p id="status" role="status" aria-live="polite">{status}</p>
      <p id="outcome">{outcome.text}</p>
      {outcome.kind === 'succeeded' && (
        <p><a id="to-console" href={`/console.html?lang=${locale}`}>{t.toConsole}</a></p>
      )}
    </>
  );
}

function App() {
  const [config, setConfig] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    configPromise.then(setConfig, (e) => setError(e.message));
  }, []);
  let body = <p>{t.loading}</p>;
  if (error) body = <p role="alert">{t.failed + error}</p>;
  else if (config) {
    body = (
      <SetupFlowProvider setupFlow={flowPromise}>
        <Checkout config={config} />
      </SetupFlowProvider>
    );
  }
  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.lead}</p>
      {body}
    </>
  );
}

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
