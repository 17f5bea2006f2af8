// The readers an agent chooses from, as radio buttons in a fieldset: the
// label and the live status of each (online, offline, busy: an action in
// progress). Rendered anew from each list the merchant's server gives,
// keeping the agent's choice. Offline and busy readers stay choosable: the
// list is a few seconds old at best, and the server's answer to a start is
// what counts (a clear error when the reader cannot take it).

/** "online", "offline" or "busy" for a reader of the merchant's list. */
export const readerStatus = (reader) =>
  reader.action && reader.action.status === 'in_progress' ? 'busy' : reader.status === 'online' ? 'online' : 'offline';

/**
 * @param {(tag: string, attrs?: object) => Element} el makes a node (dialog.mjs's makeNode)
 * @param {{onChange: () => void}} hooks
 */
export function createReaderList(el, { onChange }) {
  const fieldset = el('fieldset', { class: 'readers', part: 'readers' });
  const legend = el('legend', { class: 'readers-title' });
  const list = el('div', { class: 'reader-list' });
  const note = el('p', { class: 'readers-note', part: 'readers-note' });
  const refresh = el('button', { class: 'refresh', part: 'refresh', type: 'button' });
  fieldset.append(legend, list, note, refresh);
  note.hidden = true;
  let readers = [];
  let texts = null;
  // Radios group by name within their shadow root only; a fixed name is enough.
  const name = 'setupflow-reader';

  function statusText(reader) {
    return texts.readerStatus[readerStatus(reader)];
  }

  function render(selected) {
    list.replaceChildren();
    for (const reader of readers) {
      const radio = el('input', { type: 'radio', name, value: reader.id });
      radio.checked = reader.id === selected;
      radio.addEventListener('change', onChange);
      const label = el('label', { class: 'reader', part: 'reader' });
      const status = el('span', { class: `reader-status ${readerStatus(reader)}`, part: 'reader-status' });
      const title = el('span', { class: 'reader-label' });
      title.textContent = reader.label || reader.id;
      status.textContent = statusText(reader);
      label.append(radio, title, status);
      list.append(label);
    }
    note.hidden = readers.length > 0;
    if (!readers.length) note.textContent = texts.noReaders;
  }

  return {
    node: fieldset,
    refreshButton: refresh,

    /** The chosen reader's id, or null. */
    selected() {
      const checked = list.querySelector('input:checked');
      return checked ? checked.value : null;
    },

    /** The reader of that id in the last list, or null. */
    reader(id) {
      return readers.find((r) => r.id === id) || null;
    },

    /** Shows a new list, keeping the choice; else `preferred`, else the first online reader that is not busy. */
    show(next, preferred) {
      const kept = this.selected() || preferred;
      readers = next;
      const fallback = readers.find((r) => readerStatus(r) === 'online');
      const chosen = readers.some((r) => r.id === kept) ? kept : fallback ? fallback.id : null;
      render(chosen);
    },

    /** Says why the list could not be loaded (the last list stays). */
    failed(message) {
      note.hidden = false;
      note.textContent = message;
    },

    select(id) {
      for (const radio of list.querySelectorAll('input')) radio.checked = radio.value === id;
    },

    focus() {
      const first = list.querySelector('input:checked') || list.querySelector('input');
      (first || refresh).focus();
    },

    setDisabled(disabled) {
      fieldset.disabled = disabled;
    },

    setTexts(t) {
      texts = t;
      legend.textContent = t.readers;
      refresh.textContent = t.refresh;
      render(this.selected());
    },
  };
}
