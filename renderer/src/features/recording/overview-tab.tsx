import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { z } from 'zod';
import { templateItems } from '@shared/schemas';
import { useI18n } from '../../i18n/i18n';
import { formatLocalDateTime } from '../../app/format';
import { describeError } from '../../app/describe-error';
import { FieldError } from '../inspections/field-error';
import { DateField } from '../../inputs/date-field';
import { ExportButton } from '../exchange/export-button';
import { useLegalBases } from '../reference/queries';
import type { TabProps } from './tab-props';

export function OverviewTab({ record, templates, locked, actions }: TabProps) {
  const { t, language, locale } = useI18n();
  const bases = useLegalBases();
  const { inspection } = record;
  const basisById = new Map((bases ?? []).map((b) => [b.id, b]));
  return (
    <div>
      <dl className="facts">
        <dt>{t('list.col.arrival')}</dt>
        <dd data-testid="arrival-at">{formatLocalDateTime(inspection.arrival.at, locale)}</dd>
        <dt>{t('unit.place')}</dt>
        <dd>{inspection.place}</dd>
        <dt>{t('unit.province')}</dt>
        <dd>{inspection.unit.province}</dd>
        <dt>{t('unit.code')}</dt>
        <dd>{inspection.unit.code}</dd>
        <dt>{t('detail.id')}</dt>
        <dd className="mono">{inspection.id}</dd>
        <dt>{t('detail.revision')}</dt>
        <dd>{inspection.revision}</dd>
        {inspection.correction && (
          <>
            <dt>{t('correction.reason')}</dt>
            <dd>{inspection.correction.reason}</dd>
          </>
        )}
        <dt>{t('detail.updatedAt')}</dt>
        <dd>{formatLocalDateTime(inspection.updatedAt, locale)}</dd>
      </dl>
      {inspection.arrival.adjustments.length > 0 && (
        <ul className="plain small" data-testid="arrival-adjustments">
          {inspection.arrival.adjustments.map((a) => (
            <li key={a.at}>
              {t('arrival.adjusted', { from: formatLocalDateTime(a.from, locale), to: formatLocalDateTime(a.to, locale), reason: a.reason })}
            </li>
          ))}
        </ul>
      )}
      {!locked && <ArrivalForm current={inspection.arrival.at} onAdjust={actions.adjustArrival} />}
      <p>
        <ExportButton id={inspection.id} />
      </p>

      <h2>{t('new.section.team')}</h2>
      <ul className="plain">
        {inspection.team.map((m) => (
          <li key={m.id}>
            <strong>{m.name}</strong>
            {m.position && `, ${m.position}`}
            {m.agency && ` — ${m.agency}`} <span className="muted">({t(`role.${m.role}`)})</span>
          </li>
        ))}
      </ul>

      <h2>{t('reps.title')}</h2>
      <RepresentativesForm key={inspection.revision} initial={inspection.unitRepresentatives} locked={locked} onSave={actions.setUnitRepresentatives} />

      <h2>{t('new.section.bases')}</h2>
      <ul className="plain">
        {inspection.legalBasisIds.map((basisId) => {
          const b = basisById.get(basisId);
          return <li key={basisId}>{b ? `${b.kind[language]} ${b.number}: ${b.subject[language]}` : basisId}</li>;
        })}
      </ul>

      <h2>{t('new.section.templates')}</h2>
      <ul className="plain">
        {templates.map((tpl) => (
          <li key={tpl.id}>
            {tpl.id} — {tpl.title[language]} ({t('detail.items', { n: templateItems(tpl).length })})
          </li>
        ))}
      </ul>
    </div>
  );
}

const arrivalSchema = z.object({
  at: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'err.datetime.invalid'),
  reason: z.string().trim().min(1, 'err.arrival.reasonRequired').max(500, 'err.tooLong'),
});

/** Changing the stamped arrival time always records why. */
function ArrivalForm({ current, onAdjust }: { current: string; onAdjust: (to: Date, reason: string) => Promise<unknown> }) {
  const { t, tError } = useI18n();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { register, control, handleSubmit, formState, reset } = useForm<z.infer<typeof arrivalSchema>>({
    resolver: zodResolver(arrivalSchema),
    defaultValues: { at: current.slice(0, 16), reason: '' },
  });
  if (!open) {
    return (
      <button type="button" className="link" onClick={() => setOpen(true)} data-testid="adjust-arrival">
        {t('arrival.adjust')}
      </button>
    );
  }
  return (
    <form
      className="inline-form"
      noValidate
      onSubmit={(e) =>
        void handleSubmit(async (v) => {
          try {
            await onAdjust(new Date(v.at), v.reason);
            reset({ at: v.at, reason: '' });
            setOpen(false);
          } catch (err) {
            setError(describeError(err, t));
          }
        })(e)
      }
    >
      <label className="field">
        <span>{t('arrival.newTime')}</span>
        <DateField kind="datetime" control={control} name="at" aria-label={t('arrival.newTime')} error={tError(formState.errors.at?.message)} />
      </label>
      <label className="field">
        <span>{t('arrival.reason')}</span>
        <input {...register('reason')} aria-invalid={!!formState.errors.reason} />
        <FieldError message={tError(formState.errors.reason?.message)} />
      </label>
      <button type="submit" className="button">
        {t('common.save')}
      </button>
      <button type="button" className="link" onClick={() => setOpen(false)}>
        {t('common.cancel')}
      </button>
      {error && <span className="field-error">{error}</span>}
    </form>
  );
}

const repsSchema = z.object({
  reps: z.array(z.object({ id: z.string(), name: z.string().trim().min(1, 'err.required').max(200, 'err.tooLong'), position: z.string().trim().max(200, 'err.tooLong') })).max(10, 'err.tooMany'),
});

function RepresentativesForm({ initial, locked, onSave }: { initial: Array<{ id: string; name: string; position: string }>; locked: boolean; onSave: (reps: Array<{ id: string; name: string; position: string }>) => Promise<unknown> }) {
  const { t, tError } = useI18n();
  const [saved, setSaved] = useState<string | null>(null);
  const { register, control, handleSubmit, formState } = useForm<z.infer<typeof repsSchema>>({ resolver: zodResolver(repsSchema), defaultValues: { reps: initial } });
  const rows = useFieldArray({ control, name: 'reps' });
  if (locked) {
    return (
      <ul className="plain">
        {initial.map((r) => (
          <li key={r.id}>
            <strong>{r.name}</strong>
            {r.position && `, ${r.position}`}
          </li>
        ))}
      </ul>
    );
  }
  return (
    <form
      noValidate
      onSubmit={(e) =>
        void handleSubmit(async (v) => {
          setSaved(null);
          try {
            await onSave(v.reps);
            setSaved(t('reps.saved'));
          } catch (err) {
            setSaved(describeError(err, t));
          }
        })(e)
      }
    >
      {rows.fields.map((row, i) => (
        <div key={row.id} className="inline-form" data-testid="rep-row">
          <label className="field">
            <span>{t('team.name')}</span>
            <input {...register(`reps.${i}.name`)} aria-invalid={!!formState.errors.reps?.[i]?.name} />
            <FieldError message={tError(formState.errors.reps?.[i]?.name?.message)} />
          </label>
          <label className="field">
            <span>{t('team.position')}</span>
            <input {...register(`reps.${i}.position`)} />
          </label>
          <button type="button" className="link" onClick={() => rows.remove(i)}>
            {t('common.remove')}
          </button>
        </div>
      ))}
      <button type="button" className="button" onClick={() => rows.append({ id: crypto.randomUUID(), name: '', position: '' })}>
        {t('reps.add')}
      </button>{' '}
      <button type="submit" className="button primary" data-testid="save-reps">
        {t('common.save')}
      </button>
      {saved && <span className="muted"> {saved}</span>}
    </form>
  );
}
