import type { RosterEntry } from '@shared/schemas';
import { useI18n } from '../../i18n/i18n';
import { useOptimisticSave } from './use-optimistic-save';

/** Choose people from the roll call (e.g. those involved in a finding). */
export function PeoplePicker({ label, roster, selected: stored, disabled, onToggle }: { label: string; roster: RosterEntry[]; selected: string[]; disabled: boolean; onToggle: (rosterId: string, include: boolean) => Promise<unknown> }) {
  const { t } = useI18n();
  const [selected, change] = useOptimisticSave(stored);
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
              onChange={(e) => {
                const include = e.target.checked;
                change(include ? [...selected, r.id] : selected.filter((id) => id !== r.id), () => onToggle(r.id, include));
              }}
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
