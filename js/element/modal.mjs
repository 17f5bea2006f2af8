// The accessible modal every flow element's dialog is built on, inside the
// element's own shadow root (the QR dialog of qr-dialog.mjs is one).
//
// Accessibility: role=dialog, aria-modal, labelled by its title and described
// by its help text; focus moves to the first of its own stops on open, Tab
// and Shift+Tab stay inside, Escape cancels, and on close focus goes back to
// where the element says (its primary button).
//
// The page's own content for the open dialog (a help link, …) comes through
// <slot name="dialog-aside">, between the dialog's body and its actions: its
// focusable elements join the Tab cycle in the flattened tree's order. The
// slot exists only while the dialog does, so those children are not rendered
// while it is closed.
//
// prepare() builds the dialog invisible (visibility: hidden: laid out, but
// neither seen, focusable nor in the accessibility tree) ahead of its first
// open(), so it paints at once when the content it waits for arrives.

import { makeNode } from '../dialog.mjs';

const SLOT = 'dialog-aside';
// What Tab can reach in slotted content; tabbable() drops tabindex=-1,
// disabled, and unrendered or invisible ones (hidden, display: none, …).
const FOCUSABLE = 'a[href],area[href],button,input,select,textarea,summary,iframe,[tabindex],[contenteditable]';

const tabbable = (node) =>
  node.matches(FOCUSABLE) &&
  !node.matches(':disabled') &&
  node.tabIndex >= 0 &&
  (typeof node.checkVisibility === 'function' ? node.checkVisibility({ visibilityProperty: true }) : node.getClientRects().length > 0);


// The slotted elements and their descendants Tab can reach, in tree order.
function slottedStops(slot) {
  const found = [];
  for (const node of slot.assignedElements({ flatten: true })) {
    for (const candidate of [node, ...node.querySelectorAll(FOCUSABLE)]) if (tabbable(candidate)) found.push(candidate);
  }
  return found;
}

// Tab and Shift+Tab cycle through the slotted stops, then the dialog's own.
function moveFocus(event, parts) {
  const all = [...slottedStops(parts.slot), ...parts.stops.filter((node) => !node.hidden)];
  // Focus on one of our own stops shows in the shadow root; on a slotted
  // (light-DOM) one only in the host's root, where it may be retargeted
  // to a slotted element that has a shadow root of its own.
  let index = all.indexOf(parts.root.activeElement);
  const outer = parts.root.host ? parts.root.host.getRootNode().activeElement : null;
  if (index < 0 && outer) index = all.findIndex((stop) => stop === outer || stop.contains(outer));
  let next = event.shiftKey ? index - 1 : index + 1;
  if (index < 0) next = event.shiftKey ? all.length - 1 : 0;
  event.preventDefault();
  all[(next + all.length) % all.length].focus();
}

// The backdrop, the dialog around `content` and the aside slot, appended to
// `mount`.
function buildModal(doc, content, mount) {
  const backdrop = makeNode(doc, 'div', { class: 'backdrop', part: 'backdrop' });
  const dialog = makeNode(doc, 'div', {
    class: 'dialog',
    part: 'dialog',
    role: 'dialog',
    'aria-modal': 'true',
    'aria-labelledby': 'setupflow-dialog-title',
    'aria-describedby': 'setupflow-dialog-help',
    tabindex: '-1',
  });
  const title = makeNode(doc, 'h2', { class: 'title', part: 'title', id: 'setupflow-dialog-title' }, content.title);
  const help = makeNode(doc, 'p', { class: 'help', id: 'setupflow-dialog-help' }, content.help);
  const aside = makeNode(doc, 'div', { class: 'aside', part: SLOT });
  const slot = makeNode(doc, 'slot', { name: SLOT });
  aside.append(slot);
  dialog.append(title, help, ...content.body, aside, ...content.after);
  backdrop.append(dialog);
  mount.append(backdrop);
  return { root: mount.getRootNode(), backdrop, dialog, slot, stops: content.stops, focus: content.focus };
}

/**
 * @param {object} o
 * @param {Document} o.doc
 * @param {HTMLElement} o.mount where the backdrop is appended (inside the shadow root)
 * @param {() => {title: string, help: string, body: Node[], after: Node[], stops: HTMLElement[], focus: HTMLElement}} o.build
 *   the dialog's content, made on each (re)build: `body` goes before the
 *   slot and `after` after it; `stops` are its own Tab stops in order (hidden
 *   ones are skipped), `focus` the one that has focus on open
 * @param {() => HTMLElement} o.returnFocus where focus goes on close
 * @param {() => void} o.onEscape the shopper pressed Escape
 */
export function createModal(o) {
  const { doc } = o;
  let parts = null; // built (maybe only prepared)
  let shown = false;

  const onKeydown = (event) => {
    if (!shown) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      o.onEscape();
    } else if (event.key === 'Tab') {
      moveFocus(event, parts);
    }
  };

  function build() {
    parts = buildModal(doc, o.build(), o.mount);
  }

  return {
    /** Seen (not only prepared). */
    get shown() {
      return shown;
    },
    get built() {
      return !!parts;
    },
    /** Builds and lays out the dialog, invisible, ahead of open(). */
    prepare() {
      if (!parts) {
        build();
        parts.backdrop.classList.add('preparing');
      }
      parts.dialog.getBoundingClientRect(); // style and layout now, not when it opens
    },
    /** Shows it (built first if need be) and moves focus into it. */
    open() {
      if (!parts) this.prepare();
      if (shown) return;
      shown = true;
      parts.backdrop.classList.remove('preparing');
      doc.addEventListener('keydown', onKeydown, true);
      parts.focus.focus();
    },
    close() {
      if (!parts) return;
      doc.removeEventListener('keydown', onKeydown, true);
      parts.backdrop.remove();
      parts = null;
      const wasShown = shown;
      shown = false;
      const target = wasShown && o.returnFocus();
      if (target && target.isConnected) target.focus();
    },
  };
}
