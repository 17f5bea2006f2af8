// The agent console of a phone order (MOTO): the caller picked or added, the
// <setupflow-moto> element talking to the demo merchant's /demo/moto routes,
// and the simulated reader screen beside it, where the agent keys the card.
// The desk routes (/demo/api/moto/…) give the demo readers, their screens
// and a way to take one offline to try that path.
import { applyTexts, merchant, pageLocale } from './i18n.mjs';

const locale = pageLocale();
const t = applyTexts(locale);
const customers = document.getElementById('customer');
const screenReader = document.getElementById('screen-reader');
const frame = document.getElementById('screen');
const status = document.getElementById('status');
const element = document.getElementById('moto');
element.setAttribute('locale', locale);
frame.title = t.moto.screenFrame;
let desk = { readers: [], customers: [] };

function option(value, label) {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = label;
  return o;
}

function showCustomers(selected) {
  customers.replaceChildren(...desk.customers.map((c) => option(c.id, [c.name, c.email].filter(Boolean).join(' · ') || c.id)));
  const fallback = desk.customers.find((c) => c.email === desk.phone_customer_email);
  customers.value = selected || (fallback && fallback.id) || customers.value;
  element.setAttribute('customer', customers.value);
}

function showScreen(readerId) {
  const reader = desk.readers.find((r) => r.id === readerId) || desk.readers[0];
  if (!reader) return;
  screenReader.value = reader.id;
  // The element preselects the same reader; the frame shows its screen.
  if (frame.getAttribute('src') !== reader.screen) loadScreen(reader.screen);
}

async function loadDesk(selected) {
  desk = await merchant('moto/desk');
  screenReader.replaceChildren(...desk.readers.map((r) => option(r.id, `${r.label} (${r.status})`)));
  showCustomers(selected);
  showScreen(screenReader.value || (desk.readers[0] && desk.readers[0].id));
}

customers.addEventListener('change', () => element.setAttribute('customer', customers.value));
screenReader.addEventListener('change', () => {
  showScreen(screenReader.value);
  element.setAttribute('reader', screenReader.value);
});
// The reader the agent starts on is the one whose screen is shown.
element.addEventListener('setupflow:start', (event) => showScreen(event.detail.reader));
element.addEventListener('setupflow:succeeded', () => {
  status.textContent = t.moto.saved;
});

// The screen runs no script and does not refresh itself: it is reloaded
// when what it shows changes, as the console learns it (the card form once
// the reader has the action, offline and back, the result), never while the
// agent may be typing into an unchanged form.
// A reload asked for while the frame is still loading waits for that load:
// two assignments of the same src in quick succession (the progress of a
// start, then of the reader taking it) gave Chromium one load, showing the
// screen from before the reader had the action.
let frameLoading = false;
let reloadAgain = false;
function loadScreen(src) {
  frameLoading = true;
  frame.src = src;
}
function reloadScreen() {
  const src = frame.getAttribute('src');
  if (!src) return;
  if (frameLoading) reloadAgain = true;
  else loadScreen(src);
}
frame.addEventListener('load', () => {
  frameLoading = false;
  if (reloadAgain) {
    reloadAgain = false;
    reloadScreen();
  }
});
let shownProgress = '';
element.addEventListener('setupflow:progress', (event) => {
  const progress = `${event.detail.phase}/${event.detail.readerStatus}`;
  if (progress === shownProgress) return;
  shownProgress = progress;
  reloadScreen();
});
for (const outcome of ['succeeded', 'declined', 'expired', 'canceled', 'failed']) {
  element.addEventListener(`setupflow:${outcome}`, () => {
    shownProgress = '';
    reloadScreen();
  });
}

document.getElementById('customer-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  try {
    const created = await merchant('moto/customers', { name: form.get('name'), email: form.get('email') });
    await loadDesk(created.id);
    document.getElementById('new-customer').open = false;
    status.textContent = t.moto.customerAdded.replace('{id}', created.id);
  } catch (error) {
    status.textContent = error.message;
  }
});

// The sandbox's set_link test helper, through the demo's desk: the reader
// drops (starts are refused with terminal_reader_offline) and comes back.
for (const link of ['offline', 'online']) {
  document.getElementById(link).addEventListener('click', async () => {
    try {
      const changed = await merchant('moto/link', { reader: screenReader.value, link });
      await loadDesk(customers.value);
      reloadScreen();
      status.textContent = t.moto.linkChanged.replace('{status}', changed.status);
    } catch (error) {
      status.textContent = error.message;
    }
  });
}

await loadDesk();
try {
  const moto = await import('/dist/moto.mjs');
  if (!customElements.get('setupflow-moto')) moto.defineSetupFlowMoto();
} catch {
  document.getElementById('element-missing').hidden = false;
}
