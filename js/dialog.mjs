// A minimal accessible QR dialog for the desktop Cash App Pay flow.
//
// Accessibility: role=dialog with aria-modal and aria-labelledby, focus moved
// into the dialog on open and returned to where it was on close, Tab kept
// inside, Escape (or the Cancel button) cancels, and an aria-live region
// announces refreshes. Strict CSP: no inline script or style attributes; the
// styles are a constructable stylesheet adopted by a shadow root. Nothing is
// created until the first prepare() or show(). prepare() builds the dialog
// invisible (visibility: hidden: laid out, but neither seen, focusable nor in
// the accessibility tree) while the confirm request is in flight, so the
// first QR paints as soon as the API answers.
//
// Reflow (WCAG 1.4.10, 1.4.4): the text follows the page's size, and the
// dialog sits in a backdrop that scrolls (auto margins centre it; flex
// centring would push a tall dialog above the top, out of reach), so at 320
// CSS px, 200 % text or on a landscape phone every control can be reached.

import { qrTextsFor } from './texts.mjs';

const CSS = `
:host { all: initial; font-size: inherit; }
[hidden] { display: none !important; }
.backdrop { position: fixed; inset: 0; display: flex; box-sizing: border-box; padding: 8px; overflow: auto;
  overscroll-behavior: contain; background: rgba(0, 0, 0, 0.55); z-index: 2147483647; font: 1em/1.4 system-ui, sans-serif; }
.dialog { margin: auto; box-sizing: border-box; width: min(360px, 100%); overflow-wrap: anywhere; background: #fff; color: #111;
  border-radius: 12px; padding: 24px; box-shadow: 0 12px 40px rgba(0, 0, 0, 0.3); text-align: center; }
.dialog:focus { outline: none; }
h2 { font-size: 1.125em; margin: 0 0 8px; }
p { margin: 0 0 12px; font-size: 0.875em; }
svg, img { display: block; width: 240px; max-width: 100%; height: auto; aspect-ratio: 1; margin: 0 auto 12px; }
a { display: inline-block; margin-bottom: 12px; color: #006b2d; }
button { font: inherit; padding: 8px 20px; border-radius: 8px; border: 1px solid #888; background: #fff; cursor: pointer; }
button:focus-visible, a:focus-visible { outline: 3px solid #1a73e8; outline-offset: 2px; }
.backdrop.preparing { visibility: hidden; }
.status { min-height: 1.4em; font-size: 0.8125em; color: #444; }
`;

const SVG = 'http://www.w3.org/2000/svg';

/**
 * The QR as a node: an SVG of the core's path on a white square with the
 * quiet zone (viewBox = modules + 4 on each side, what phone cameras need),
 * or the server's image when the core drew no path. Shared with the
 * element's dialog (js/element/qr-dialog.mjs).
 * @param {Document} doc
 * @param {{svgPath: string, size: number, imageUrlSvg: string}} qr the QR the core presents (its present effect)
 * @param {string} label the accessible name
 * @returns {Element}
 */
export function qrNode(doc, qr, label) {
  if (!qr.svgPath) {
    const img = doc.createElement('img');
    img.setAttribute('src', qr.imageUrlSvg);
    img.setAttribute('alt', label);
    return img;
  }
  const box = String(qr.size + 8);
  const node = doc.createElementNS(SVG, 'svg');
  node.setAttribute('viewBox', `0 0 ${box} ${box}`);
  node.setAttribute('role', 'img');
  node.setAttribute('aria-label', label);
  node.setAttribute('shape-rendering', 'crispEdges');
  const bg = doc.createElementNS(SVG, 'rect');
  bg.setAttribute('width', box);
  bg.setAttribute('height', box);
  bg.setAttribute('fill', '#fff');
  const path = doc.createElementNS(SVG, 'path');
  path.setAttribute('d', qr.svgPath);
  path.setAttribute('fill', '#000');
  node.append(bg, path);
  return node;
}

/** An element with attributes and, optionally, its text. */
export function makeNode(doc, tag, attrs = {}, text) {
  const node = doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text) node.textContent = text;
  return node;
}

// The dialog in a shadow root of its own; `cancel` is the button's action.
function buildQrDialog(doc, t, cancel) {
  const host = doc.createElement('div');
  host.setAttribute('data-setupflow', 'qr-dialog');
  const root = host.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(CSS);
  root.adoptedStyleSheets = [sheet];
  const el = (tag, attrs, text) => makeNode(doc, tag, attrs, text);
  const backdrop = el('div', { class: 'backdrop' });
  const dialog = el('div', {
    class: 'dialog',
    role: 'dialog',
    'aria-modal': 'true',
    'aria-labelledby': 'sf-title',
    'aria-describedby': 'sf-help',
    tabindex: '-1',
  });
  const qrBox = el('div', { class: 'qr' });
  const link = el('a', { rel: 'noopener' }, t.open);
  const status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const button = el('button', { type: 'button' }, t.cancel);
  button.addEventListener('click', cancel);
  dialog.append(el('h2', { id: 'sf-title' }, t.dialogTitle), el('p', { id: 'sf-help' }, t.dialogHelp), qrBox, link, status, button);
  backdrop.append(dialog);
  root.append(backdrop);
  return { host, parts: { backdrop, dialog, qrBox, link, status, button } };
}

// Escape cancels; Tab keeps focus inside: the dialog's only stops are the
// link and the button.
function onDialogKey(event, host, parts, cancel) {
  if (event.key === 'Escape') {
    event.preventDefault();
    event.stopPropagation();
    cancel();
  } else if (event.key === 'Tab') {
    const stops = [parts.link, parts.button].filter((el) => !el.hidden);
    const index = stops.indexOf(host.shadowRoot.activeElement);
    const next = event.shiftKey ? index - 1 : index + 1;
    event.preventDefault();
    stops[(next + stops.length) % stops.length].focus();
  }
}

/**
 * @param {Document} doc
 * @param {string} locale a locale from js/platform.mjs's localeOf ("en", "fr", …)
 * @returns {{prepare(): void, show(qr: object, controls: {cancel(): void}): void, hide(): void}}
 */
export function createQrDialog(doc, locale) {
  const t = qrTextsFor(locale);
  let host = null;
  let parts = null;
  let returnFocus = null;
  let controls = null;
  let shown = false; // built (maybe only prepared) is `host`; seen is `shown`

  const cancel = () => controls && controls.cancel();
  const onKeydown = (event) => {
    if (shown) onDialogKey(event, host, parts, cancel);
  };

  // Built and in the page, invisible until show().
  function attach() {
    if (host) return;
    ({ host, parts } = buildQrDialog(doc, t, cancel));
    parts.backdrop.classList.add('preparing');
    doc.body.append(host);
  }

  function renderQr(qr) {
    const node = qrNode(doc, qr, t.qr);
    if (qr.svgPath) node.setAttribute('data-qr-data-length', String(qr.data.length));
    parts.qrBox.replaceChildren(node);
  }

  return {
    /** Builds and lays out the dialog, invisible, ahead of the first show(). */
    prepare() {
      attach();
      parts.dialog.getBoundingClientRect(); // style and layout now, not when the QR arrives
    },
    show(qr, nextControls) {
      controls = nextControls;
      attach();
      renderQr(qr);
      // Tablets can open Cash App directly; the core only passes safe URLs.
      parts.link.hidden = !qr.mobileAuthUrl;
      if (qr.mobileAuthUrl) parts.link.setAttribute('href', qr.mobileAuthUrl);
      parts.status.textContent = qr.refreshCount > 0 ? t.refreshed : t.waiting;
      if (!shown) {
        shown = true;
        returnFocus = doc.activeElement;
        parts.backdrop.classList.remove('preparing');
        doc.addEventListener('keydown', onKeydown, true);
        parts.button.focus();
      }
    },
    hide() {
      if (!host) return;
      doc.removeEventListener('keydown', onKeydown, true);
      host.remove();
      host = null;
      parts = null;
      controls = null;
      shown = false;
      if (returnFocus && returnFocus.isConnected && typeof returnFocus.focus === 'function') returnFocus.focus();
      returnFocus = null;
    },
  };
}

/**
 * The built-in presenter of an instance: its QR dialog is made when a desktop
 * confirm first prepares or shows a QR, never before (no DOM at load time;
 * none at all on mobile or in manual mode).
 * @param {string} locale a locale from js/platform.mjs's localeOf
 */
export function builtInPresenter(locale) {
  let dialog = null;
  const made = () => (dialog = dialog || createQrDialog(document, locale));
  return {
    prepare() {
      made().prepare();
    },
    show(qr, controls) {
      made().show(qr, controls);
    },
    hide() {
      if (dialog) dialog.hide();
    },
  };
}
