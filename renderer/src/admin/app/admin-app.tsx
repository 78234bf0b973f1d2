import { Suspense, useCallback, useEffect, useState } from 'react';
import type { AdminSession } from '@shared/admin/admin-api';
import { whenSignedOut } from '../api/client';
import { describeApiError } from '../api/describe-api-error';
import { useAdminI18n } from '../i18n/admin-i18n';
import { fetchSession } from '../features/session/queries';
import { signOut } from '../features/session/mutations';
import { SignInPage } from '../features/session/sign-in-page';
import { AdminShell } from './admin-shell';
import { useHashPath } from './router';
import { routeOf } from './routes';

type SessionState = { kind: 'checking' } | { kind: 'signed-out'; ended: boolean } | { kind: 'signed-in'; session: AdminSession } | { kind: 'unreachable'; error: unknown };

/** The console: the sign-in page until the hub knows this browser's session, then the page the hash names. */
export function AdminApp({ firstSession }: { firstSession: Promise<AdminSession | null> }) {
  const { t, tError } = useAdminI18n();
  const path = useHashPath();
  const [state, setState] = useState<SessionState>({ kind: 'checking' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    whenSignedOut(() => live && setState({ kind: 'signed-out', ended: true }));
    // The answer asked for at start-up first; "try again" asks afresh.
    (attempt === 0 ? firstSession : fetchSession()).then(
      (session) => live && setState(session ? { kind: 'signed-in', session } : { kind: 'signed-out', ended: false }),
      (error: unknown) => live && setState({ kind: 'unreachable', error }),
    );
    return () => {
      live = false;
    };
  }, [attempt, firstSession]);
  const onSignOut = useCallback(() => {
    void signOut()
      .catch(() => undefined)
      .then(() => setState({ kind: 'signed-out', ended: false }));
  }, []);

  if (state.kind === 'checking') return <p className="muted content">{t('signIn.checking')}</p>;
  if (state.kind === 'unreachable')
    return (
      <div className="content">
        <p className="alert" role="alert">
          {describeApiError(state.error, t, tError)}
        </p>
        <button type="button" className="button" onClick={() => setAttempt((a) => a + 1)}>
          {t('common.retry')}
        </button>
      </div>
    );
  if (state.kind === 'signed-out')
    return (
      <main className="content">
        <SignInPage onSignedIn={(session) => setState({ kind: 'signed-in', session })} notice={state.ended ? t('err.signedOut') : undefined} />
      </main>
    );
  const route = routeOf(path);
  const Page = route?.page;
  return (
    <AdminShell session={state.session} current={route} onSignOut={onSignOut}>
      <Suspense fallback={<p className="muted">{t('common.loading')}</p>}>{Page ? <Page params={path.slice(1)} /> : <p className="empty">{t('admin.notFound')}</p>}</Suspense>
    </AdminShell>
  );
}
