import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import type { Enrollment } from '@shared/admin/admin-api';
import { deviceRoleSchema } from '@shared/sync/protocol';
import { ErrorLine } from '../../components/error-line';
import { formatInstant } from '../../app/format';
import { useAdminI18n } from '../../i18n/admin-i18n';
import { enroll } from './mutations';

const enrollFormSchema = z.object({ role: deviceRoleSchema, name: z.string().trim().min(1, 'err.required').max(100, 'err.tooLong') });
type EnrollValues = z.infer<typeof enrollFormSchema>;

/** Role and name → the one-time code in big type, its QR code for the laptop's camera, and when it expires. */
export function EnrollPanel({ onEnrolled, onClose }: { onEnrolled: () => void; onClose: () => void }) {
  const { t, tError } = useAdminI18n();
  const [made, setMade] = useState<Enrollment | null>(null);
  const [error, setError] = useState<unknown>(null);
  const { register, handleSubmit, formState, reset } = useForm<EnrollValues>({ resolver: zodResolver(enrollFormSchema), defaultValues: { role: 'inspector', name: '' } });
  const submit = handleSubmit(async (values) => {
    setError(null);
    try {
      setMade(await enroll(values.role, values.name));
      onEnrolled();
    } catch (e) {
      setError(e);
    }
  });
  if (made)
    return (
      <section className="card enrollment" aria-labelledby="enrollment-title" data-testid="enrollment">
        <h2 id="enrollment-title">{t('enroll.code')}</h2>
        <div className="enrollment-body">
          <div>
            <p className="enroll-code mono" data-testid="enroll-code">
              {made.code}
            </p>
            <p>{t('enroll.for', { name: made.name, role: t(made.role === 'inspector' ? 'role.inspector' : 'role.reviewer') })}</p>
            <p className="muted" data-testid="enroll-expiry">
              {t('enroll.expires', { when: formatInstant(made.expiresAt) })}
            </p>
            <p className="small muted">{t('enroll.hint')}</p>
          </div>
          <img className="enroll-qr" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(made.qrSvg)}`} alt={t('enroll.qr')} data-testid="enroll-qr" />
        </div>
        <div className="actions">
          <button
            type="button"
            className="button"
            onClick={() => {
              setMade(null);
              reset();
            }}
          >
            {t('enroll.another')}
          </button>
          <button type="button" className="button" onClick={onClose}>
            {t('common.close')}
          </button>
        </div>
      </section>
    );
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="enroll-title" data-testid="enroll-form">
      <h2 id="enroll-title">{t('enroll.title')}</h2>
      <div className="grid-2">
        <label>
          {t('enroll.role')}
          <select {...register('role')}>
            <option value="inspector">{t('role.inspector')}</option>
            <option value="reviewer">{t('role.reviewer')}</option>
          </select>
        </label>
        <label>
          {t('enroll.name')}
          <input {...register('name')} maxLength={100} aria-invalid={formState.errors.name ? true : undefined} />
          {formState.errors.name && <span className="field-error">{tError(formState.errors.name.message)}</span>}
        </label>
      </div>
      <ErrorLine error={error} />
      <div className="actions">
        <button type="button" className="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button primary" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? t('common.working') : t('enroll.submit')}
        </button>
      </div>
    </form>
  );
}
