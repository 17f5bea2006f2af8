// The element's look, as one constructable stylesheet adopted by each shadow
// root: a strict Content-Security-Policy (style-src 'self') blocks <style>
// elements and style attributes, but not adoptedStyleSheets.
//
// Theming: every colour, the font, the radius and the focus ring read a
// --setupflow-* custom property (inherited through the shadow boundary), and
// the pieces are exposed as ::part()s. Light and dark defaults follow
// prefers-color-scheme. The QR itself is always black on white with its
// four-module quiet zone whatever the theme: phone cameras read dark-on-light.
//
// Reflow (WCAG 1.4.10, 1.4.4): the text follows the page's own size (1em
// unless --setupflow-font-size says otherwise), so it grows with the
// shopper's text settings. The dialog is centred with auto margins in a
// backdrop that scrolls, not with align-items: center, which would push a
// dialog taller than the viewport above its top, out of reach; so at 320 CSS
// px wide, 200 % text or on a landscape phone the whole dialog (Cancel
// included) scrolls into view, and nothing is wider than the viewport.
//
// The page's content in the open dialog (<slot name="dialog-aside">, .aside)
// inherits the dialog's font and colour, and its color-scheme follows the
// same prefers-color-scheme defaults, so the page's unstyled links stay
// legible on the dark dialog.

const CSS = `
:host {
  display: block;
  --_text: var(--setupflow-color-text, #1a1a1a);
  --_muted: var(--setupflow-color-muted, #4a4a4a);
  --_background: var(--setupflow-color-background, #ffffff);
  --_button-background: var(--setupflow-button-background, #000000);
  --_button-text: var(--setupflow-button-text, #ffffff);
  --_success: var(--setupflow-color-success, #0a6b2e);
  --_danger: var(--setupflow-color-danger, #b3261e);
  --_link: var(--setupflow-color-link, #0a6b2e);
  --_dialog-background: var(--setupflow-dialog-background, #ffffff);
  --_focus: var(--setupflow-focus-ring, #1a73e8);
  --_radius: var(--setupflow-radius, 8px);
  font: var(--setupflow-font-size, 1em)/1.4 var(--setupflow-font-family, system-ui, -apple-system, "Segoe UI", sans-serif);
  color: var(--_text);
}
@media (prefers-color-scheme: dark) {
  :host {
    --_text: var(--setupflow-color-text, #f2f2f2);
    --_muted: var(--setupflow-color-muted, #c7c7cc);
    --_background: var(--setupflow-color-background, #1c1c1e);
    --_button-background: var(--setupflow-button-background, #00d632);
    --_button-text: var(--setupflow-button-text, #000000);
    --_success: var(--setupflow-color-success, #6fdc95);
    --_danger: var(--setupflow-color-danger, #ff8a80);
    --_link: var(--setupflow-color-link, #6fdc95);
    --_dialog-background: var(--setupflow-dialog-background, #2c2c2e);
  }
}
:host([hidden]) { display: none; }
[hidden] { display: none !important; }
.container { display: grid; gap: 12px; padding: 16px; border-radius: var(--_radius);
  background: var(--_background); color: var(--_text); }
.terms { margin: 0; font-size: 0.8125em; color: var(--_muted); }
.pay { font: inherit; font-weight: 600; min-height: 44px; padding: 10px 20px; border: 0;
  border-radius: var(--_radius); background: var(--_button-background); color: var(--_button-text); cursor: pointer; }
.pay[aria-disabled="true"] { cursor: progress; }
.status { margin: 0; min-height: 1.4em; font-size: 0.875em; }
.status.succeeded { color: var(--_success); }
.status.failed, .status.expired { color: var(--_danger); }
button:focus-visible, a:focus-visible { outline: 3px solid var(--_focus); outline-offset: 2px; }
.backdrop { position: fixed; inset: 0; display: flex; box-sizing: border-box; padding: 8px;
  overflow: auto; overscroll-behavior: contain; background: rgba(0, 0, 0, 0.55); z-index: 2147483647; }
.backdrop.preparing { visibility: hidden; }
.dialog { margin: auto; background: var(--_dialog-background); color: var(--_text); border-radius: 12px; padding: 24px;
  width: min(360px, 100%); box-sizing: border-box; overflow-wrap: anywhere;
  box-shadow: 0 12px 40px rgba(0, 0, 0, 0.3); text-align: center; }
.dialog:focus { outline: none; }
.title { font-size: 1.125em; margin: 0 0 8px; }
.help { margin: 0 0 12px; font-size: 0.875em; }
.qr { display: inline-block; max-width: 100%; margin: 0 auto 8px; padding: 0; background: #ffffff; border-radius: 4px; line-height: 0; }
.qr svg, .qr img { display: block; width: 240px; max-width: 100%; height: auto; aspect-ratio: 1; }
.countdown { margin: 0 0 8px; font-size: 0.8125em; color: var(--_muted); font-variant-numeric: tabular-nums; }
.aside { color-scheme: light dark; }
.aside ::slotted(*) { margin: 0 0 12px; }
.open { display: inline-block; margin: 0 0 12px; color: var(--_link); }
.dialog-status { margin: 0 0 12px; min-height: 1.4em; font-size: 0.8125em; }
.cancel { font: inherit; padding: 8px 20px; border-radius: var(--_radius); border: 1px solid var(--_muted);
  background: transparent; color: var(--_text); cursor: pointer; }
`;

const sheets = new WeakMap(); // document → Map(css → its CSSStyleSheet); a sheet is bound to one document

/** A constructable stylesheet of `css` for shadow roots in `doc`, made once per document. */
export function adoptableSheet(doc, css) {
  let made = sheets.get(doc);
  if (!made) sheets.set(doc, (made = new Map()));
  let sheet = made.get(css);
  if (!sheet) {
    const view = doc.defaultView || globalThis;
    sheet = new view.CSSStyleSheet();
    sheet.replaceSync(css);
    made.set(css, sheet);
  }
  return sheet;
}

/** The shared stylesheet of every flow element, for shadow roots in `doc`. */
export const elementStyleSheet = (doc) => adoptableSheet(doc, CSS);
