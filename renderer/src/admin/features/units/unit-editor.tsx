import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { unitLevels, unitSchema, type Unit } from '@shared/schemas';
import { hashOf } from '../../app/router';
import { ErrorLine } from '../../components/error-line';
import { useAdminI18n } from '../../i18n/admin-i18n';
import { saveUnit } from './mutations';
import { useUnit } from './queries';

type UnitValues = z.input<typeof unitSchema>;

export function UnitEditorPage({ code }: { code: string }) {
  const { t } = useAdminI18n();
  const unit = useUnit(code);
  // Kept here: the form is made afresh from the saved unit once the hub has it.
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <section aria-labelledby="unit-title">
      <p>
        <a href={hashOf('units')}>{t('unit.back')}</a>
      </p>
      <div className="page-head">
        <h1 id="unit-title">{t('unit.title', { code })}</h1>
      </div>
      <ErrorLine error={unit.error} />
      {saved && (
        <p className="notice" role="status" data-testid="unit-saved">
          {saved}
        </p>
      )}
      {unit.data ? (
        <UnitForm
          key={JSON.stringify(unit.data)}
          unit={unit.data}
          onEdit={() => setSaved(null)}
          onSaved={() => {
            setSaved(t('unit.saved', { code }));
            unit.reload();
          }}
        />
      ) : (
        !unit.error && <p className="muted">{t('common.loading')}</p>
      )}
    </section>
  );
}

function UnitForm({ unit, onEdit, onSaved }: { unit: Unit; onEdit: () => void; onSaved: () => void }) {
  const { t, tError } = useAdminI18n();
  const [error, setError] = useState<unknown>(null);
  const { register, handleSubmit, formState, control } = useForm<UnitValues, unknown, Unit>({ resolver: zodResolver(unitSchema), defaultValues: unit });
  const staff = useFieldArray({ control, name: 'staff' });
  const errors = formState.errors;
  const submit = handleSubmit(async (values) => {
    setError(null);
    onEdit();
    try {
      await saveUnit({ ...values, code: unit.code });
      onSaved();
    } catch (e) {
      setError(e);
    }
  });
  return (
    <form className="form" onSubmit={submit} noValidate data-testid="unit-form">
      <fieldset>
        <div className="grid">
          <div className="field wide">
            <label htmlFor="unit-name">{t('unit.name')}</label>
            <input id="unit-name" {...register('name')} maxLength={200} aria-invalid={errors.name ? true : undefined} />
            {errors.name && <span className="field-error">{tError(errors.name.message)}</span>}
          </div>
          <div className="field">
            <label htmlFor="unit-level">{t('unit.level')}</label>
            <select id="unit-level" {...register('level')}>
              {unitLevels.map((level) => (
                <option key={level} value={level}>
                  {t(`level.${level}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="unit-province">{t('unit.province')}</label>
            <input id="unit-province" {...register('province')} maxLength={200} aria-invalid={errors.province ? true : undefined} />
            {errors.province && <span className="field-error">{tError(errors.province.message)}</span>}
          </div>
          <div className="field wide">
            <label htmlFor="unit-address">{t('unit.address')}</label>
            <input id="unit-address" {...register('address')} maxLength={200} aria-invalid={errors.address ? true : undefined} />
            {errors.address && <span className="field-error">{tError(errors.address.message)}</span>}
          </div>
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('unit.staff', { n: staff.fields.length })}</legend>
        <table className="team-table" data-testid="staff-table">
          <thead>
            <tr>
              <th scope="col">{t('unit.person')}</th>
              <th scope="col">{t('unit.position')}</th>
              <th scope="col">{t('unit.department')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {staff.fields.map((field, i) => (
              <tr key={field.id}>
                <td>
                  <input {...register(`staff.${i}.name`)} aria-label={`${t('unit.person')} ${i + 1}`} maxLength={200} aria-invalid={errors.staff?.[i]?.name ? true : undefined} />
                  {errors.staff?.[i]?.name && <span className="field-error">{tError(errors.staff[i].name.message)}</span>}
                </td>
                <td>
                  <input {...register(`staff.${i}.position`)} aria-label={`${t('unit.position')} ${i + 1}`} maxLength={200} />
                </td>
                <td>
                  <input {...register(`staff.${i}.department`)} aria-label={`${t('unit.department')} ${i + 1}`} maxLength={200} />
                </td>
                <td>
                  <button type="button" className="link" onClick={() => staff.remove(i)}>
                    {t('unit.removePerson')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {errors.staff?.message && <span className="field-error">{tError(errors.staff.message)}</span>}
        <button type="button" className="button small-button" onClick={() => staff.append({ id: crypto.randomUUID(), name: '', position: '', department: '' })}>
          {t('unit.addPerson')}
        </button>
      </fieldset>
      <ErrorLine error={error} />
      <div className="actions">
        <button type="submit" className="button primary" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? t('common.working') : t('common.save')}
        </button>
      </div>
    </form>
  );
}
