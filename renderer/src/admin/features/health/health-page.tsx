import { formatBytes } from '../../../app/format';
import { formatCount } from '../../app/format';
import { ErrorLine } from '../../components/error-line';
import { useAdminI18n } from '../../i18n/admin-i18n';
import { useHealth } from './queries';

export function HealthPage() {
  const { t, locale } = useAdminI18n();
  const health = useHealth();
  const h = health.data;
  const n = (value: number) => formatCount(value, locale);
  return (
    <section aria-labelledby="health-title">
      <div className="page-head">
        <h1 id="health-title">{t('health.title')}</h1>
        <button type="button" className="button" onClick={health.reload} disabled={health.loading}>
          {t('health.refresh')}
        </button>
      </div>
      <ErrorLine error={health.error} />
      {h && (
        <dl className="facts" data-testid="health">
          <dt>{t('health.hubVersion')}</dt>
          <dd>{h.hubVersion}</dd>
          <dt>{t('health.formatVersion')}</dt>
          <dd>{h.formatVersion}</dd>
          <dt>{t('health.epoch')}</dt>
          <dd className="mono">{h.epoch}</dd>
          <dt>{t('health.database')}</dt>
          <dd>
            {h.database.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'} · <span className="mono">{h.database.where}</span>
          </dd>
          <dt>{t('health.databaseSize')}</dt>
          <dd>{h.database.bytes === null ? t('health.unknownSize') : formatBytes(h.database.bytes, locale)}</dd>
          <dt>{t('health.inspections')}</dt>
          <dd>{n(h.storage.inspections)}</dd>
          <dt>{t('health.revisions')}</dt>
          <dd>{n(h.storage.revisions)}</dd>
          <dt>{t('health.recordBytes')}</dt>
          <dd>{formatBytes(h.storage.recordBytes, locale)}</dd>
          <dt>{t('health.blobs')}</dt>
          <dd>{n(h.storage.blobs)}</dd>
          <dt>{t('health.blobBytes')}</dt>
          <dd>{formatBytes(h.storage.blobBytes, locale)}</dd>
          <dt>{t('health.reports')}</dt>
          <dd>{n(h.storage.reports)}</dd>
          <dt>{t('health.devices')}</dt>
          <dd>{t('health.devicesCount', { active: n(h.devices.active), revoked: n(h.devices.revoked) })}</dd>
        </dl>
      )}
    </section>
  );
}
