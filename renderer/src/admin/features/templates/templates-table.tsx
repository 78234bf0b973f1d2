import type { AdminTemplate } from '@shared/admin/admin-api';
import { formatDay } from '../../app/format';
import { useAdminI18n } from '../../i18n/admin-i18n';

/** Every version the hub knows, newest first within each id: its origin, state and what can be done with it. */
export function TemplatesTable({ templates, busy, onDownload, onRetire }: { templates: AdminTemplate[]; busy: boolean; onDownload: (ref: string) => void; onRetire: (template: AdminTemplate) => void }) {
  const { t, language, locale } = useAdminI18n();
  const sorted = [...templates].sort((a, b) => Number(b.builtIn) - Number(a.builtIn) || a.id.localeCompare(b.id) || b.version - a.version);
  if (sorted.length === 0) return <p className="muted">{t('templates.empty')}</p>;
  return (
    <table className="table" data-testid="templates-table">
      <thead>
        <tr>
          <th scope="col">{t('templates.col.ref')}</th>
          <th scope="col">{t('templates.col.title')}</th>
          <th scope="col" className="num">
            {t('templates.col.items')}
          </th>
          <th scope="col">{t('templates.col.published')}</th>
          <th scope="col">{t('templates.col.state')}</th>
          <th scope="col">{t('common.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((tpl) => (
          <tr key={tpl.ref} className={tpl.retired ? 'retired' : undefined} data-testid="template-row" data-ref={tpl.ref}>
            <td className="mono">{tpl.ref}</td>
            <td>{tpl.title[language]}</td>
            <td className="num">{tpl.items.toLocaleString(locale)}</td>
            {/* The day the department wrote (in its own offset), not shifted to this browser's zone. */}
            <td className="nowrap">{formatDay(tpl.publishedAt.slice(0, 10))}</td>
            <td>
              <span className="badge">{tpl.builtIn ? t('templates.builtIn') : t('templates.hubPublished')}</span>{' '}
              <span className={`badge ${tpl.retired ? 'revoked' : ''}`} data-testid="template-state">
                {tpl.retired ? t('templates.retired') : t('templates.inUse')}
              </span>
            </td>
            <td>
              <div className="row-actions">
                <button type="button" className="link" disabled={busy} onClick={() => onDownload(tpl.ref)}>
                  {t('templates.download')}
                </button>
                {!tpl.builtIn && !tpl.retired && (
                  <button type="button" className="link" disabled={busy} onClick={() => onRetire(tpl)} data-testid="retire">
                    {t('templates.retire')}
                  </button>
                )}
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
