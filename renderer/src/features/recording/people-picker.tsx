import type { RosterEntry } from '@shared/schemas';
import { useI18n } from '../../i18n/i18n';
import { RosterCheckboxes } from './roster-checkboxes';

/** Choose people from the roll call (e.g. those involved in a finding). */
export function PeoplePicker({ label, roster, selected, disabled, onToggle }: { label: string; roster: RosterEntry[]; selected: string[]; disabled: boolean; onToggle: (rosterId: string, include: boolean) => Promise<unknown> }) {
  const { t } = useI18n();
  const chosen = roster.filter((r) => selected.includes(r.id));
  return (
    <details className="people-picker">
      <summary>
        {label}: {chosen.length === 0 ? t('people.none') : chosen.map((r) => r.name).join(', ')}
      </summary>
      <RosterCheckboxes roster={roster} selected={selected} disabled={disabled} onToggle={onToggle} withPosition />
    </details>
  );
}
