import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { issuerOf } from '@shared/report/issuer';
import type { Inspection } from '@shared/schemas';
import { isoDateSchema } from '@shared/schemas/common';
import { isoDay, toLocalIso } from '@shared/time/local-iso';
import { vnDate } from '@shared/report/vn-date';
import { useI18n } from '../../i18n/i18n';
import { describeError } from '../../app/describe-error';
import { bridge } from '../../bridge/bridge';
import { FieldError } from '../inspections/field-error';
import { DateField } from '../../inputs/date-field';
import { useSummaryActions } from './mutations';
import { useInspectionsInPeriod } from './queries';

const formSchema = z
  .object({
    from: isoDateSchema,
    to: isoDateSchema,
    parentAgency: z.string().trim().min(1, 'err.required').max(200, 'err.tooLong'),
    agency: z.string().trim().min(1, 'err.required').max(200, 'err.tooLong'),
    place: z.string().trim().min(1, 'err.required').max(100, 'err.tooLong'),
    preparedBy: z.string().trim().min(1, 'err.required').max(200, 'err.tooLong'),
  })
  .refine((v) => v.from <= v.to, { message: 'err.period.order', path: ['to'] });
type FormValues = z.infer<typeof formSchema>;

/** The team lead's summary over a period: choose the inspections, then a PDF report or an XLSX. */
export function ReportsPage() {
  const { t, tError } = useI18n();
  const today = isoDay(toLocalIso(new Date()));
  const { register, handleSubmit, control, formState, setValue, getValues } = useForm<FormValues>({
    resolver: zodResolver(formSchema),
    // A period the wrong way round empties the list: say why as soon as a field is left.
    mode: 'onTouched',
    defaultValues: { from: `${today.slice(0, 8)}01`, to: today, parentAgency: '', agency: '', place: '', preparedBy: '' },
  });
  const [from, to] = useWatch({ control, name: ['from', 'to'] });
  const valid = isoDateSchema.safeParse(from).success && isoDateSchema.safeParse(to).success && from <= to;
  const inspections = useInspectionsInPeriod(valid ? from : '0000', valid ? to : '0000');
  const [excluded, setExcluded] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const actions = useSummaryActions();

  // The header is prefilled from the inspections, as the team that made them usually reports: each
  // field still empty takes the first value the chosen inspections give (a draft may lack some).
  useEffect(() => {
    if (!inspections || inspections.length === 0) return;
    const said = (pick: (i: Inspection) => string) => inspections.map(pick).find((v) => v.trim() !== '') ?? '';
    const fill = (field: 'parentAgency' | 'agency' | 'place' | 'preparedBy', value: string) => {
      if (!getValues(field)) setValue(field, value);
    };
    fill('parentAgency', said((i) => issuerOf(i).parentAgency));
    fill('agency', said((i) => issuerOf(i).agency));
    fill('place', said((i) => i.unit.province));
    fill('preparedBy', said((i) => i.team.find((m) => m.role === 'leader')?.name ?? ''));
  }, [inspections, getValues, setValue]);

  const chosen = (inspections ?? []).filter((i) => !excluded.has(i.id));
  const run = (kind: 'pdf' | 'xlsx') =>
    handleSubmit(async (v) => {
      setError(null);
      setDone(null);
      if (chosen.length === 0) return setError(t('summary.noneChosen'));
      try {
        const keys = chosen.map((i) => ({ id: i.id, revision: i.revision }));
        const data = kind === 'pdf' ? await actions.pdf(keys, v) : await actions.xlsx(keys);
        const name = `bao-cao-kiem-tra-${v.from}-${v.to}.${kind}`;
        const result = await bridge.files.save({ suggestedName: name, filter: kind === 'pdf' ? { name: 'PDF', extensions: ['pdf'] } : { name: 'Excel', extensions: ['xlsx'] }, data });
        if (result.saved) setDone(t('report.savedAs', { name: result.fileName }));
      } catch (e) {
        setError(describeError(e, t));
      }
    })();

  return (
    <section aria-labelledby="reports-title">
      <div className="page-head">
        <h1 id="reports-title">{t('nav.reports')}</h1>
      </div>
      <form className="card" onSubmit={(e) => e.preventDefault()} noValidate>
        <div className="grid-2">
          <label>
            {t('summary.from')}
            <DateField kind="date" control={control} name="from" required aria-label={t('summary.from')} data-testid="summary-from" error={tError(formState.errors.from?.message)} />
          </label>
          <label>
            {t('summary.to')}
            <DateField kind="date" control={control} name="to" required aria-label={t('summary.to')} data-testid="summary-to" error={tError(formState.errors.to?.message)} />
          </label>
          <label>
            {t('report.issue.parent')}
            <input {...register('parentAgency')} />
            <FieldError message={tError(formState.errors.parentAgency?.message)} />
          </label>
          <label>
            {t('report.issue.agency')}
            <input {...register('agency')} />
            <FieldError message={tError(formState.errors.agency?.message)} />
          </label>
          <label>
            {t('summary.place')}
            <input {...register('place')} />
            <FieldError message={tError(formState.errors.place?.message)} />
          </label>
          <label>
            {t('summary.preparedBy')}
            <input {...register('preparedBy')} data-testid="summary-prepared-by" />
            <FieldError message={tError(formState.errors.preparedBy?.message)} />
          </label>
        </div>
      </form>
      <section className="card" aria-labelledby="chosen-title">
        <h2 id="chosen-title">{t('summary.chosen', { n: chosen.length, total: inspections?.length ?? 0 })}</h2>
        {inspections === undefined ? (
          <p className="muted">{t('common.loading')}</p>
        ) : inspections.length === 0 ? (
          <p className="muted" data-testid="summary-empty">
            {t('summary.empty')}
          </p>
        ) : (
          <ul className="plain checklist-pick" data-testid="summary-list">
            {inspections.map((i) => (
              <li key={i.id}>
                <label>
                  <input
                    type="checkbox"
                    checked={!excluded.has(i.id)}
                    onChange={(e) =>
                      setExcluded((s) => {
                        const next = new Set(s);
                        if (e.target.checked) next.delete(i.id);
                        else next.add(i.id);
                        return next;
                      })
                    }
                  />{' '}
                  {vnDate(i.arrival.at)} — {i.unit.name} <span className={`badge ${i.status}`}>{t(i.status === 'finalized' ? 'status.finalized' : 'status.draft')}</span>
                </label>
              </li>
            ))}
          </ul>
        )}
        <div className="actions">
          <button type="button" className="button primary" onClick={() => void run('pdf')} disabled={formState.isSubmitting} data-testid="summary-pdf">
            {t('summary.pdf')}
          </button>
          <button type="button" className="button" onClick={() => void run('xlsx')} disabled={formState.isSubmitting} data-testid="summary-xlsx">
            {t('summary.xlsx')}
          </button>
        </div>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        {done && <p className="ok-text">{done}</p>}
      </section>
    </section>
  );
}
