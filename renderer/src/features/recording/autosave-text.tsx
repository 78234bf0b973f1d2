import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { describeError } from '../../app/describe-error';

interface Props {
  value: string;
  onSave: (value: string) => Promise<unknown>;
  multiline?: boolean;
  readOnly?: boolean;
  label: string;
  placeholder?: string;
  maxLength?: number;
  testId?: string;
  className?: string;
  type?: 'text' | 'number';
}

/**
 * A field that saves every change at once. While the user edits, their text is what is shown; the
 * stored value (which may come from another window) takes over when the field is left. A change
 * that cannot be saved is marked on the field, and the typed text is kept on screen.
 */
export function AutosaveText({ value, onSave, multiline, readOnly, label, placeholder, maxLength = 10_000, testId, className, type = 'text' }: Props) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const shown = draft ?? value;
  const common = {
    value: shown,
    readOnly,
    'aria-label': label,
    'aria-invalid': error !== null,
    placeholder,
    'data-testid': testId,
    // Off: Chromium keeps what a field holds in its session-restore files, in plain, beside the sealed store.
    autoComplete: 'off',
    className,
    onFocus: () => setDraft(value),
    onBlur: () => {
      if (error === null) setDraft(null);
    },
    onChange: (e: { target: { value: string } }) => {
      const next = e.target.value;
      setDraft(next);
      onSave(next).then(
        () => setError(null),
        (err: unknown) => setError(describeError(err, t)),
      );
    },
  };
  const field = multiline ? (
    <textarea rows={3} maxLength={maxLength} {...common} />
  ) : type === 'number' ? (
    <input type="number" min={0} step={1} inputMode="numeric" {...common} />
  ) : (
    <input type={type} maxLength={type === 'text' ? maxLength : undefined} {...common} />
  );
  return (
    <>
      {field}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
