import { useCallback, useMemo, useState } from 'react';
import { matchesFilter, type DashboardFilter } from '@shared/review/dashboard';
import { useI18n } from '../../i18n/i18n';
import { href } from '../../app/router';
import { useSync } from '../sync/controller';
import { FilterBar, sameFilter } from './filter-bar';
import { reviewStatusKey, reportStateKey, importProblemKey } from './review-labels';
import { useReviewData } from './queries';
import { vnDate } from '@shared/report/vn-date';

const PAGE = 200;

/** The reviewer's import from the hub and the list of imported inspections, flagged ones first. */
export function ReviewPage() {
  const { t } = useI18n();
  const { controller, state: sync } = useSync();
  const data = useReviewData(sync.running);
  const [filter, setFilter] = useState<DashboardFilter>({});
  const onFilter = useCallback((f: DashboardFilter) => setFilter((old) => (sameFilter(old, f) ? old : f)), []);
  const rows = useMemo(() => (data ? data.facts.filter((f) => matchesFilter(f, filter)).sort((a, b) => b.day.localeCompare(a.day) || a.unitName.localeCompare(b.unitName, 'vi')) : []), [data, filter]);

  return (
    <section aria-labelledby="review-title">
      <div className="page-head">
        <h1 id="review-title">{t('nav.review')}</h1>
        <div className="page-actions">
          <button type="button" className="button" onClick={() => void controller.syncNow()} disabled={sync.running} data-testid="review-import">
            {t('review.import')}
          </button>
        </div>
      </div>
      <div className="card" data-testid="review-import-status">
        {sync.running && sync.progress?.phase === 'pull' ? (
          <p>
            <progress max={Math.max(1, sync.progress.total)} value={sync.progress.done} data-testid="review-progress" /> {t('review.importing', { done: sync.progress.done, total: sync.progress.total })}
          </p>
        ) : sync.running ? (
          <p>{t('review.connecting')}</p>
        ) : null}
        {data && (
          <p data-testid="review-counts">
            {t('review.counts', { ...data.counts })}
          </p>
        )}
        {sync.lastError && !sync.running && (
          <p className="alert" role="alert">
            {t('review.importFailed', { code: sync.lastError })}
          </p>
        )}
      </div>

      {data && data.flagged.length > 0 && (
        <div className="card flagged" data-testid="review-flagged">
          <h2>{t('review.flagged.title')}</h2>
          <p className="muted">{t('review.flagged.hint')}</p>
          <ul>
            {data.flagged.map((f) => (
              <li key={`${f.id}@${f.revision}`}>
                <a href={href({ name: 'review-detail', id: f.id, revision: f.revision })}>
                  <span className="mono">{f.id}</span> ({t('review.revision', { n: f.revision })})
                </a>
                : {f.problems.map((p) => t(importProblemKey(p))).join('; ')}
              </li>
            ))}
          </ul>
        </div>
      )}

      {data && <FilterBar facts={data.facts} onChange={onFilter} />}
      {data === undefined ? (
        <p className="muted">{t('common.loading')}</p>
      ) : rows.length === 0 ? (
        <p className="empty">{t('review.empty')}</p>
      ) : (
        <>
          <table className="table" data-testid="review-list">
            <thead>
              <tr>
                <th>{t('review.col.day')}</th>
                <th>{t('review.col.unit')}</th>
                <th>{t('review.col.leader')}</th>
                <th>{t('review.col.violations')}</th>
                <th>{t('review.col.report')}</th>
                <th>{t('review.col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, PAGE).map((f) => {
                const review = data.reviews.get(f.id);
                const report = data.reports.get(`${f.id}@${f.revision}`);
                return (
                  <tr key={`${f.id}@${f.revision}`} data-testid="review-row">
                    <td>{vnDate(f.day)}</td>
                    <td>
                      <a href={href({ name: 'review-detail', id: f.id, revision: f.revision })}>{f.unitName}</a>
                    </td>
                    <td>{f.leader}</td>
                    <td>{f.violations}</td>
                    <td>{t(reportStateKey(report))}</td>
                    <td>{review ? `${t(reviewStatusKey(review.status))}${review.pending ? ` (${t('review.pending')})` : ''}` : t('review.none')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {rows.length > PAGE && <p className="muted">{t('review.more', { shown: PAGE, total: rows.length })}</p>}
        </>
      )}
    </section>
  );
}
