// The merchant console's cards saved by phone (MOTO): brand, last four and
// expiry, the consent record kept when the agent saved it (its full text on
// demand), and an off-session charge of an amount the merchant types.
import { merchant } from './i18n.mjs';

function cell(row, ...content) {
  const td = document.createElement('td');
  td.append(...content);
  row.append(td);
  return td;
}

function consentLine(t, consent) {
  if (!consent) return t.cards.noConsent;
  return t.cards.consentLine
    .replace('{version}', consent.terms_version)
    .replace('{locale}', consent.locale)
    .replace('{channel}', consent.channel)
    .replace('{agent}', consent.agent)
    .replace('{at}', new Date(consent.accepted_at * 1000).toLocaleString())
    .replace('{redisplay}', consent.allow_redisplay);
}

// The terms as read to the caller, fetched when the merchant opens them.
function termsDetails(t, consent) {
  const details = document.createElement('details');
  const summary = document.createElement('summary');
  summary.textContent = t.cards.terms;
  const text = document.createElement('p');
  text.className = 'consent';
  details.append(summary, text);
  details.addEventListener('toggle', async () => {
    if (!details.open || text.textContent) return;
    try {
      const { consent: full } = await merchant(`moto/consent?setup_intent=${encodeURIComponent(consent.setup_intent)}`);
      text.textContent = full.text;
    } catch (error) {
      text.textContent = error.message;
    }
  });
  return details;
}

function chargeForm(t, customer, card, status) {
  const form = document.createElement('form');
  form.className = 'inline-form';
  const label = document.createElement('label');
  const amount = document.createElement('input');
  amount.type = 'number';
  amount.min = '50';
  amount.step = '1';
  amount.value = '2500';
  amount.required = true;
  label.append(`${t.cards.amount} `, amount);
  const submit = document.createElement('button');
  submit.textContent = t.cards.charge;
  form.append(label, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    try {
      const { payment_intent: pi } = await merchant('charge', { customer, payment_method: card.id, amount: amount.value });
      const error = pi.last_payment_error;
      status.textContent = `${pi.id}: ${pi.status}${error ? ` (${error.decline_code || error.code}: ${error.message})` : ''}`;
    } catch (error) {
      status.textContent = error.message;
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

// Fills the table's body with one row per saved card.
export function showCards(t, customers, body, status) {
  const rows = [];
  for (const c of customers) {
    for (const card of c.cards || []) {
      const row = document.createElement('tr');
      cell(row, c.name || c.email || c.id);
      const expiry = `${String(card.exp_month).padStart(2, '0')}/${card.exp_year}`;
      cell(row, `${card.brand} •••• ${card.last4} (${t.cards.expires} ${expiry})`);
      const consent = cell(row, consentLine(t, card.consent));
      if (card.consent) consent.append(termsDetails(t, card.consent));
      cell(row, chargeForm(t, c.id, card, status));
      rows.push(row);
    }
  }
  if (!rows.length) {
    const row = document.createElement('tr');
    cell(row, t.none).colSpan = 4;
    rows.push(row);
  }
  body.replaceChildren(...rows);
}
