import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { attendanceStatuses, type AttendanceStatus, type RosterEntry } from '@shared/schemas';
import { useI18n } from '../../i18n/i18n';
import { FieldError } from '../inspections/field-error';
import { DateTextInput } from '../../inputs/date-text-input';
import { AutosaveText } from './autosave-text';
import { newPersonSchema, type NewPerson } from './mutations';
import { rollCallCounts } from '@shared/inspection/roll-call';
import type { TabProps } from './tab-props';
import { useOptimisticSave } from './use-optimistic-save';

const statusKeys = {
  unmarked: 'att.unmarked',
  present: 'att.present',
  late: 'att.late',
  excused: 'att.excused',
  'on-mission': 'att.onMission',
  unexcused: 'att.unexcused',
} as const;
const verificationKeys = { 'mission-order': 'ver.missionOrder', 'leave-form': 'ver.leaveForm', 'phone-call': 'ver.phoneCall', other: 'ver.other' } as const;

export function RollCallTab({ record, locked, actions }: TabProps) {
  const { t } = useI18n();
  const counts = rollCallCounts(record.roster);
  return (
    <div>
      <div className="counts" data-testid="roll-call-counts" aria-live="polite">
        <strong>{t('rollCall.total', { n: counts.total })}</strong>
        {attendanceStatuses.map((s) => (
          <span key={s} className={`count count-${s}`} data-status={s}>
            {t(statusKeys[s])}: <strong>{counts[s]}</strong>
          </span>
        ))}
      </div>
      {record.roster.length === 0 && <p className="muted">{t('rollCall.empty')}</p>}
      <table className="table roll-call" data-testid="roll-call">
        <thead>
          <tr>
            <th>#</th>
            <th>{t('team.name')}</th>
            <th>{t('list.col.status')}</th>
            <th>{t('rollCall.detail')}</th>
            <th>{t('rollCall.note')}</th>
          </tr>
        </thead>
        <tbody>
          {record.roster.map((entry, i) => (
            <RosterRow key={entry.id} index={i} entry={entry} locked={locked} actions={actions} />
          ))}
        </tbody>
      </table>
      {!locked && <AddPersonForm onAdd={(p) => actions.addRosterPerson(p)} />}
    </div>
  );
}

function RosterRow({ entry, index, locked, actions }: { entry: RosterEntry; index: number; locked: boolean; actions: TabProps['actions'] }) {
  const { t } = useI18n();
  // The status and the late time change together, at once: the time field opens already showing
  // the time it will store, so nothing replaces it under someone starting to type.
  const [shown, change] = useOptimisticSave({ status: entry.status, arrivalTime: entry.arrivalTime });
  const status = shown.status;
  const set = (next: AttendanceStatus) => {
    // A late person needs the time they arrived; start from now, editable.
    const now = new Date();
    const arrivalTime = next === 'late' ? (entry.arrivalTime ?? `${String(now.getHours()).padStart(2, '0')}:${String(now.getMinutes()).padStart(2, '0')}`) : undefined;
    change({ status: next, arrivalTime }, () => actions.updateRosterEntry(entry.id, next === 'late' ? { status: next, arrivalTime } : { status: next }));
  };
  return (
    <tr data-testid="roster-row" data-status={status}>
      <td>{index + 1}</td>
      <td>
        <strong>{entry.name}</strong>
        <div className="muted small">{[entry.position, entry.department].filter(Boolean).join(' · ')}</div>
        {entry.addedOnSite && <span className="muted small">{t('rollCall.addedOnSite')}</span>}
      </td>
      <td>
        <div className="segmented" role="radiogroup" aria-label={`${t('list.col.status')}: ${entry.name}`}>
          {attendanceStatuses
            .filter((s) => s !== 'unmarked')
            .map((s) => (
              <button key={s} type="button" role="radio" aria-checked={status === s} disabled={locked} onClick={() => set(s)} className={`seg seg-${s}`}>
                {t(statusKeys[s])}
              </button>
            ))}
        </div>
      </td>
      <td>
        {status === 'late' && (
          <label className="inline">
            {t('rollCall.arrivedAt')}{' '}
            <DateTextInput
              kind="time"
              required
              value={shown.arrivalTime ?? ''}
              disabled={locked}
              aria-label={`${t('rollCall.arrivedAt')}: ${entry.name}`}
              // The time alone: a status another window set since is not undone by a time typed here
              // (the save is then refused, and says so on the field).
              onCommit={(arrivalTime) => actions.updateRosterEntry(entry.id, { arrivalTime })}
            />
          </label>
        )}
        {(status === 'excused' || status === 'on-mission' || status === 'unexcused') && (
          <label className="inline">
            {t('rollCall.verifiedBy')}{' '}
            <select
              value={entry.verification ?? ''}
              disabled={locked}
              aria-label={`${t('rollCall.verifiedBy')}: ${entry.name}`}
              onChange={(e) => void actions.updateRosterEntry(entry.id, { verification: (e.target.value || undefined) as RosterEntry['verification'] }).catch(() => undefined)}
            >
              <option value="">{t('ver.none')}</option>
              {(Object.keys(verificationKeys) as Array<keyof typeof verificationKeys>).map((v) => (
                <option key={v} value={v}>
                  {t(verificationKeys[v])}
                </option>
              ))}
            </select>
          </label>
        )}
      </td>
      <td>
        <AutosaveText value={entry.note} readOnly={locked} label={`${t('rollCall.note')}: ${entry.name}`} onSave={(note) => actions.updateRosterEntry(entry.id, { note })} />
      </td>
    </tr>
  );
}

function AddPersonForm({ onAdd }: { onAdd: (p: NewPerson) => Promise<unknown> }) {
  const { t, tError } = useI18n();
  const { register, handleSubmit, reset, formState } = useForm<NewPerson>({
    resolver: zodResolver(newPersonSchema),
    defaultValues: { name: '', position: '', department: '' },
  });
  const submit = handleSubmit(async (person) => {
    await onAdd(person);
    reset();
  });
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} aria-label={t('rollCall.addPerson')} noValidate>
      <strong>{t('rollCall.addPerson')}</strong>
      <label className="field">
        <span>{t('team.name')}</span>
        <input {...register('name')} aria-invalid={!!formState.errors.name} />
        <FieldError message={tError(formState.errors.name?.message)} />
      </label>
      <label className="field">
        <span>{t('team.position')}</span>
        <input {...register('position')} />
      </label>
      <label className="field">
        <span>{t('rollCall.department')}</span>
        <input {...register('department')} />
      </label>
      <button type="submit" className="button" disabled={formState.isSubmitting}>
        {t('rollCall.add')}
      </button>
    </form>
  );
}
