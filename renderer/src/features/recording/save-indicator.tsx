import { vnTime } from '@shared/report/vn-date';
import { toLocalIso } from '@shared/time/local-iso';
import { useI18n } from '../../i18n/i18n';
import { describeError } from '../../app/describe-error';
import { useSaveState } from './save-status';

/** "Saved" appears only once every change has committed to IndexedDB. */
export function SaveIndicator() {
  const { t } = useI18n();
  const state = useSaveState();
  if (state.error) {
    return (
      <span className="save-indicator error" role="alert" data-testid="save-indicator" data-state="error" data-committed={state.committed}>
        {t('save.failed', { reason: describeError(state.error, t) })}
      </span>
    );
  }
  if (state.pending > 0) {
    return (
      <span className="save-indicator" data-testid="save-indicator" data-state="saving" data-committed={state.committed}>
        {t('save.saving')}
      </span>
    );
  }
  return (
    <span className="save-indicator ok" data-testid="save-indicator" data-state="saved" data-committed={state.committed}>
      {state.lastCommittedAt
        ? t('save.savedAt', { time: vnTime(toLocalIso(new Date(state.lastCommittedAt)), { seconds: true }) })
        : t('save.allSaved')}
    </span>
  );
}
