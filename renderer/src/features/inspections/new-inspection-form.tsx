import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { Controller, useFieldArray, useForm } from 'react-hook-form';
import { defaultInspectionBasisIds } from '@shared/legal-bases/default-legal-bases';
import {
  newInspectionInputSchema,
  type NewInspectionFormValues,
  type NewInspectionInput,
} from '@shared/inspection/new-inspection';
import { teamRoles, templateRef, unitLevels, type LegalBasis, type Template, type Unit } from '@shared/schemas';
import { templateItems } from '@shared/schemas/template';
import { useI18n } from '../../i18n/i18n';
import { navigate } from '../../app/router';
import { describeError } from '../../app/describe-error';
import { CheckboxGroup } from './checkbox-group';
import { FieldError } from './field-error';
import { StaffFields } from './staff-fields';
import type { DraftValues } from './form-draft';
import { useCreateInspection } from './mutations';

interface Props {
  arrival: { arrivedAt: Date; monotonicMs: number };
  /** What was typed before a reload, or null for a fresh form. */
  initial: DraftValues | null;
  /** Called with the form's values at every change, to keep them as a draft. */
  onValues: (values: DraftValues) => void;
  /** Stores the inspection through `create`, the draft's writes held meanwhile (the commit removes it). */
  whileCreating: <T>(create: () => Promise<T>) => Promise<T>;
  bases: LegalBasis[];
  templates: Template[];
  units: Unit[];
}

const emptyUnit: NewInspectionFormValues['unit'] = { code: '', name: '', level: 'commune', province: '', address: '', staff: [] };

export function NewInspectionForm({ arrival, initial, onValues, whileCreating, bases, templates, units }: Props) {
  const { t, tError, language } = useI18n();
  const create = useCreateInspection();
  const [saveError, setSaveError] = useState<string | null>(null);
  const form = useForm<NewInspectionFormValues, unknown, NewInspectionInput>({
    resolver: zodResolver(newInspectionInputSchema),
    defaultValues: initial ?? {
      unit: emptyUnit,
      place: '',
      team: [
        { name: '', position: '', agency: '', role: 'leader' },
        { name: '', position: '', agency: '', role: 'member' },
        { name: '', position: '', agency: '', role: 'recorder' },
      ],
      legalBasisIds: bases.filter((b) => defaultInspectionBasisIds.includes(b.id)).map((b) => b.id),
      templateRefs: templates.map(templateRef),
    },
  });
  const { register, control, handleSubmit, setValue, formState, subscribe } = form;
  const { errors, isSubmitting } = formState;
  useEffect(() => subscribe({ formState: { values: true }, callback: ({ values }) => onValues(values as DraftValues) }), [subscribe, onValues]);
  const team = useFieldArray({ control, name: 'team' });
  // A version retired or superseded since the draft was typed is no longer a box to tick: it is not kept ticked unseen.
  const offeredKey = templates.map(templateRef).join();
  useEffect(() => {
    const offered = new Set(offeredKey.split(','));
    const chosen = form.getValues('templateRefs') ?? [];
    if (chosen.some((ref) => !offered.has(ref))) setValue('templateRefs', chosen.filter((ref) => offered.has(ref)));
  }, [offeredKey, form, setValue]);

  const onSubmit = handleSubmit(async (input) => {
    setSaveError(null);
    try {
      const inspection = await whileCreating(() => create(input, { ...arrival, now: new Date() }));
      navigate({ name: 'inspection', id: inspection.id, tab: 'roll-call' });
    } catch (error) {
      setSaveError(t('new.saveFailed', { reason: describeError(error, t) }));
    }
  });

  const chooseUnit = (code: string) => {
    const unit = units.find((u) => u.code === code);
    // "New unit" leaves what was typed alone; a known unit fills in its details and staff list.
    if (!unit) return;
    setValue('unit', structuredClone(unit), { shouldValidate: formState.isSubmitted });
    if (!form.getValues('place').trim()) setValue('place', [unit.name, unit.address].filter(Boolean).join(', '), { shouldValidate: formState.isSubmitted });
  };

  const teamError = errors.team?.message ?? errors.team?.root?.message;

  return (
    <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate aria-label={t('new.title')}>
      <fieldset>
        <legend>{t('new.section.unit')}</legend>
        {units.length > 0 && (
          <label className="field wide">
            <span>{t('new.existingUnit')}</span>
            <select defaultValue="" onChange={(e) => chooseUnit(e.target.value)} data-testid="existing-unit">
              <option value="">{t('new.newUnit')}</option>
              {units.map((u) => (
                <option key={u.code} value={u.code}>
                  {u.name} — {u.province}
                </option>
              ))}
            </select>
          </label>
        )}
        <div className="grid">
          <label className="field">
            <span>{t('unit.name')}</span>
            <input {...register('unit.name')} aria-invalid={!!errors.unit?.name} />
            <FieldError message={tError(errors.unit?.name?.message)} />
          </label>
          <label className="field">
            <span>{t('unit.code')}</span>
            <input {...register('unit.code')} aria-invalid={!!errors.unit?.code} inputMode="numeric" />
            <FieldError message={tError(errors.unit?.code?.message)} />
          </label>
          <label className="field">
            <span>{t('unit.level')}</span>
            <select {...register('unit.level')}>
              {unitLevels.map((level) => (
                <option key={level} value={level}>
                  {t(`level.${level}`)}
                </option>
              ))}
            </select>
            <FieldError message={tError(errors.unit?.level?.message)} />
          </label>
          <label className="field">
            <span>{t('unit.province')}</span>
            <input {...register('unit.province')} aria-invalid={!!errors.unit?.province} />
            <FieldError message={tError(errors.unit?.province?.message)} />
          </label>
          <label className="field wide">
            <span>
              {t('unit.address')} <span className="muted">{t('common.optional')}</span>
            </span>
            <input {...register('unit.address')} />
            <FieldError message={tError(errors.unit?.address?.message)} />
          </label>
          <label className="field wide">
            <span>{t('unit.place')}</span>
            <input {...register('place')} aria-invalid={!!errors.place} />
            <FieldError message={tError(errors.place?.message)} />
          </label>
        </div>
      </fieldset>

      <StaffFields control={control} register={register} errors={errors} />

      <fieldset>
        <legend>{t('new.section.team')}</legend>
        <p className="muted small">{t('new.teamHint')}</p>
        <table className="team-table">
          <thead>
            <tr>
              <th>{t('team.name')}</th>
              <th>{t('team.position')}</th>
              <th>{t('team.agency')}</th>
              <th>{t('team.role')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {team.fields.map((row, index) => (
              <tr key={row.id} data-testid="team-row">
                <td>
                  <input {...register(`team.${index}.name`)} aria-label={t('team.name')} aria-invalid={!!errors.team?.[index]?.name} />
                  <FieldError message={tError(errors.team?.[index]?.name?.message)} />
                </td>
                <td>
                  <input {...register(`team.${index}.position`)} aria-label={t('team.position')} aria-invalid={!!errors.team?.[index]?.position} />
                  <FieldError message={tError(errors.team?.[index]?.position?.message)} />
                </td>
                <td>
                  <input {...register(`team.${index}.agency`)} aria-label={t('team.agency')} aria-invalid={!!errors.team?.[index]?.agency} />
                  <FieldError message={tError(errors.team?.[index]?.agency?.message)} />
                </td>
                <td>
                  <select {...register(`team.${index}.role`)} aria-label={t('team.role')}>
                    {teamRoles.map((role) => (
                      <option key={role} value={role}>
                        {t(`role.${role}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <button type="button" className="link" onClick={() => team.remove(index)} disabled={team.fields.length <= 2}>
                    {t('common.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <FieldError message={tError(teamError)} testId="team-error" />
        <button
          type="button"
          className="button"
          onClick={() => team.append({ name: '', position: '', agency: '', role: 'member' })}
        >
          {t('new.addMember')}
        </button>
      </fieldset>

      <fieldset>
        <legend>{t('new.section.bases')}</legend>
        <p className="muted small">{t('new.basesHint')}</p>
        <Controller
          control={control}
          name="legalBasisIds"
          render={({ field }) => (
            <CheckboxGroup
              name="legalBasisIds"
              value={field.value}
              onChange={field.onChange}
              options={bases.map((b) => ({
                value: b.id,
                label: `${b.kind[language]} ${b.number}`,
                detail: b.subject[language],
              }))}
            />
          )}
        />
        <FieldError message={tError(errors.legalBasisIds?.message)} />
      </fieldset>

      <fieldset>
        <legend>{t('new.section.templates')}</legend>
        <Controller
          control={control}
          name="templateRefs"
          render={({ field }) => (
            <CheckboxGroup
              name="templateRefs"
              value={field.value}
              onChange={field.onChange}
              options={templates.map((tpl) => ({
                value: templateRef(tpl),
                label: `${tpl.id} — ${tpl.title[language]}`,
                detail: t('detail.items', { n: templateItems(tpl).length }),
              }))}
            />
          )}
        />
        <FieldError message={tError(errors.templateRefs?.message)} />
      </fieldset>

      {Object.keys(errors).length > 0 && (
        <p className="alert" role="alert" data-testid="form-errors">
          {t('new.fixErrors')}
        </p>
      )}
      {saveError && (
        <p className="alert" role="alert" data-testid="save-error">
          {saveError}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button primary" disabled={isSubmitting}>
          {isSubmitting ? t('new.saving') : t('new.submit')}
        </button>
      </div>
    </form>
  );
}
