import { useDeferredValue, useMemo, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { href } from '../../app/router';
import { formatLocalDateTime } from '../../app/format';
import { ImportButton } from '../exchange/import-button';
import { useInspections } from './queries';

export function InspectionsListPage() {
  const { t, locale } = useI18n();
  const inspections = useInspections();
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const visible = useMemo(() => {
    const q = deferred.trim().normalize('NFC').toLocaleLowerCase('vi');
    if (!inspections || q === '') return inspections;
    return inspections.filter((i) => i.unit.name.normalize('NFC').toLocaleLowerCase('vi').includes(q));
  }, [inspections, deferred]);

  return (
    <section aria-labelledby="list-title">
      <div className="page-head">
        <h1 id="list-title">{t('list.title')}</h1>
        {inspections && inspections.length > 0 && <span className="muted">{t('list.count', { n: inspections.length })}</span>}
        <span className="page-actions">
          <ImportButton />
          <a className="button primary" href={href({ name: 'new' })}>
            {t('nav.new')}
          </a>
        </span>
      </div>
      {inspections === undefined ? (
        <p className="muted">{t('common.loading')}</p>
      ) : inspections.length === 0 ? (
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
            onChange={(e) => setQuery(e.target.value)}
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
                    <td>{i.templateRefs.map((r) => r.split('@')[0]).join(', ')}</td>
                    <td>
                      <span className={`badge ${i.status}`}>{t(i.status === 'draft' ? 'status.draft' : 'status.finalized')}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
