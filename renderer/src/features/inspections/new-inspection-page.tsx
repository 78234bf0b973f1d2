import { useCallback, useEffect, useRef, useState } from 'react';
import { isoDay, toLocalIso } from '@shared/time/local-iso';
import { useI18n } from '../../i18n/i18n';
import { useConfirm } from '../../app/confirm-dialog';
import { formatLocalDateTime } from '../../app/format';
import { useCurrentTemplates, useLegalBasesInForce } from '../reference/queries';
import { useUnits } from '../units/queries';
import { STALE_ARRIVAL_MS, type DraftValues, type NewInspectionDraft } from './form-draft';
import { useNewInspectionDraftActions } from './mutations';
import { NewInspectionForm } from './new-inspection-form';

type Stamped = Pick<NewInspectionDraft, 'arrival' | 'values'>;

/** The moment the team arrives: the form opens. Taken once, kept with the draft across a reload. */
function stampNow(): Stamped['arrival'] {
  return { at: toLocalIso(new Date()), monotonicMs: performance.timeOrigin + performance.now() };
}

/**
 * Opening this page is the moment the team arrives: the time is stamped then, not at save. What is
 * typed is kept as a draft at every change, so a reload (or a crash) brings it back with the same
 * arrival time; starting the inspection or discarding the draft ends it.
 */
export function NewInspectionPage() {
  const { t, locale } = useI18n();
  const drafts = useNewInspectionDraftActions();
  const [session, setSession] = useState<{ n: number; draft: Stamped; restored: boolean; stale?: boolean } | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [saveFailed, setSaveFailed] = useState(false);
  const [dialog, confirm] = useConfirm();
  const lastSaved = useRef('');

  useEffect(() => {
    let live = true;
    void (async () => {
      const stored = await drafts.read(new Date());
      const draft: Stamped = stored ?? { arrival: stampNow(), values: null };
      // Stored at once: a reload before anything is typed keeps the stamp too.
      if (!stored) await drafts.save(draft).catch(() => setSaveFailed(true));
      const restored = stored !== null && stored.values !== null;
      if (live) setSession({ n: 0, draft, restored, stale: restored && Date.now() - Date.parse(draft.arrival.at) > STALE_ARRIVAL_MS });
    })();
    return () => {
      live = false;
    };
  }, [drafts]);

  const arrival = session?.draft.arrival;
  // Typing is written a moment after it pauses (each write is flushed to disk), and at once when
  // the page is hidden or left: a burst of keystrokes is one write, and none is lost.
  const queued = useRef<DraftValues | null>(null);
  /** What the form holds now, written or not. */
  const latest = useRef<DraftValues | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const flush = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const values = queued.current;
    queued.current = null;
    if (!arrival || values === null) return;
    const json = JSON.stringify(values);
    if (json === lastSaved.current) return;
    lastSaved.current = json;
    drafts.save({ arrival, values }).then(
      () => {
        setSaveFailed(false);
        setSavedAt(toLocalIso(new Date()));
      },
      () => setSaveFailed(true),
    );
  }, [arrival, drafts]);
  const onValues = useCallback(
    (values: DraftValues) => {
      queued.current = values;
      latest.current = values;
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(flush, 300);
    },
    [flush],
  );
  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', flush);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [flush]);

  // Nothing waiting to be written may bring back a draft that is gone.
  const forget = useCallback(() => {
    queued.current = null;
    latest.current = null;
    if (timer.current) clearTimeout(timer.current);
  }, []);

  // The typed values stay; only the arrival is stamped again, now.
  const restamp = async () => {
    if (!session) return;
    flush();
    const draft: Stamped = { arrival: stampNow(), values: latest.current ?? session.draft.values };
    await drafts.save(draft).catch(() => setSaveFailed(true));
    setSession((s) => ({ n: (s?.n ?? 0) + 1, draft, restored: false }));
  };

  const startOver = async () => {
    const ok = await confirm({ title: t('new.draft.discardTitle'), message: <p>{t('new.draft.discardBody')}</p>, confirmLabel: t('new.draft.discard'), danger: true });
    if (!ok) return;
    forget();
    await drafts.discard();
    const draft: Stamped = { arrival: stampNow(), values: null };
    await drafts.save(draft).catch(() => setSaveFailed(true));
    lastSaved.current = '';
    setSavedAt(null);
    setSession((s) => ({ n: (s?.n ?? 0) + 1, draft, restored: false }));
  };

  const arrivalIso = arrival?.at ?? toLocalIso(new Date());
  const bases = useLegalBasesInForce(isoDay(arrivalIso));
  const templates = useCurrentTemplates();
  const units = useUnits();

  return (
    <section aria-labelledby="new-title">
      {dialog}
      <div className="page-head">
        <h1 id="new-title">{t('new.title')}</h1>
      </div>
      {session && (
        <p className="arrival" data-testid="arrival">
          {t('new.arrival')}: <strong>{formatLocalDateTime(arrivalIso, locale)}</strong>
        </p>
      )}
      {session?.restored && (
        <p className="notice" data-testid="draft-restored">
          {t('new.draft.restored')}
        </p>
      )}
      {session?.stale && (
        <div className="alert" role="alert" data-testid="draft-stale">
          <p>{t('new.draft.stale', { time: formatLocalDateTime(arrivalIso, locale) })}</p>
          <button type="button" className="button" onClick={() => void restamp()}>
            {t('new.draft.restamp')}
          </button>
        </div>
      )}
      {/* Templates and bases are installed at start; until then there is nothing to choose from. */}
      {!session || bases === undefined || templates === undefined || units === undefined || templates.length === 0 || bases.length === 0 ? (
        <p className="muted">{t('common.loading')}</p>
      ) : (
        <>
          <NewInspectionForm
            key={session.n}
            arrival={{ arrivedAt: new Date(session.draft.arrival.at), monotonicMs: session.draft.arrival.monotonicMs }}
            initial={session.draft.values}
            onValues={onValues}
            onCreating={flush}
            onCreated={forget}
            bases={bases}
            templates={templates}
            units={units}
          />
          <p className="muted small">
            <span role="status" data-testid="draft-status">
              {saveFailed ? t('new.draft.saveFailed') : savedAt ? t('new.draft.saved', { time: formatLocalDateTime(savedAt, locale) }) : ''}
            </span>{' '}
            {(session.restored || savedAt) && (
              <button type="button" className="link" onClick={() => void startOver()}>
                {t('new.draft.discard')}
              </button>
            )}
          </p>
        </>
      )}
    </section>
  );
}
