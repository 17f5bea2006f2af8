// The QR dialog inside <setupflow-cashapp>'s own shadow root, handed to the
// shim as its `presenter` (show(qr, {cancel}) / hide()).
//
// Accessibility: role=dialog, aria-modal, labelled by its title and described
// by its help text; focus moves to Cancel on open, Tab and Shift+Tab stay
// inside, Escape (or Cancel) cancels, and on close focus goes back to the
// element's button. A polite live region says waiting / refreshed; a
// countdown (from the QR's expires_at) shows when the next code comes.
//
// The page's own content for the open dialog (a help link, …) comes through
// <slot name="dialog-aside">, after the countdown: its focusable elements join
// the Tab cycle in the flattened tree's order. The slot exists only while the
// dialog does, so those children are not rendered while it is closed.
//
// prepare() builds the dialog invisible (visibility: hidden: laid out, but
// neither seen, focusable nor in the accessibility tree) while the confirm
// request is in flight, so the first QR paints as soon as the API answers.

import { qrNode } from '../dialog.mjs';
const SLOT = 'dialog-aside';
// What Tab can reach in slotted content; tabbable() drops tabindex=-1,
// disabled, and unrendered or invisible ones (hidden, display: none, …).
const FOCUSABLE = 'a[href],area[href],button,input,select,textarea,summary,iframe,[tabindex],[contenteditable]';

const tabbable = (node) =>
  node.matches(FOCUSABLE) &&
  !node.matches(':disabled') &&
  node.tabIndex >= 0 &&
  (typeof node.checkVisibility === 'function' ? node.checkVisibility({ visibilityProperty: true }) : node.getClientRects().length > 0);

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
  let parts = null;
  let controls = null;
  let ticker = null;
  let expiresAtMs = 0;
  let shown = false; // built (maybe only prepared) is `parts`; seen is `shown`

  const el = (tag, attrs = {}, text) => {
    const node = doc.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text) node.textContent = text;
    return node;
  };

  const cancel = () => {
    if (!controls) return;
    o.onCancel();
    controls.cancel();
  };

  const onKeydown = (event) => {
    if (!shown) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      cancel();
    } else if (event.key === 'Tab') {
      const stops = [...slottedStops(), ...[parts.link, parts.cancel].filter((node) => !node.hidden)];
      // Focus on one of our own stops shows in the shadow root; on a slotted
      // (light-DOM) one only in the host's root, where it may be retargeted
      // to a slotted element that has a shadow root of its own.
      let index = stops.indexOf(parts.root.activeElement);
      const outer = parts.root.host ? parts.root.host.getRootNode().activeElement : null;
      if (index < 0 && outer) index = stops.findIndex((stop) => stop === outer || stop.contains(outer));
      let next = event.shiftKey ? index - 1 : index + 1;
      if (index < 0) next = event.shiftKey ? stops.length - 1 : 0;
      event.preventDefault();
      stops[(next + stops.length) % stops.length].focus();
    }
  };

  // The slotted elements and their descendants Tab can reach, in tree order.
  function slottedStops() {
    const stops = [];
    for (const node of parts.slot.assignedElements({ flatten: true })) {
      for (const candidate of [node, ...node.querySelectorAll(FOCUSABLE)]) if (tabbable(candidate)) stops.push(candidate);
    }
    return stops;
  }

  function build() {
    const t = o.texts();
    const backdrop = el('div', { class: 'backdrop', part: 'backdrop' });
    const dialog = el('div', {
      class: 'dialog',
      part: 'dialog',
      role: 'dialog',
      'aria-modal': 'true',
      'aria-labelledby': 'setupflow-dialog-title',
      'aria-describedby': 'setupflow-dialog-help',
      tabindex: '-1',
    });
    const title = el('h2', { class: 'title', part: 'title', id: 'setupflow-dialog-title' }, t.dialogTitle);
    const help = el('p', { class: 'help', id: 'setupflow-dialog-help' }, t.dialogHelp);
    const qrBox = el('div', { class: 'qr', part: 'qr' });
    const countdown = el('p', { class: 'countdown', part: 'countdown' });
    const aside = el('div', { class: 'aside', part: SLOT });
    const slot = el('slot', { name: SLOT });
    aside.append(slot);
    const link = el('a', { class: 'open', part: 'open-link', rel: 'noopener' }, t.open);
    const status = el('p', { class: 'dialog-status', part: 'dialog-status', role: 'status', 'aria-live': 'polite' });
    const cancelButton = el('button', { class: 'cancel', part: 'cancel', type: 'button' }, t.cancel);
    cancelButton.addEventListener('click', cancel);
    dialog.append(title, help, qrBox, countdown, aside, link, status, cancelButton);
    backdrop.append(dialog);
    o.mount.append(backdrop);
    parts = { root: o.mount.getRootNode(), backdrop, dialog, qrBox, countdown, slot, link, status, cancel: cancelButton };
  }

  // Built and in the shadow root, invisible until show().
  function attach() {
    if (parts) return;
    build();
    parts.backdrop.classList.add('preparing');
  }

  function renderQr(qr) {
    const node = qrNode(doc, qr, o.texts().qr);
    parts.qrBox.replaceChildren(node);
  }

  function tick() {
    if (!parts) return;
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
      return shown;
    },
    /** Builds and lays out the dialog, invisible, ahead of the first show(). */
    prepare() {
      attach();
      parts.dialog.getBoundingClientRect(); // style and layout now, not when the QR arrives
    },
    show(qr, nextControls) {
      controls = nextControls;
      attach();
      const t = o.texts();
      renderQr(qr);
      const offerLink = o.showOpenLink() && !!qr.mobileAuthUrl;
      parts.link.hidden = !offerLink;
      if (offerLink) parts.link.setAttribute('href', qr.mobileAuthUrl);
      else parts.link.removeAttribute('href');
      parts.status.textContent = qr.refreshCount > 0 ? t.refreshed : t.waiting;
      expiresAtMs = qr.expiresAtMs;
      tick();
      if (ticker === null) ticker = setInterval(tick, 1000);
      if (!shown) {
        shown = true;
        parts.backdrop.classList.remove('preparing');
        doc.addEventListener('keydown', onKeydown, true);
        parts.cancel.focus();
      }
      o.onShow(qr);
    },
    hide() {
      stopTicker();
      if (!parts) return;
      doc.removeEventListener('keydown', onKeydown, true);
      parts.backdrop.remove();
      parts = null;
      controls = null;
      const wasShown = shown;
      shown = false;
      const target = wasShown && o.returnFocus();
      if (target && target.isConnected) target.focus();
    },
    /** Cancels the running flow if its QR is up (the element is going away). */
    cancel,
  };
}
