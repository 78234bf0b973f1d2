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
  // Each change is written at once; while one write is in flight, only the newest values wait
  // behind it. A burst of keystrokes is a few writes, and a reload or crash loses at most the
  // keystrokes of the write under way (no timer holds typing back, and a write begun while the
  // page unloads may never commit).
  const queued = useRef<DraftValues | null>(null);
  /** What the form holds now, written or not. */
  const latest = useRef<DraftValues | null>(null);
  const writing = useRef(false);
  /** The inspection is being stored (its commit removes the draft): nothing may write it again. */
  const paused = useRef(false);
  // Read when each write starts: a write queued before the arrival was stamped again takes the new stamp.
  const arrivalNow = useRef(arrival);
  const flush = useCallback(() => {
    if (writing.current || paused.current || !arrivalNow.current) return;
    writing.current = true;
    void (async () => {
      try {
        for (let stamp = arrivalNow.current; !paused.current && queued.current !== null && stamp; stamp = arrivalNow.current) {
          const json = JSON.stringify(queued.current);
          queued.current = null;
          if (json === lastSaved.current) continue;
          lastSaved.current = json;
          try {
            await drafts.save({ arrival: stamp, values: JSON.parse(json) as DraftValues });
            setSaveFailed(false);
            setSavedAt(toLocalIso(new Date()));
          } catch {
            lastSaved.current = '';
            setSaveFailed(true);
          }
        }
      } finally {
        writing.current = false;
      }
    })();
  }, [drafts]);
  useEffect(() => {
    arrivalNow.current = arrival;
    flush();
  }, [arrival, flush]);
  const onValues = useCallback(
    (values: DraftValues) => {
      queued.current = values;
      latest.current = values;
      flush();
    },
    [flush],
  );

  // Nothing waiting to be written may bring back a draft that is gone.
  const forget = useCallback(() => {
    queued.current = null;
    latest.current = null;
  }, []);

  // Writes wait while the inspection is stored; if that fails, what the form holds is written again.
  const whileCreating = useCallback(
    async <T,>(create: () => Promise<T>): Promise<T> => {
      paused.current = true;
      queued.current = null;
      try {
        const created = await create();
        forget();
        return created;
      } catch (error) {
        queued.current = latest.current;
        lastSaved.current = '';
        throw error;
      } finally {
        paused.current = false;
        flush();
      }
    },
    [flush, forget],
  );

  // The typed values stay; only the arrival is stamped again, now.
  const restamp = async () => {
    if (!session) return;
    // A write still waiting would carry the old stamp: this one takes its values instead.
    queued.current = null;
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
            whileCreating={whileCreating}
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
