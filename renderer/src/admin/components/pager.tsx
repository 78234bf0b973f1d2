import { useAdminI18n } from '../i18n/admin-i18n';
import { formatCount } from '../app/format';

/** "1–100 of 2,000" with the previous and next pages. */
export function Pager({ offset, limit, total, onOffset }: { offset: number; limit: number; total: number; onOffset: (offset: number) => void }) {
  const { t, locale } = useAdminI18n();
  const last = Math.min(offset + limit, total);
  return (
    <nav className="pager" aria-label={t('pager.label')}>
      <span className="muted small" data-testid="pager-range">
        {total === 0 ? t('pager.empty') : t('pager.range', { from: formatCount(offset + 1, locale), to: formatCount(last, locale), total: formatCount(total, locale) })}
      </span>
      <button type="button" className="button small-button" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - limit))}>
        {t('pager.previous')}
      </button>
      <button type="button" className="button small-button" disabled={last >= total} onClick={() => onOffset(offset + limit)}>
        {t('pager.next')}
      </button>
    </nav>
  );
}
