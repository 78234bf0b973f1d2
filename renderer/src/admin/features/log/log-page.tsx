import { useState } from 'react';
import { formatDay, formatInstant } from '../../app/format';
import { catalogue, type AdminKey } from '../../i18n/catalogue';
import { ErrorLine } from '../../components/error-line';
import { Pager } from '../../components/pager';
import { useAdminI18n } from '../../i18n/admin-i18n';
import { LOG_PAGE, useAdminLog } from './queries';

/** A detail's value: days and instants the Vietnamese way, other text as it is, the rest as JSON. */
function detailValue(value: unknown): string {
  if (typeof value !== 'string') return JSON.stringify(value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDay(value);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return formatInstant(value);
  return value;
}

/** The details as "key: value" pairs. */
function describeDetails(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${detailValue(value)}`)
    .join(' · ');
}

/** The action in words where the console knows it; a newer hub's action by its name. */
function actionKey(action: string): AdminKey | null {
  const key = `log.action.${action}`;
  return key in catalogue.vi ? (key as AdminKey) : null;
}

export function LogPage() {
  const { t } = useAdminI18n();
  const [offset, setOffset] = useState(0);
  const log = useAdminLog(offset);
  return (
    <section aria-labelledby="log-title">
      <div className="page-head">
        <h1 id="log-title">{t('log.title')}</h1>
      </div>
      <p className="small muted">{t('log.hint')}</p>
      <div className="toolbar">{log.data && <Pager offset={offset} limit={LOG_PAGE} total={log.data.total} onOffset={setOffset} />}</div>
      <ErrorLine error={log.error} />
      {log.data &&
        (log.data.items.length === 0 ? (
          <p className="empty">{t('log.none')}</p>
        ) : (
          <table className="table" data-testid="log-table">
            <thead>
              <tr>
                <th scope="col">{t('log.col.at')}</th>
                <th scope="col">{t('log.col.admin')}</th>
                <th scope="col">{t('log.col.action')}</th>
                <th scope="col">{t('log.col.details')}</th>
              </tr>
            </thead>
            <tbody>
              {log.data.items.map((entry) => (
                <tr key={entry.seq} data-testid="log-row">
                  <td className="nowrap">{formatInstant(entry.at, { seconds: true })}</td>
                  <td>{entry.admin ?? <span className="muted">{t('log.noAdmin')}</span>}</td>
                  <td>{actionKey(entry.action) ? t(actionKey(entry.action)!) : <span className="mono">{entry.action}</span>}</td>
                  <td className="small log-details">{describeDetails(entry.details)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}
