import { useId, useRef, useState, type InputHTMLAttributes, type Ref } from 'react';
import { dateInputPattern, dateInputText, parseDateInput, unreadableValue, type DateInputKind } from '@shared/time/date-input';
import { useI18n } from '../i18n/i18n';
import { describeError } from '../app/describe-error';
import { CalendarPopup } from './calendar-popup';

type NativeProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'value' | 'defaultValue' | 'onChange' | 'onBlur' | 'required' | 'children'>;

export interface DateTextInputProps extends NativeProps {
  kind: DateInputKind;
  /**
   * The field's name, given even inside a <label>: the label around it also holds the calendar
   * button and the messages, which would otherwise be read as part of the name.
   */
  'aria-label': string;
  /** The stored form (YYYY-MM-DD, HH:mm, YYYY-MM-DDTHH:mm; '' for none), or text that could not be read. */
  value: string;
  /** At every keystroke: the stored form when the text reads as one, else the text marked unreadable. */
  onChange?: (value: string) => void;
  /**
   * When the field is left or Enter is pressed and its text reads: the stored form ('' when empty).
   * A promise that fails has its reason shown on the field, and the typed text stays.
   */
  onCommit?: (value: string) => unknown;
  onBlur?: () => void;
  /** An empty field is refused. */
  required?: boolean;
  /** The form's own message on the value (days in the wrong order…), shown while the text reads. */
  error?: string;
  /** Show why the text cannot be read before the field is left, as after a submit. */
  showErrors?: boolean;
  inputRef?: Ref<HTMLInputElement>;
}

/**
 * A date, time or date-and-time field typed as Vietnamese write them (dd/mm/yyyy, 24-hour HH:mm)
 * in both UI languages, instead of a native field that follows the browser's locale. What is
 * typed stays on screen until the field is left, then is shown normalised ("5/3/2026" becomes
 * "05/03/2026", "7h5" becomes "07:05"); text that cannot be read is kept and its reason shown.
 */
export function DateTextInput({ kind, value, onChange, onCommit, onBlur, required, error, showErrors, inputRef, className, disabled, readOnly, onKeyDown, ...rest }: DateTextInputProps) {
  const { t } = useI18n();
  const hintId = useId();
  const errorId = useId();
  const toggle = useRef<HTMLButtonElement>(null);
  // Enter then leaving the field commit the same text once.
  const lastSent = useRef<string | null>(null);
  const [draft, setDraft] = useState<string | null>(null);
  const [left, setLeft] = useState(false);
  const [focused, setFocused] = useState(false);
  const [emitted, setEmitted] = useState<string | null>(null);
  const [seen, setSeen] = useState(value);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [calendar, setCalendar] = useState(false);
  if (value !== seen) {
    setSeen(value);
    // A value set from elsewhere (a form reset, another window) replaces the text, unless it is being typed.
    if (value !== emitted && !focused) {
      setDraft(null);
      setLeft(false);
    }
  }

  const text = draft ?? dateInputText(kind, value);
  const parsed = parseDateInput(kind, text);
  const own = !parsed.ok ? t(parsed.problem.key, parsed.problem.params) : required && parsed.value === '' ? t('err.required') : '';
  const shown = saveError ?? (own ? (left || showErrors ? own : '') : (error ?? ''));

  const edit = (next: string) => {
    setDraft(next);
    setLeft(false);
    setSaveError(null);
    lastSent.current = null;
    const r = parseDateInput(kind, next);
    const v = r.ok ? r.value : unreadableValue(next);
    setEmitted(v);
    onChange?.(v);
  };
  const commit = (next = text) => {
    setLeft(true);
    const r = parseDateInput(kind, next);
    if (!r.ok || (required && r.value === '') || readOnly || disabled) return;
    // The normalised text stays until the stored value catches up with it.
    setDraft(dateInputText(kind, r.value));
    setEmitted(r.value);
    if (!onCommit || r.value === value || r.value === lastSent.current) return;
    lastSent.current = r.value;
    Promise.resolve(onCommit(r.value)).catch((err: unknown) => {
      lastSent.current = null;
      setSaveError(describeError(err, t));
    });
  };

  const pattern = dateInputPattern(kind);
  const describedBy = [hintId, shown ? errorId : null, rest['aria-describedby']].filter(Boolean).join(' ');
  return (
    <span className={`date-input ${className ?? ''}`} data-kind={kind}>
      <input
        {...rest}
        ref={inputRef}
        type="text"
        data-kind={kind}
        value={text}
        placeholder={rest.placeholder ?? pattern}
        maxLength={32}
        autoComplete="off"
        spellCheck={false}
        disabled={disabled}
        readOnly={readOnly}
        aria-invalid={shown ? true : undefined}
        aria-describedby={describedBy}
        onFocus={() => setFocused(true)}
        onChange={(e) => edit(e.target.value)}
        onBlur={() => {
          setFocused(false);
          commit();
          onBlur?.();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'ArrowDown' && e.altKey && kind === 'date') {
            e.preventDefault();
            setCalendar(true);
          }
          onKeyDown?.(e);
        }}
      />
      {kind === 'date' && !disabled && !readOnly && (
        <button ref={toggle} type="button" className="date-input-toggle" aria-label={t('calendar.open')} aria-haspopup="dialog" aria-expanded={calendar} onClick={() => setCalendar((open) => !open)}>
          <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
            <rect x="1.5" y="3" width="13" height="11.5" rx="1.5" fill="none" stroke="currentColor" />
            <path d="M1.5 6.5h13M5 1.5v3M11 1.5v3" stroke="currentColor" />
          </svg>
        </button>
      )}
      {calendar && (
        <CalendarPopup
          value={parsed.ok ? parsed.value : ''}
          toggle={toggle}
          onPick={(day) => {
            setCalendar(false);
            edit(day);
            commit(day);
            toggle.current?.focus();
          }}
          onClose={(refocus) => {
            setCalendar(false);
            if (refocus) toggle.current?.focus();
          }}
        />
      )}
      <span id={hintId} className="visually-hidden">
        {t('input.format', { pattern })}
      </span>
      {shown && (
        <span id={errorId} className="field-error" role="alert">
          {shown}
        </span>
      )}
    </span>
  );
}
