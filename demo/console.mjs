// The merchant console: saved Cash App accounts, off-session charges,
// detaching, and the event log. Everything goes through the demo merchant's
// server routes, which hold the secret key (never the page).
import { applyTexts, merchant, pageLocale } from './i18n.mjs';
import { showCards } from './console-cards.mjs';

const t = applyTexts(pageLocale());
const body = document.querySelector('#customers tbody');
const actionStatus = document.getElementById('action-status');
const events = document.getElementById('events');
const cards = document.querySelector('#cards tbody');
const cardStatus = document.getElementById('card-status');

function cell(row, text) {
  const td = document.createElement('td');
  td.textContent = text;
  row.append(td);
  return td;
}

function button(label, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.addEventListener('click', async () => {
    b.disabled = true;
    try {
      actionStatus.textContent = await onClick();
    } catch (error) {
      actionStatus.textContent = error.message;
    } finally {
      b.disabled = false;
      refresh();
    }
  });
  return b;
}

async function refresh() {
  const { data: customers } = await merchant('customers');
  showCards(t, customers, cards, cardStatus);
  body.replaceChildren();
  for (const c of customers.filter((c) => c.payment_methods.length || !c.cards.length)) {
    const methods = c.payment_methods.length ? c.payment_methods : [null];
    for (const pm of methods) {
      const row = document.createElement('tr');
      cell(row, c.email || c.id);
      cell(row, pm ? `${pm.cashapp.cashtag} (${pm.id})` : t.none);
      cell(row, pm && pm.mandate ? pm.mandate.status : '');
      const actions = cell(row, '');
      if (pm) {
        actions.append(
          button(t.charge, async () => {
            const { payment_intent: pi } = await merchant('charge', { customer: c.id, payment_method: pm.id, amount: 2500 });
            return `${pi.id}: ${pi.status}${pi.last_payment_error ? ` (${pi.last_payment_error.message})` : ''}`;
          }),
          button(t.detach, async () => {
            const { payment_method: detached } = await merchant('detach', { payment_method: pm.id });
            return t.detached.replace('{id}', detached.id);
          }),
        );
      }
      body.append(row);
    }
  }
  if (!customers.length) {
    const row = document.createElement('tr');
    cell(row, t.none).colSpan = 4;
    body.append(row);
  }
}

async function refreshEvents() {
  const { data } = await merchant('events');
  events.replaceChildren(
    ...data.map((e) => {
      const li = document.createElement('li');
      li.textContent = `${new Date(e.created * 1000).toLocaleTimeString()}  ${e.type}  ${e.object_id}`;
      return li;
    }),
  );
  if (!data.length) events.textContent = t.none;
}

refresh();
refreshEvents();
// Poll only while the tab is visible.
setInterval(() => {
  if (document.visibilityState === 'visible') {
    refreshEvents();
  }
}, 2000);
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') refresh();
});
