// The QR dialog inside <setupflow-cashapp>'s own shadow root, handed to the
// shim as its `presenter` (show(qr, {cancel}) / hide()): the QR, a countdown
// (from the QR's expires_at) to the next code, on tablets an "Open Cash App"
// link, a polite live region that says waiting / refreshed, and Cancel. The
// modal itself (focus, Tab cycle, Escape, the dialog-aside slot, prepare())
// is modal.mjs's.
import { makeNode, qrNode } from '../dialog.mjs';
import { createModal } from './modal.mjs';

// The dialog's own nodes, and their places in the modal (modal.mjs's build()).
function buildParts(doc, t, onCancel) {
  const qrBox = makeNode(doc, 'div', { class: 'qr', part: 'qr' });
  const countdown = makeNode(doc, 'p', { class: 'countdown', part: 'countdown' });
  const link = makeNode(doc, 'a', { class: 'open', part: 'open-link', rel: 'noopener' }, t.open);
  const status = makeNode(doc, 'p', { class: 'dialog-status', part: 'dialog-status', role: 'status', 'aria-live': 'polite' });
  const cancelButton = makeNode(doc, 'button', { class: 'cancel', part: 'cancel', type: 'button' }, t.cancel);
  cancelButton.addEventListener('click', onCancel);
  return {
    parts: { qrBox, countdown, link, status },
    layout: {
      title: t.dialogTitle,
      help: t.dialogHelp,
      body: [qrBox, countdown],
      after: [link, status, cancelButton],
      stops: [link, cancelButton],
      focus: cancelButton,
    },
  };
}

// Puts a QR, the first or a refreshed one, into the dialog's nodes.
function fillParts(doc, parts, qr, t, offerLink) {
  parts.qrBox.replaceChildren(qrNode(doc, qr, t.qr));
  parts.link.hidden = !offerLink;
  if (offerLink) parts.link.setAttribute('href', qr.mobileAuthUrl);
  else parts.link.removeAttribute('href');
  parts.status.textContent = qr.refreshCount > 0 ? t.refreshed : t.waiting;
}

/**
 * @param {object} o
 * @param {Document} o.doc
 * @param {HTMLElement} o.mount where the dialog's backdrop is appended (inside the shadow root)
 * @param {() => object} o.texts the current locale's texts
 * @param {() => boolean} o.showOpenLink tablets: also offer the mobile_auth_url link
 * @param {() => HTMLElement} o.returnFocus where focus goes on close
 * @param {(qr: object) => void} o.onShow called for the first QR and each refresh
 * @param {() => void} o.onCancel called when the shopper cancels (before controls.cancel)
 * @param {() => number} [o.now]
 */
export function createElementDialog(o) {
  const now = o.now || Date.now;
  const { doc } = o;
  let parts = null; // the QR's own nodes, while the modal is built
  let controls = null;
  let ticker = null;
  let expiresAtMs = 0;

  const cancel = () => {
    if (!controls) return;
    o.onCancel();
    controls.cancel();
  };

  const modal = createModal({
    doc,
    mount: o.mount,
    returnFocus: o.returnFocus,
    onEscape: cancel,
    build() {
      const built = buildParts(doc, o.texts(), cancel);
      parts = built.parts;
      return built.layout;
    },
  });

  function tick() {
    if (!modal.built) return;
    const t = o.texts();
    const seconds = Math.ceil((expiresAtMs - now()) / 1000);
    parts.countdown.textContent = seconds > 0 ? t.countdown(seconds) : t.refreshing;
  }

  function stopTicker() {
    if (ticker !== null) clearInterval(ticker);
    ticker = null;
  }

  return {
    get open() {
      return modal.shown;
    },
    /** Builds and lays out the dialog, invisible, ahead of the first show(). */
    prepare() {
      modal.prepare();
    },
    show(qr, nextControls) {
      controls = nextControls;
      if (!modal.built) modal.prepare();
      fillParts(doc, parts, qr, o.texts(), o.showOpenLink() && !!qr.mobileAuthUrl);
      expiresAtMs = qr.expiresAtMs;
      tick();
      if (ticker === null) ticker = setInterval(tick, 1000);
      modal.open();
      o.onShow(qr);
    },
    hide() {
      stopTicker();
      controls = null;
      parts = null;
      modal.close();
    },
    /** Cancels the running flow if its QR is up (the element is going away). */
    cancel,
  };
}
