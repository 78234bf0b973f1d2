import { useDeferredValue, useState } from 'react';
import { parseTemplateRef } from '@shared/schemas';
import { useI18n } from '../../i18n/i18n';
import { href } from '../../app/router';
import { formatLocalDateTime } from '../../app/format';
import { ImportButton } from '../exchange/import-button';
import { useInspectionsPage } from './queries';

const PAGE = 100;

export function InspectionsListPage() {
  const { t, locale } = useI18n();
  const [query, setQuery] = useState('');
  const [limit, setLimit] = useState(PAGE);
  const deferred = useDeferredValue(query);
  const page = useInspectionsPage(limit, deferred);
  const total = page?.total;
  const visible = page?.rows;

  return (
    <section aria-labelledby="list-title">
      <div className="page-head">
        <h1 id="list-title">{t('list.title')}</h1>
        {total !== undefined && total > 0 && <span className="muted">{t('list.count', { n: total.toLocaleString(locale) })}</span>}
        <span className="page-actions">
          <ImportButton />
          <a className="button primary" href={href({ name: 'new' })}>
            {t('nav.new')}
          </a>
        </span>
      </div>
      {page === undefined ? (
        <p className="muted">{t('common.loading')}</p>
      ) : total === 0 ? (
        <div className="empty" data-testid="empty-list">
          <p>{t('list.empty')}</p>
          <p className="muted">{t('list.emptyHint')}</p>
        </div>
      ) : (
        <>
          <input
            className="search"
            type="search"
            placeholder={t('list.filter')}
            aria-label={t('list.filter')}
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setLimit(PAGE);
            }}
          />
          {visible && visible.length === 0 ? (
            <p className="muted">{t('list.noMatch', { q: query })}</p>
          ) : (
            <table className="table" data-testid="inspections-table">
              <thead>
                <tr>
                  <th>{t('list.col.unit')}</th>
                  <th>{t('list.col.arrival')}</th>
                  <th>{t('list.col.leader')}</th>
                  <th>{t('list.col.templates')}</th>
                  <th>{t('list.col.status')}</th>
                </tr>
              </thead>
              <tbody>
                {visible?.map((i) => (
                  <tr key={i.id} data-testid="inspection-row">
                    <td>
                      <a href={href({ name: 'inspection', id: i.id, tab: 'overview' })}>{i.unit.name}</a>
                      <div className="muted small">{i.unit.province}</div>
                    </td>
                    <td>{formatLocalDateTime(i.arrival.at, locale)}</td>
                    <td>{i.team.find((m) => m.role === 'leader')?.name}</td>
                    <td>{i.templateRefs.map((r) => parseTemplateRef(r).id).join(', ')}</td>
                    <td>
                      <span className={`badge ${i.status}`}>{t(i.status === 'draft' ? 'status.draft' : 'status.finalized')}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {page.more && (
            <p>
              <button type="button" className="button" onClick={() => setLimit((n) => n + PAGE)} data-testid="show-more">
                {t('list.more')}
              </button>
            </p>
          )}
        </>
      )}
    </section>
  );
}
