import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { dateInputText, daysInMonth, MAX_YEAR, MIN_YEAR } from '@shared/time/date-input';
import { isoDay, toLocalIso } from '@shared/time/local-iso';
import { useI18n } from '../i18n/i18n';

const pad = (n: number) => String(n).padStart(2, '0');

/** Calendar arithmetic on YYYY-MM-DD in UTC, so no time zone or daylight saving shifts a day. */
function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + n)).toISOString().slice(0, 10);
}

function addMonths(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const first = new Date(Date.UTC(y!, m! - 1 + n, 1));
  const year = first.getUTCFullYear();
  const month = first.getUTCMonth() + 1;
  return `${year}-${pad(month)}-${pad(Math.min(d!, daysInMonth(year, month)))}`;
}

const inRange = (day: string) => Number(day.slice(0, 4)) >= MIN_YEAR && Number(day.slice(0, 4)) <= MAX_YEAR;

/**
 * A month to pick a day from, weeks starting on Monday as in Vietnam. Keyboard: arrows move by a
 * day or a week, Page Up/Down by a month, Home/End to the week's ends, Enter picks, Escape closes.
 */
export function CalendarPopup({ value, toggle, onPick, onClose }: { value: string; toggle: RefObject<HTMLButtonElement | null>; onPick: (day: string) => void; onClose: (refocus: boolean) => void }) {
  const { t } = useI18n();
  const today = isoDay(toLocalIso(new Date()));
  const [focus, setFocus] = useState(value && inRange(value) ? value : today);
  const box = useRef<HTMLDivElement>(null);
  const year = Number(focus.slice(0, 4));
  const month = Number(focus.slice(5, 7));

  useEffect(() => {
    box.current?.querySelector<HTMLButtonElement>(`[data-day="${focus}"]`)?.focus();
  }, [focus]);
  useEffect(() => {
    const outside = (e: MouseEvent) => {
      const target = e.target as Node;
      if (!box.current?.contains(target) && !toggle.current?.contains(target)) onClose(false);
    };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, [onClose, toggle]);

  const move = (next: string) => {
    if (inRange(next)) setFocus(next);
  };
  const onKey = (e: KeyboardEvent) => {
    const weekday = (new Date(`${focus}T00:00:00Z`).getUTCDay() + 6) % 7;
    const moves: Record<string, () => string> = {
      ArrowLeft: () => addDays(focus, -1),
      ArrowRight: () => addDays(focus, 1),
      ArrowUp: () => addDays(focus, -7),
      ArrowDown: () => addDays(focus, 7),
      PageUp: () => addMonths(focus, e.shiftKey ? -12 : -1),
      PageDown: () => addMonths(focus, e.shiftKey ? 12 : 1),
      Home: () => addDays(focus, -weekday),
      End: () => addDays(focus, 6 - weekday),
    };
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose(true);
    } else if (moves[e.key]) {
      e.preventDefault();
      move(moves[e.key]!());
    }
  };

  const lead = (new Date(Date.UTC(year, month - 1, 1)).getUTCDay() + 6) % 7;
  const cells: Array<string | null> = [...Array<null>(lead).fill(null), ...Array.from({ length: daysInMonth(year, month) }, (_, k) => `${year}-${pad(month)}-${pad(k + 1)}`)];
  while (cells.length % 7) cells.push(null);
  const weeks = Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
  const label = t('calendar.label', { month: pad(month), year });
  return (
    <div ref={box} className="calendar-popup" role="dialog" aria-label={label} onKeyDown={(e) => e.key === 'Escape' && onKey(e)} data-testid="calendar">
      <div className="calendar-head">
        <button type="button" className="small-button" aria-label={t('calendar.prevMonth')} onClick={() => move(addMonths(focus, -1))}>
          ‹
        </button>
        <strong aria-live="polite">{`${pad(month)}/${year}`}</strong>
        <button type="button" className="small-button" aria-label={t('calendar.nextMonth')} onClick={() => move(addMonths(focus, 1))}>
          ›
        </button>
      </div>
      <table role="grid" aria-label={label} onKeyDown={onKey}>
        <thead>
          <tr>
            {t('calendar.weekdays')
              .split(',')
              .map((d) => (
                <th key={d} scope="col">
                  {d}
                </th>
              ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week, w) => (
            <tr key={w}>
              {week.map((day, k) =>
                day ? (
                  <td key={day} aria-selected={day === value}>
                    <button type="button" data-day={day} tabIndex={day === focus ? 0 : -1} className={`${day === value ? 'selected' : ''} ${day === today ? 'today' : ''}`} aria-label={dateInputText('date', day)} aria-current={day === today ? 'date' : undefined} onClick={() => onPick(day)}>
                      {Number(day.slice(8))}
                    </button>
                  </td>
                ) : (
                  <td key={`blank-${k}`} />
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
