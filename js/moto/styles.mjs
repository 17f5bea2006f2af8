// <setupflow-moto>'s own rules, adopted after the shared element sheet
// (../element/styles.mjs: theming custom properties, the button, the live
// region, focus rings). Everything wraps and stacks, so the console reflows
// at 320 CSS px and 200 % text.
export const MOTO_CSS = `
.readers { margin: 0; padding: 8px 12px 12px; border: 1px solid var(--_muted); border-radius: var(--_radius);
  display: grid; gap: 8px; min-width: 0; }
.readers-title { padding: 0 4px; font-weight: 600; }
.reader-list { display: grid; gap: 4px; }
.reader { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 8px; min-height: 44px; overflow-wrap: anywhere; }
.reader-status { font-size: 0.8125em; padding: 0 6px; border-radius: 999px; border: 1px solid currentColor; }
.reader-status.online { color: var(--_success); }
.reader-status.offline, .reader-status.busy { color: var(--_danger); }
.readers-note { margin: 0; font-size: 0.875em; color: var(--_muted); }
.refresh { justify-self: start; font: inherit; font-size: 0.875em; min-height: 44px; padding: 6px 12px;
  border-radius: var(--_radius); border: 1px solid var(--_muted); background: transparent; color: var(--_text); cursor: pointer; }
.moto-terms { display: grid; gap: 4px; padding: 12px; border-left: 4px solid var(--_muted); overflow-wrap: anywhere; }
.terms-title { margin: 0; font-weight: 600; }
.terms-text { margin: 0; white-space: pre-line; }
.terms-version { margin: 0; font-size: 0.8125em; color: var(--_muted); }
.check { display: flex; align-items: flex-start; gap: 8px; min-height: 44px; }
.check input { margin: 4px 0 0; width: 20px; height: 20px; flex: none; }
.check input[aria-invalid="true"] { outline: 2px solid var(--_danger); outline-offset: 2px; }
input:focus-visible { outline: 3px solid var(--_focus); outline-offset: 2px; }
.progress { display: flex; flex-wrap: wrap; gap: 8px; }
.cancel { min-height: 44px; }
`;
