// The demo's QR presenter (the package's `presenter` option): a native modal
// <dialog> with the QR, a countdown to the next refresh, and a link that opens
// the sandbox's simulated Cash App phone, so a desktop tester can approve
// without a second device. showModal() makes the page behind it inert and
// gives Escape; Tab is kept cycling inside; focus goes back to the button
// that opened it.
const SVG = 'http://www.w3.org/2000/svg';

// The QR image: a white square under the modules' path (show() sizes both).
function createQrSvg(label) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  const bg = document.createElementNS(SVG, 'rect');
  bg.setAttribute('fill', '#fff');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('fill', '#000');
  svg.append(bg, path);
  return { svg, bg, path };
}

// A modal <dialog> lets Tab go past its last control (to the browser, or
// to the inert page behind it); keep Tab and Shift+Tab cycling inside.
function keepTabInside(dialog, stops) {
  dialog.addEventListener('keydown', (e) => {
    if (e.key !== 'Tab') return;
    const edge = e.shiftKey ? stops[0] : stops[stops.length - 1];
    if (document.activeElement !== edge) return;
    e.preventDefault();
    (e.shiftKey ? stops[stops.length - 1] : stops[0]).focus();
  });
}

// The panel, appended to the page, and the nodes show() fills in. onCancel
// runs for the Cancel button and for Escape.
function buildPanel(t, onCancel) {
  const dialog = document.createElement('dialog');
  dialog.className = 'qr-panel';
  dialog.setAttribute('aria-labelledby', 'qr-title');
  const h = document.createElement('h2');
  h.id = 'qr-title';
  h.textContent = t.scanTitle;
  const { svg, bg, path } = createQrSvg(t.qrLabel);
  const countdown = document.createElement('p');
  countdown.className = 'countdown';
  const status = document.createElement('p');
  status.className = 'status';
  status.setAttribute('role', 'status');
  const phone = document.createElement('a');
  phone.target = '_blank';
  phone.rel = 'noopener';
  phone.className = 'phone-link';
  phone.textContent = t.phone;
  const help = document.createElement('p');
  help.className = 'help';
  help.textContent = t.phoneHelp;
  const cancel = document.createElement('button');
  cancel.type = 'button';
  cancel.textContent = t.cancel;
  cancel.addEventListener('click', onCancel);
  // Escape: the browser closes a modal dialog; tell the flow instead.
  dialog.addEventListener('cancel', (e) => {
    e.preventDefault();
    onCancel();
  });
  keepTabInside(dialog, [phone, cancel]);
  dialog.append(h, svg, countdown, phone, help, cancel, status);
  document.body.append(dialog);
  return { dialog, parts: { svg, bg, path, countdown, status, phone } };
}

export function createQrPanel({ t, phoneUrl }) {
  let dialog = null;
  let timer = null;
  let controls = null;
  let opener = null;
  let parts = null;

  function build() {
    ({ dialog, parts } = buildPanel(t, () => {
      if (controls) controls.cancel();
    }));
  }

  function tick(expiresAtMs) {
    const s = Math.max(0, Math.round((expiresAtMs - Date.now()) / 1000));
    parts.countdown.textContent = t.refreshIn.replace('{s}', String(s));
  }

  return {
    show(qr, nextControls) {
      controls = nextControls;
      if (!dialog) build();
      const side = qr.size + 8;
      parts.svg.setAttribute('viewBox', `0 0 ${side} ${side}`);
      parts.bg.setAttribute('width', String(side));
      parts.bg.setAttribute('height', String(side));
      parts.path.setAttribute('d', qr.svgPath);
      parts.phone.href = phoneUrl;
      parts.status.textContent = qr.refreshCount > 0 ? t.refreshed : t.waiting;
      clearInterval(timer);
      tick(qr.expiresAtMs);
      timer = setInterval(() => tick(qr.expiresAtMs), 1000);
      if (!dialog.open) {
        opener = document.activeElement;
        dialog.showModal();
      }
    },
    hide() {
      clearInterval(timer);
      if (dialog && dialog.open) dialog.close();
      if (opener && opener.focus) opener.focus();
      opener = null;
      controls = null;
    },
  };
}
