import type { RosterEntry } from '@shared/schemas';
import { useOptimisticSave } from './use-optimistic-save';

/**
 * One checkbox per person on the roll call. A tick shows at once and is saved one person at a
 * time, so two windows ticking different people both keep their ticks.
 */
export function RosterCheckboxes({ roster, selected: stored, disabled, onToggle, horizontal, withPosition }: {
  roster: RosterEntry[];
  selected: string[];
  disabled: boolean;
  onToggle: (rosterId: string, include: boolean) => Promise<unknown>;
  horizontal?: boolean;
  withPosition?: boolean;
}) {
  const [selected, change] = useOptimisticSave(stored);
  return (
    <div className={horizontal ? 'checks horizontal' : 'checks'}>
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
            {r.name}
            {withPosition && r.position && <span className="muted small"> {r.position}</span>}
          </span>
        </label>
      ))}
    </div>
  );
}
