import type { RosterEntry } from '@shared/schemas';
import { useI18n } from '../../i18n/i18n';

/** Choose people from the roll call (e.g. those involved in a finding). */
export function PeoplePicker({ label, roster, selected, disabled, onToggle }: { label: string; roster: RosterEntry[]; selected: string[]; disabled: boolean; onToggle: (rosterId: string, include: boolean) => void }) {
  const { t } = useI18n();
  const chosen = roster.filter((r) => selected.includes(r.id));
  return (
    <details className="people-picker">
      <summary>
        {label}: {chosen.length === 0 ? t('people.none') : chosen.map((r) => r.name).join(', ')}
      </summary>
      <div className="checks">
        {roster.map((r) => (
          <label key={r.id} className="check">
            <input
              type="checkbox"
              checked={selected.includes(r.id)}
              disabled={disabled}
              onChange={(e) => onToggle(r.id, e.target.checked)}
            />
            <span>
              {r.name} <span className="muted small">{r.position}</span>
            </span>
          </label>
        ))}
      </div>
    </details>
  );
}
