import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { allItemResults } from '@shared/inspection/item-results';
import { measures, templateItems, templateRef, type Recommendation } from '@shared/schemas';
import { isoDateSchema } from '@shared/schemas/common';
import { isoDay } from '@shared/time/local-iso';
import { useI18n } from '../../i18n/i18n';
import { useConfirm } from '../../app/confirm-dialog';
import { describeError } from '../../app/describe-error';
import { FieldError } from '../inspections/field-error';
import { DateField } from '../../inputs/date-field';
import { vnDate } from '@shared/report/vn-date';
import { AutosaveText } from './autosave-text';
import type { TabProps } from './tab-props';

const measureKeys = { remind: 'measure.remind', 'self-criticism': 'measure.selfCriticism', 'propose-discipline': 'measure.discipline', remedy: 'measure.remedy' } as const;

/** A deadline to remedy is on or after the day of the inspection (day: YYYY-MM-DD). */
const formSchema = (day: string) =>
  z.object({
    target: z.string().min(1, 'err.required'),
    measure: z.enum(measures),
    text: z.string().trim().min(1, 'err.recommendation.textRequired').max(5000, 'err.tooLong'),
    deadline: z.union([z.literal(''), isoDateSchema.refine((d) => d >= day, 'err.recommendation.deadlineBeforeInspection')]),
  });
type FormValues = z.infer<ReturnType<typeof formSchema>>;

function parseTarget(value: string): Recommendation['target'] {
  if (value === 'unit') return { kind: 'unit' };
  const [kind, ref] = value.split(':');
  return kind === 'person' ? { kind: 'person', rosterId: ref! } : { kind: 'finding', itemCode: ref! };
}

export function ConclusionsTab({ record, templates, locked, actions }: TabProps) {
  const { t, tError, language } = useI18n();
  const [dialog, confirm] = useConfirm();
  const [error, setError] = useState<string | null>(null);
  const items = new Map(templates.flatMap(templateItems).map((i) => [i.code, i]));
  // The items found in breach, as the record and the exports judge them (ruled counts and the roll call included).
  const flagged = allItemResults(record, new Map(templates.map((tpl) => [templateRef(tpl), tpl]))).filter((r) => r.verdict === 'violation');
  const people = new Map(record.roster.map((r) => [r.id, r]));
  const day = isoDay(record.inspection.arrival.at);
  const { register, control, handleSubmit, reset, formState } = useForm<FormValues>({
    resolver: zodResolver(formSchema(day)),
    defaultValues: { target: 'unit', measure: 'remind', text: '', deadline: '' },
  });
  const submit = handleSubmit(async (v) => {
    setError(null);
    try {
      await actions.addRecommendation({ target: parseTarget(v.target), measure: v.measure, text: v.text, deadline: v.deadline || undefined });
      reset({ target: v.target, measure: v.measure, text: '', deadline: v.deadline });
    } catch (err) {
      setError(describeError(err, t));
    }
  });
  const remove = async (r: Recommendation) => {
    const ok = await confirm({
      title: t('rec.removeTitle'),
      message: (
        <p>
          {t('rec.removeBody', { target: targetLabel(r.target) })}
          <br />
          <q>{r.text}</q>
        </p>
      ),
      confirmLabel: t('common.remove'),
      danger: true,
    });
    if (ok) await actions.removeRecommendation(r.id).catch((err: unknown) => setError(describeError(err, t)));
  };
  const targetLabel = (target: Recommendation['target']) =>
    target.kind === 'unit'
      ? t('rec.unit')
      : target.kind === 'person'
        ? (people.get(target.rosterId)?.name ?? '?')
        : `${target.itemCode} — ${items.get(target.itemCode)?.text[language] ?? ''}`;

  return (
    <div>
      <h2>{t('conclusions.title')}</h2>
      {dialog}
      {flagged.length > 0 && (
        <p className="muted small">
          {t('conclusions.flagged')}: {flagged.map((f) => f.item.code).join(', ')}
        </p>
      )}
      <AutosaveText multiline value={record.inspection.conclusion} readOnly={locked} label={t('conclusions.title')} maxLength={20_000} onSave={(text) => actions.setConclusion(text)} testId="conclusion" />

      <h2>{t('rec.title')}</h2>
      {record.recommendations.length === 0 ? (
        <p className="muted">{t('rec.none')}</p>
      ) : (
        <table className="table" data-testid="recommendations">
          <thead>
            <tr>
              <th>{t('rec.target')}</th>
              <th>{t('rec.measure')}</th>
              <th>{t('rec.text')}</th>
              <th>{t('rec.deadline')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {record.recommendations.map((r) => (
              <tr key={r.id}>
                <td>{targetLabel(r.target)}</td>
                <td>{t(measureKeys[r.measure])}</td>
                <td>{r.text}</td>
                <td>{r.deadline ? vnDate(r.deadline) : '—'}</td>
                <td>
                  {!locked && (
                    <button type="button" className="link" onClick={() => void remove(r)} aria-label={`${t('common.remove')}: ${r.text.slice(0, 60)}`}>
                      {t('common.remove')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!locked && (
        <form className="form grid" onSubmit={(e) => void submit(e)} noValidate aria-label={t('rec.add')}>
          <label className="field">
            <span>{t('rec.target')}</span>
            <select {...register('target')}>
              <option value="unit">{t('rec.unit')}</option>
              <optgroup label={t('rec.findings')}>
                {flagged.map((f) => (
                  <option key={`${f.ref}/${f.item.code}`} value={`finding:${f.item.code}`}>
                    {f.item.code} — {f.item.text[language]}
                  </option>
                ))}
              </optgroup>
              <optgroup label={t('rec.people')}>
                {record.roster.map((r) => (
                  <option key={r.id} value={`person:${r.id}`}>
                    {r.name}
                  </option>
                ))}
              </optgroup>
            </select>
          </label>
          <label className="field">
            <span>{t('rec.measure')}</span>
            <select {...register('measure')}>
              {measures.map((m) => (
                <option key={m} value={m}>
                  {t(measureKeys[m])}
                </option>
              ))}
            </select>
          </label>
          <label className="field wide">
            <span>{t('rec.text')}</span>
            <textarea rows={2} {...register('text')} aria-invalid={!!formState.errors.text} />
            <FieldError message={tError(formState.errors.text?.message)} />
          </label>
          <label className="field">
            <span>{t('rec.deadline')}</span>
            <DateField kind="date" control={control} name="deadline" aria-label={t('rec.deadline')} error={tError(formState.errors.deadline?.message)} />
          </label>
          <div className="actions">
            <button type="submit" className="button primary" disabled={formState.isSubmitting}>
              {t('rec.add')}
            </button>
          </div>
          {error && (
            <p className="alert" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
