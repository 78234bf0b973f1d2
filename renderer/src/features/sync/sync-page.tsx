import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { HubRequestError } from '@shared/sync/engine';
import { vnDate } from '@shared/report/vn-date';
import { useI18n } from '../../i18n/i18n';
import { formatInstant } from '../../app/format';
import { reviewStatusKey } from '../review/review-labels';
import { describeError } from '../../app/describe-error';
import { describeHubRefusal } from './hub-refusal';
import { href } from '../../app/router';
import { bridge } from '../../bridge/bridge';
import { useDb } from '../../db/db-context';
import { FieldError } from '../inspections/field-error';
import { syncController, useSyncState } from './controller';
import { parseEnrollmentInput, useSyncActions } from './mutations';
import { QrScanner } from './qr-scanner';
import { useAssignments, useHubSettings, useOutbox } from './queries';

const enrollSchema = z.object({
  hubUrl: z
    .string()
    .trim()
    .min(1, 'err.required')
    .refine((v) => /^https?:\/\/[^\s/]+/i.test(v), 'err.sync.hubUrl')
    // Tokens and records cross the network: plain http only to this machine itself.
    .refine((v) => /^https:\/\//i.test(v) || /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/|$)/i.test(v), 'err.sync.httpsRequired'),
  code: z.string().trim().min(1, 'err.required').max(2000, 'err.tooLong'),
  deviceName: z.string().trim().min(1, 'err.required').max(100, 'err.tooLong'),
});
type EnrollValues = z.infer<typeof enrollSchema>;

const pdfStateKeys = { sent: 'sync.pdf.sent', waiting: 'sync.pdf.waiting', refused: 'sync.pdf.refused' } as const;

/** Why enrolling failed, in words the user can act on. */
function enrollError(error: unknown, t: ReturnType<typeof useI18n>['t']): string {
  if (error instanceof HubRequestError) {
    if (error.status === 0) return t('sync.err.unreachable');
    if (error.code === 'invalid_code') return t('sync.err.invalidCode');
    if (error.code === 'code_used') return t('sync.err.codeUsed');
    if (error.status === 429) return t('sync.err.tooManyAttempts');
  }
  return describeError(error, t);
}

/** Connecting this laptop to the provincial hub, and where every finalized record stands. */
export function SyncPage() {
  const { t } = useI18n();
  const hub = useHubSettings();
  return (
    <section aria-labelledby="sync-title">
      <div className="page-head">
        <h1 id="sync-title">{t('nav.sync')}</h1>
      </div>
      {hub === undefined ? <p className="muted">{t('common.loading')}</p> : hub === null ? <EnrollForm /> : <HubPanel />}
      <Assignments />
      <Outbox />
    </section>
  );
}

function EnrollForm() {
  const { t, tError } = useI18n();
  const actions = useSyncActions();
  const [error, setError] = useState<string | null>(null);
  const [scanning, setScanning] = useState(false);
  const { register, handleSubmit, formState, setValue } = useForm<EnrollValues>({ resolver: zodResolver(enrollSchema), defaultValues: { hubUrl: '', code: '', deviceName: '' } });
  const onScanned = useCallback(
    (text: string) => {
      setScanning(false);
      const parsed = parseEnrollmentInput(text);
      setValue('code', parsed.code, { shouldValidate: true });
      if (parsed.hub) setValue('hubUrl', parsed.hub, { shouldValidate: true });
    },
    [setValue],
  );
  const submit = handleSubmit(async (v) => {
    setError(null);
    const parsed = parseEnrollmentInput(v.code);
    try {
      await actions.enroll(parsed.hub ?? v.hubUrl, parsed.code, v.deviceName);
    } catch (e) {
      setError(enrollError(e, t));
    }
  });
  return (
    <form className="card" onSubmit={submit} noValidate data-testid="enroll-form">
      <h2>{t('sync.enroll.title')}</h2>
      <p className="small muted">{t('sync.enroll.hint')}</p>
      <div className="grid-2">
        <label>
          {t('sync.hubUrl')}
          <input {...register('hubUrl')} placeholder="https://hub.sonoivu.example:8787" data-testid="hub-url" />
          <FieldError message={tError(formState.errors.hubUrl?.message)} />
        </label>
        <label>
          {t('sync.code')}
          <input
            {...register('code', {
              onChange: (e: { target: { value: string } }) => {
                const parsed = parseEnrollmentInput(e.target.value);
                if (parsed.hub) setValue('hubUrl', parsed.hub);
              },
            })}
            placeholder="ABCD-EFGH-JKMN"
            autoComplete="off"
            data-testid="enroll-code"
          />
          <FieldError message={tError(formState.errors.code?.message)} />
        </label>
        <label>
          {t('sync.deviceName')}
          <input {...register('deviceName')} placeholder={t('sync.deviceNamePlaceholder')} data-testid="device-name" />
          <FieldError message={tError(formState.errors.deviceName?.message)} />
        </label>
      </div>
      {scanning ? (
        <QrScanner onText={onScanned} onClose={() => setScanning(false)} />
      ) : (
        <button type="button" className="button" onClick={() => setScanning(true)} data-testid="scan-qr">
          {t('sync.scan.button')}
        </button>
      )}{' '}
      <button type="submit" className="button primary" disabled={formState.isSubmitting} data-testid="enroll-submit">
        {formState.isSubmitting ? t('common.working') : t('sync.enroll.submit')}
      </button>
      {error && (
        <p className="field-error" role="alert" data-testid="enroll-error">
          {error}
        </p>
      )}
    </form>
  );
}

function HubPanel() {
  const { t } = useI18n();
  const db = useDb();
  const hub = useHubSettings();
  const controller = syncController(db);
  const state = useSyncState(controller);
  const actions = useSyncActions();
  const [message, setMessage] = useState<string | null>(null);
  if (!hub) return null;
  const report = state.lastReport;
  const stopped = state.lastError;
  return (
    <section className="card" aria-labelledby="hub-title" data-testid="hub-panel">
      <h2 id="hub-title">{t('sync.hub.title')}</h2>
      <dl className="facts">
        <dt>{t('sync.hubUrl')}</dt>
        <dd className="mono">{hub.baseUrl}</dd>
        <dt>{t('sync.role')}</dt>
        <dd>{t(hub.role === 'reviewer' ? 'sync.role.reviewer' : 'sync.role.inspector')}</dd>
        <dt>{t('sync.reachable')}</dt>
        <dd data-testid="hub-reachable">{state.reachable === null ? '—' : t(state.reachable ? 'sync.reachable.yes' : 'sync.reachable.no')}</dd>
      </dl>
      <div className="actions">
        <button type="button" className="button primary" disabled={state.running} onClick={() => void controller.syncNow()} data-testid="sync-now">
          {state.running ? t('sync.running') : t('sync.now')}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            if (window.confirm(t('sync.forgetConfirm'))) void actions.forget();
          }}
        >
          {t('sync.forget')}
        </button>
      </div>
      {state.running && state.progress && (
        <p>
          <progress max={Math.max(1, state.progress.total)} value={state.progress.done} data-testid="sync-progress" /> {t(state.progress.phase === 'push' ? 'sync.progress.push' : 'sync.progress.pull', { done: state.progress.done, total: state.progress.total })}
        </p>
      )}
      {!state.running && report && (
        <p className={stopped ? 'field-error' : 'ok-text'} data-testid="sync-result" role="status">
          {t('sync.result', { pushed: report.pushed, held: report.alreadyHeld, failed: report.failed, pulled: report.pulled })}
          {stopped && ` ${t(stopped === 'network' ? 'sync.err.unreachable' : stopped === 'unauthorized' ? 'sync.err.revoked' : 'sync.err.stopped', { code: stopped })}`}
        </p>
      )}
      {!state.running && !report && stopped && (
        <p className="field-error" role="alert">
          {stopped}
        </p>
      )}
      <h3>{t('sync.bundle.title')}</h3>
      <p className="small muted">{t('sync.bundle.hint')}</p>
      <BundleButton onDone={setMessage} />
      {message && <p className="ok-text">{message}</p>}
    </section>
  );
}

function BundleButton({ onDone }: { onDone: (message: string) => void }) {
  const { t } = useI18n();
  const actions = useSyncActions();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="button"
        data-testid="sync-bundle"
        onClick={() =>
          void (async () => {
            setError(null);
            try {
              const { zip, count } = await actions.bundle();
              const result = await bridge.files.save({ suggestedName: `congvu-goi-dong-bo-${new Date().toISOString().slice(0, 10)}.zip`, filter: { name: 'ZIP', extensions: ['zip'] }, data: zip });
              if (result.saved) onDone(t('sync.bundle.done', { n: count, name: result.fileName }));
            } catch (e) {
              setError(describeError(e, t));
            }
          })()
        }
      >
        {t('sync.bundle.button')}
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

function Assignments() {
  const { t } = useI18n();
  const rows = useAssignments();
  if (!rows || rows.length === 0) return null;
  return (
    <section className="card" aria-labelledby="assign-title">
      <h2 id="assign-title">{t('sync.assignments.title')}</h2>
      <ul className="plain" data-testid="assignments">
        {rows.map((a) => (
          <li key={a.id}>
            <strong>{a.unitName}</strong> — {a.team}, {vnDate(a.from)} → {vnDate(a.to)}
            {a.note && <span className="muted"> ({a.note})</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Outbox() {
  const { t, locale } = useI18n();
  const rows = useOutbox();
  if (!rows) return null;
  return (
    <section className="card" aria-labelledby="outbox-title">
      <h2 id="outbox-title">{t('sync.outbox.title', { n: rows.length })}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t('sync.outbox.empty')}</p>
      ) : (
        <table className="table" data-testid="outbox">
          <thead>
            <tr>
              <th>{t('sync.outbox.unit')}</th>
              <th>{t('sync.outbox.day')}</th>
              <th>{t('sync.outbox.state')}</th>
              <th>{t('sync.outbox.review')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.id}@${r.revision}`} data-testid="outbox-row" data-state={r.status?.state ?? 'pending'}>
                <td>
                  <a href={href({ name: 'inspection', id: r.id, tab: 'overview' })}>{r.unitName}</a>
                  {r.revision > 1 && <span className="muted"> ({t('detail.revisionN', { n: r.revision - 1 })})</span>}
                </td>
                <td>{vnDate(r.day)}</td>
                <td>
                  {r.signedPdf && (
                    <div className={r.signedPdf.state === 'refused' ? 'field-error' : 'muted small'} data-testid="outbox-pdf">
                      {t(pdfStateKeys[r.signedPdf.state])}
                      {r.signedPdf.error ? `: ${describeHubRefusal(r.signedPdf.error, t)}` : ''}
                    </div>
                  )}
                  {r.status === null ? (
                    t('sync.state.pending')
                  ) : r.status.state === 'synced' ? (
                    <span className="ok-text">{t('sync.state.synced', { at: formatInstant(r.status.at, locale) })}</span>
                  ) : (
                    <span className="field-error">
                      {t(r.status.final ? 'sync.state.failedFinal' : 'sync.state.failed')}: {describeHubRefusal(r.status.error, t)}
                    </span>
                  )}
                </td>
                <td data-testid="outbox-review">{r.review ? `${t(reviewStatusKey(r.review.status))}${r.review.comment ? ` — ${r.review.comment}` : ''}` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
