import { useI18n } from '../../i18n/i18n';
import { formatInstant } from '../../app/format';
import { reviewStatusKey } from '../review/review-labels';
import { useReviewsOf } from '../sync/queries';

/**
 * What Home Affairs said of this inspection, where the inspector works on it: the newest review
 * first, with the revision it read, and the earlier ones below it.
 */
export function ReviewNotice({ inspectionId, revision }: { inspectionId: string; revision: number }) {
  const { t, locale } = useI18n();
  const reviews = useReviewsOf(inspectionId);
  if (!reviews || reviews.length === 0) return null;
  const [newest, ...earlier] = reviews;
  return (
    <section className={`review-box ${newest!.status}`} aria-labelledby="review-notice-title" data-testid="review-notice">
      <h2 id="review-notice-title">{t('detail.reviewTitle')}</h2>
      <p>
        <strong>{t(reviewStatusKey(newest!.status))}</strong>
        {newest!.comment && <> — {newest!.comment}</>}
      </p>
      <p className="muted small">
        {t('detail.reviewBy', { reviewer: newest!.reviewer || '—', at: formatInstant(newest!.createdAt, locale), revision: newest!.revision })}
        {newest!.revision !== revision && ` ${t('detail.reviewOtherRevision', { revision })}`}
      </p>
      {earlier.length > 0 && (
        <details>
          <summary>{t('detail.reviewEarlier', { n: earlier.length })}</summary>
          <ul className="plain small">
            {earlier.map((r) => (
              <li key={r.id}>
                {t(reviewStatusKey(r.status))}
                {r.comment && ` — ${r.comment}`} ({formatInstant(r.createdAt, locale)}, {t('detail.revisionNo', { n: r.revision })})
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
