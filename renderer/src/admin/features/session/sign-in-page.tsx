import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import type { AdminSession } from '@shared/admin/admin-api';
import { AdminApiError } from '../../api/api-error';
import { describeApiError, waitMinutes } from '../../api/describe-api-error';
import { LanguageSelect } from '../../components/language-select';
import { useAdminI18n } from '../../i18n/admin-i18n';
import { signIn } from './mutations';

const signInFormSchema = z.object({
  name: z.string().trim().min(1, 'err.required').max(100, 'err.tooLong'),
  password: z.string().min(1, 'err.required').max(256, 'err.tooLong'),
});
type SignInValues = z.infer<typeof signInFormSchema>;

export function SignInPage({ onSignedIn, notice }: { onSignedIn: (session: AdminSession) => void; notice?: string }) {
  const { t, tError } = useAdminI18n();
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, formState, resetField } = useForm<SignInValues>({ resolver: zodResolver(signInFormSchema), defaultValues: { name: '', password: '' } });
  const submit = handleSubmit(async (values) => {
    setError(null);
    try {
      onSignedIn(await signIn(values.name, values.password));
    } catch (e) {
      resetField('password');
      if (e instanceof AdminApiError && e.status === 401) setError(t('signIn.wrong'));
      else if (e instanceof AdminApiError && e.status === 429) setError(t('signIn.locked', { minutes: waitMinutes(e) }));
      else setError(describeApiError(e, t, tError));
    }
  });
  return (
    <form className="card sign-in" onSubmit={submit} noValidate aria-labelledby="sign-in-title" data-testid="sign-in-form">
      <div className="sign-in-head">
        <h1 id="sign-in-title">{t('signIn.title')}</h1>
        <LanguageSelect />
      </div>
      <p className="small muted">{t('signIn.hint')}</p>
      {notice && <p className="notice warn-notice">{notice}</p>}
      <div className="field">
        <label htmlFor="sign-in-name">{t('signIn.name')}</label>
        <input id="sign-in-name" {...register('name')} autoComplete="username" autoCapitalize="none" spellCheck={false} aria-invalid={formState.errors.name ? true : undefined} />
        {formState.errors.name && <span className="field-error">{tError(formState.errors.name.message)}</span>}
      </div>
      <div className="field">
        <label htmlFor="sign-in-password">{t('signIn.password')}</label>
        <input id="sign-in-password" type="password" {...register('password')} autoComplete="current-password" aria-invalid={formState.errors.password ? true : undefined} />
        {formState.errors.password && <span className="field-error">{tError(formState.errors.password.message)}</span>}
      </div>
      {error && (
        <p className="alert" role="alert" data-testid="sign-in-error">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button primary" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? t('common.working') : t('signIn.submit')}
        </button>
      </div>
    </form>
  );
}
