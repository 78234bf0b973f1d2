import { useFieldArray, type Control, type FieldErrors, type UseFormRegister } from 'react-hook-form';
import type { NewInspectionFormValues } from '@shared/inspection/new-inspection';
import type { ImportedPerson } from '@shared/roster-import/roster';
import { useI18n } from '../../i18n/i18n';
import { FieldError } from './field-error';
import { StaffImport } from './staff-import';

/** The unit's staff list, typed in or imported from CSV/XLSX; the roll call starts from it. */
export function StaffFields({ control, register, errors }: { control: Control<NewInspectionFormValues>; register: UseFormRegister<NewInspectionFormValues>; errors: FieldErrors<NewInspectionFormValues> }) {
  const { t, tError } = useI18n();
  const staff = useFieldArray({ control, name: 'unit.staff' });
  const withIds = (people: ImportedPerson[]) => people.map((p) => ({ id: crypto.randomUUID(), ...p }));

  return (
    <fieldset>
      <legend>{t('staff.title', { n: staff.fields.length })}</legend>
      <p className="muted small">{t('staff.hint')}</p>
      {staff.fields.length > 0 && (
        <table className="team-table" data-testid="staff-table">
          <thead>
            <tr>
              <th>#</th>
              <th>{t('team.name')}</th>
              <th>{t('team.position')}</th>
              <th>{t('rollCall.department')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {staff.fields.map((row, i) => (
              <tr key={row.id} data-testid="staff-row">
                <td>{i + 1}</td>
                <td>
                  <input {...register(`unit.staff.${i}.name`)} aria-label={t('team.name')} aria-invalid={!!errors.unit?.staff?.[i]?.name} />
                  <FieldError message={tError(errors.unit?.staff?.[i]?.name?.message)} />
                </td>
                <td>
                  <input {...register(`unit.staff.${i}.position`)} aria-label={t('team.position')} />
                  <FieldError message={tError(errors.unit?.staff?.[i]?.position?.message)} />
                </td>
                <td>
                  <input {...register(`unit.staff.${i}.department`)} aria-label={t('rollCall.department')} />
                  <FieldError message={tError(errors.unit?.staff?.[i]?.department?.message)} />
                </td>
                <td>
                  <button type="button" className="link" onClick={() => staff.remove(i)}>
                    {t('common.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <FieldError message={tError(errors.unit?.staff?.message ?? errors.unit?.staff?.root?.message)} />
      <button type="button" className="button" onClick={() => staff.append({ id: crypto.randomUUID(), name: '', position: '', department: '' })}>
        {t('staff.add')}
      </button>{' '}
      <StaffImport control={control} onReplace={(people) => staff.replace(withIds(people))} onAdd={(people) => staff.append(withIds(people))} />
    </fieldset>
  );
}
