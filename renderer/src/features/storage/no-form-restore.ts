/**
 * Chromium writes what a text field holds into its session-restore files (plain, beside the sealed
 * store) unless the field says autocomplete="off". Every field is focused before anything is typed
 * into it, so marking it then covers each form of the app, including those not yet written.
 */
export function keepFieldsOutOfSessionRestore(doc: Document): void {
  doc.addEventListener(
    'focusin',
    (event) => {
      const field = event.target;
      if ((field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) && field.autocomplete !== 'off') field.setAttribute('autocomplete', 'off');
    },
    true,
  );
}
