import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, type UseFormRegister, type FieldErrors } from 'react-hook-form';
import { z } from 'zod';
import { isoDateSchema, legalBasisSchema, sourceTagSchema, type LegalBasis } from '@shared/schemas';
import { DateField } from '../../../inputs/date-field';
import { ErrorLine } from '../../components/error-line';
import { useAdminI18n } from '../../i18n/admin-i18n';
import type { AdminKey } from '../../i18n/catalogue';
import { publishLegalBasis } from './mutations';

const text = (max: number) => z.string().trim().min(1, 'err.required').max(max, 'err.tooLong');
const optionalText = z.string().trim().max(200, 'err.tooLong');
const optionalDay = z.union([z.literal(''), isoDateSchema]);

const formSchema = z
  .object({
    id: z.string().trim().regex(/^[A-Z0-9]{2,16}$/, 'err.legalBasis.id'),
    shortName: text(20),
    number: text(60),
    kindVi: text(100),
    kindEn: text(100),
    issuerVi: optionalText,
    issuerEn: optionalText,
    subjectVi: text(300),
    subjectEn: text(300),
    issuedOn: optionalDay,
    effectiveFrom: optionalDay,
    source: sourceTagSchema,
  })
  .refine((v) => (v.issuerVi === '') === (v.issuerEn === ''), { path: ['issuerEn'], message: 'legal.issuerPair' });
type FormValues = z.infer<typeof formSchema>;
type TextField = Exclude<keyof FormValues, 'issuedOn' | 'effectiveFrom' | 'source'>;

function toBasis(v: FormValues): LegalBasis {
  return legalBasisSchema.parse({
    id: v.id,
    shortName: v.shortName,
    number: v.number,
    kind: { vi: v.kindVi, en: v.kindEn },
    ...(v.issuerVi ? { issuer: { vi: v.issuerVi, en: v.issuerEn } } : {}),
    issuedOn: v.issuedOn || null,
    subject: { vi: v.subjectVi, en: v.subjectEn },
    effectiveFrom: v.effectiveFrom || null,
    effectiveTo: null,
    source: v.source,
  });
}

const empty: FormValues = { id: '', shortName: '', number: '', kindVi: '', kindEn: '', issuerVi: '', issuerEn: '', subjectVi: '', subjectEn: '', issuedOn: '', effectiveFrom: '', source: 'R' };

function TextInput({ name, label, register, errors, wide }: { name: TextField; label: AdminKey; register: UseFormRegister<FormValues>; errors: FieldErrors<FormValues>; wide?: boolean }) {
  const { t, tError } = useAdminI18n();
  return (
    <label className={wide ? 'wide' : undefined}>
      {t(label)}
      <input {...register(name)} aria-invalid={errors[name] ? true : undefined} />
      {errors[name] && <span className="field-error">{tError(errors[name].message)}</span>}
    </label>
  );
}

/** A new legal basis (or a new edition of one), published to every device at its next sync. */
export function LegalBasisForm({ onPublished }: { onPublished: (message: string) => void }) {
  const { t, tError } = useAdminI18n();
  const [error, setError] = useState<unknown>(null);
  const { register, handleSubmit, formState, control, reset } = useForm<FormValues>({ resolver: zodResolver(formSchema), defaultValues: empty });
  const errors = formState.errors;
  const submit = handleSubmit(async (values) => {
    setError(null);
    try {
      const basis = toBasis(values);
      await publishLegalBasis(basis);
      reset(empty);
      onPublished(t('legal.published', { id: basis.id }));
    } catch (e) {
      setError(e);
    }
  });
  const field = (name: TextField, label: AdminKey) => <TextInput name={name} label={label} register={register} errors={errors} />;
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="legal-new-title" data-testid="legal-basis-form">
      <h2 id="legal-new-title">{t('legal.new')}</h2>
      <div className="grid-2">
        {field('id', 'legal.id')}
        {field('shortName', 'legal.shortName')}
        {field('number', 'legal.number')}
        {field('kindVi', 'legal.kindVi')}
        {field('kindEn', 'legal.kindEn')}
        {field('issuerVi', 'legal.issuerVi')}
        {field('issuerEn', 'legal.issuerEn')}
        {field('subjectVi', 'legal.subjectVi')}
        {field('subjectEn', 'legal.subjectEn')}
        <label>
          {t('legal.issuedOn')}
          <DateField control={control} name="issuedOn" kind="date" aria-label={t('legal.issuedOn')} error={tError(errors.issuedOn?.message)} />
        </label>
        <label>
          {t('legal.effectiveFrom')}
          <DateField control={control} name="effectiveFrom" kind="date" aria-label={t('legal.effectiveFrom')} error={tError(errors.effectiveFrom?.message)} />
        </label>
        <label>
          {t('legal.source')}
          <select {...register('source')}>
            <option value="R">{t('legal.source.R')}</option>
            <option value="R2">{t('legal.source.R2')}</option>
            <option value="G">{t('legal.source.G')}</option>
          </select>
        </label>
      </div>
      <ErrorLine error={error} />
      <div className="actions">
        <button type="submit" className="button primary" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? t('common.working') : t('legal.publish')}
        </button>
      </div>
    </form>
  );
}
