import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import type { DashboardFilter } from '@shared/review/dashboard';
import type { InspectionFacts } from '@shared/review/facts';
import { useI18n } from '../../i18n/i18n';
import { DateField } from '../../inputs/date-field';

const optionalDay = z.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'err.date.invalid')]);
const filterSchema = z
  .object({ from: optionalDay, to: optionalDay, unitCode: z.string(), templateId: z.string(), leader: z.string() })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: 'err.period.order', path: ['to'] });
type FilterValues = z.infer<typeof filterSchema>;

export function sameFilter(a: DashboardFilter, b: DashboardFilter): boolean {
  return a.from === b.from && a.to === b.to && a.unitCode === b.unitCode && a.templateId === b.templateId && a.leader === b.leader;
}

/** Period, unit, template and team: the filters every department page shares. */
export function FilterBar({ facts, onChange }: { facts: readonly InspectionFacts[]; onChange: (filter: DashboardFilter) => void }) {
  const { t, tError } = useI18n();
  const { register, control, formState, trigger } = useForm<FilterValues>({
    resolver: zodResolver(filterSchema),
    mode: 'onChange',
    defaultValues: { from: '', to: '', unitCode: '', templateId: '', leader: '' },
  });
  const values = useWatch({ control });
  useEffect(() => {
    void trigger().then((ok) => {
      if (!ok) return;
      onChange({ from: values.from || undefined, to: values.to || undefined, unitCode: values.unitCode || undefined, templateId: values.templateId || undefined, leader: values.leader || undefined });
    });
  }, [values.from, values.to, values.unitCode, values.templateId, values.leader, onChange, trigger]);

  const collator = new Intl.Collator('vi');
  const units = [...new Map(facts.map((f) => [f.unitCode, f.unitName])).entries()].sort((a, b) => collator.compare(a[1], b[1]));
  const templates = [...new Set(facts.flatMap((f) => f.templateIds))].sort();
  const leaders = [...new Set(facts.map((f) => f.leader).filter(Boolean))].sort(collator.compare);
  return (
    <form className="card filter-bar" onSubmit={(e) => e.preventDefault()} noValidate aria-label={t('review.filter')}>
      <label>
        {t('summary.from')}
        <DateField kind="date" control={control} name="from" aria-label={t('summary.from')} data-testid="filter-from" error={tError(formState.errors.from?.message)} />
      </label>
      <label>
        {t('summary.to')}
        <DateField kind="date" control={control} name="to" aria-label={t('summary.to')} data-testid="filter-to" error={tError(formState.errors.to?.message)} />
      </label>
      <label>
        {t('review.filter.unit')}
        <select {...register('unitCode')} data-testid="filter-unit">
          <option value="">{t('review.filter.all')}</option>
          {units.map(([code, name]) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('review.filter.template')}
        <select {...register('templateId')} data-testid="filter-template">
          <option value="">{t('review.filter.all')}</option>
          {templates.map((id) => (
            <option key={id} value={id}>
              {id}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('review.filter.team')}
        <select {...register('leader')} data-testid="filter-team">
          <option value="">{t('review.filter.all')}</option>
          {leaders.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
    </form>
  );
}
