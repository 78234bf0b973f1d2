import { useEffect, useState } from 'react';
import { isoDay, toLocalIso } from '@shared/time/local-iso';
import { useI18n } from '../../i18n/i18n';
import { useConfirm } from '../../app/confirm-dialog';
import { formatLocalDateTime } from '../../app/format';
import { useCurrentTemplates, useLegalBasesInForce } from '../reference/queries';
import { useUnits } from '../units/queries';
import { STALE_ARRIVAL_MS, type NewInspectionDraft } from './form-draft';
import { useNewInspectionDraftActions } from './mutations';
import { NewInspectionForm } from './new-inspection-form';
import { useDraftWriter } from './use-draft-writer';

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
  const [initialSaveFailed, setInitialSaveFailed] = useState(false);
  const [dialog, confirm] = useConfirm();

  useEffect(() => {
    let live = true;
    void (async () => {
      const stored = await drafts.read(new Date());
      const draft: Stamped = stored ?? { arrival: stampNow(), values: null };
      // Stored at once: a reload before anything is typed keeps the stamp too.
      if (!stored) await drafts.save(draft).catch(() => setInitialSaveFailed(true));
      const restored = stored !== null && stored.values !== null;
      if (live) setSession({ n: 0, draft, restored, stale: restored && Date.now() - Date.parse(draft.arrival.at) > STALE_ARRIVAL_MS });
    })();
    return () => {
      live = false;
    };
  }, [drafts]);

  const arrival = session?.draft.arrival;
  const writer = useDraftWriter(arrival, drafts.save);

  // The typed values stay; only the arrival is stamped again, now.
  const restamp = async () => {
    if (!session) return;
    const draft: Stamped = { arrival: stampNow(), values: null };
    draft.values = await writer.replace({ arrival: draft.arrival }, session.draft.values);
    setSession((s) => ({ n: (s?.n ?? 0) + 1, draft, restored: false }));
  };

  const startOver = async () => {
    const ok = await confirm({ title: t('new.draft.discardTitle'), message: <p>{t('new.draft.discardBody')}</p>, confirmLabel: t('new.draft.discard'), danger: true });
    if (!ok) return;
    const draft: Stamped = { arrival: stampNow(), values: null };
    await writer.replace(draft);
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
            onValues={writer.onValues}
            whileCreating={writer.whileCreating}
            bases={bases}
            templates={templates}
            units={units}
          />
          <p className="muted small">
            <span role="status" data-testid="draft-status">
              {writer.failed || initialSaveFailed ? t('new.draft.saveFailed') : writer.savedAt ? t('new.draft.saved', { time: formatLocalDateTime(writer.savedAt, locale) }) : ''}
            </span>{' '}
            {(session.restored || writer.savedAt) && (
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
