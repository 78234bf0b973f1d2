import { describeApiError } from '../api/describe-api-error';
import { useAdminI18n } from '../i18n/admin-i18n';

/** A failed request's reason where its result would be; nothing when there is no error. */
export function ErrorLine({ error, testId }: { error: unknown; testId?: string }) {
  const { t, tError } = useAdminI18n();
  if (error === null || error === undefined) return null;
  return (
    <p className="alert" role="alert" data-testid={testId}>
      {describeApiError(error, t, tError)}
    </p>
  );
}
