import type { Answer, Finding, RosterEntry, TemplateItem } from '@shared/schemas';
import { useI18n } from '../../i18n/i18n';
import { DateTextInput } from '../../inputs/date-text-input';
import { AutosaveText } from './autosave-text';
import { RosterCheckboxes } from './roster-checkboxes';
import type { ChecklistActions } from './tab-props';
import { useOptimisticSave } from './use-optimistic-save';

interface Props {
  item: TemplateItem;
  finding: Finding;
  roster: RosterEntry[];
  locked: boolean;
  actions: ChecklistActions;
}

export function AnswerControl({ item, finding, roster, locked, actions }: Props) {
  const { t, language } = useI18n();
  const [answer, change] = useOptimisticSave(finding.answer);
  const save = (next: Answer | null) => change(next, () => actions.setAnswer(finding.id, next));
  switch (item.answerType) {
    case 'compliance': {
      const value = answer?.type === 'compliance' ? answer.value : null;
      // For an item worded as the breach ("Arrogance, harassment"), say plainly what C means.
      const breachWorded = item.wording === 'violation';
      const options = [
        ['C', breachWorded ? 'answer.noViolation' : 'answer.c', 'C'],
        ['NC', breachWorded ? 'answer.violation' : 'answer.nc', 'N'],
        ['NA', 'answer.na', 'A'],
      ] as const;
      return (
        <div className="segmented" role="radiogroup" aria-label={item.code}>
          {options.map(([v, key, shortcut]) => (
            <button key={v} type="button" role="radio" aria-checked={value === v} disabled={locked} className={`seg seg-${v}`} onClick={() => save({ type: 'compliance', value: v })}>
              {t(key)} <kbd>{shortcut}</kbd>
            </button>
          ))}
        </div>
      );
    }
    case 'count': {
      const values = answer?.type === 'count' ? answer.values : {};
      return (
        <div className="counts-input">
          {(item.countFields ?? []).map((field) => (
            <label key={field.key} className="inline">
              {field.label[language]}{' '}
              <AutosaveText
                type="number"
                readOnly={locked}
                value={values[field.key] === undefined ? '' : String(values[field.key])}
                label={`${item.code} ${field.label[language]}`}
                className="count-input"
                onSave={async (raw) => {
                  if (raw.trim() === '') return actions.setCountValue(finding.id, field.key, null);
                  const n = Number(raw);
                  // The browser lets "1e3" or "-1" through a number field; such input is not saved.
                  if (!Number.isInteger(n) || n < 0) throw new Error('err.count.integer');
                  return actions.setCountValue(finding.id, field.key, n);
                }}
              />{' '}
              {field.unit[language]}
            </label>
          ))}
        </div>
      );
    }
    case 'time':
      return (
        <DateTextInput
          kind="time"
          readOnly={locked}
          value={answer?.type === 'time' ? answer.value : ''}
          aria-label={item.code}
          onCommit={(v) => actions.setAnswer(finding.id, v ? { type: 'time', value: v } : null)}
        />
      );
    case 'text':
      return (
        <AutosaveText
          multiline
          value={answer?.type === 'text' ? answer.value : ''}
          readOnly={locked}
          label={item.code}
          onSave={(v) => actions.setAnswer(finding.id, v.trim() ? { type: 'text', value: v } : null)}
        />
      );
    case 'roster': {
      const ids = answer?.type === 'roster' ? answer.rosterIds : null;
      return (
        <div className="violators">
          <button type="button" className={`button small-button ${ids !== null && ids.length === 0 ? 'selected' : ''}`} disabled={locked} aria-pressed={ids !== null && ids.length === 0} onClick={() => save({ type: 'roster', rosterIds: [] })}>
            {t('answer.nobody')}
          </button>
          <RosterCheckboxes roster={roster} selected={ids ?? []} disabled={locked} horizontal onToggle={(rosterId, include) => actions.setViolator(finding.id, rosterId, include)} />
        </div>
      );
    }
  }
}
