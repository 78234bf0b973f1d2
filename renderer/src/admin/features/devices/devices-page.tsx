import { useState } from 'react';
import type { AdminDevice } from '@shared/admin/admin-api';
import { useConfirm } from '../../../app/confirm-dialog';
import { formatCount, formatInstant } from '../../app/format';
import { ErrorLine } from '../../components/error-line';
import { Pager } from '../../components/pager';
import { useAdminI18n } from '../../i18n/admin-i18n';
import { EnrollPanel } from './enroll-panel';
import { revokeDevice } from './mutations';
import { DEVICES_PAGE, useDevices, type DeviceStatusFilter } from './queries';
import { TransferPanel } from './transfer-panel';

export function DevicesPage() {
  const { t, locale } = useAdminI18n();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<DeviceStatusFilter>('all');
  const [offset, setOffset] = useState(0);
  const [enrolling, setEnrolling] = useState(false);
  const [handingOver, setHandingOver] = useState<AdminDevice | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [dialog, ask] = useConfirm();
  const devices = useDevices(offset, q.trim(), status);
  const roleName = (role: AdminDevice['role']) => t(role === 'inspector' ? 'role.inspector' : 'role.reviewer');

  const revoke = async (device: AdminDevice) => {
    setNotice(null);
    setActionError(null);
    const ok = await ask({ title: t('devices.revoke.title', { name: device.name }), message: t('devices.revoke.body', { name: device.name, role: roleName(device.role) }), confirmLabel: t('devices.revoke.confirm'), danger: true });
    if (!ok) return;
    try {
      await revokeDevice(device.id);
      setNotice(t('devices.revoked', { name: device.name }));
      devices.reload();
    } catch (e) {
      setActionError(e);
    }
  };

  return (
    <section aria-labelledby="devices-title">
      <div className="page-head">
        <h1 id="devices-title">{t('devices.title')}</h1>
        {!enrolling && (
          <button type="button" className="button primary" onClick={() => setEnrolling(true)}>
            {t('devices.enroll')}
          </button>
        )}
      </div>
      {enrolling && <EnrollPanel onEnrolled={devices.reload} onClose={() => setEnrolling(false)} />}
      {handingOver && (
        <TransferPanel
          key={handingOver.id}
          from={handingOver}
          ask={ask}
          onClose={() => setHandingOver(null)}
          onDone={(message) => {
            setHandingOver(null);
            setNotice(message);
            devices.reload();
          }}
        />
      )}
      {notice && (
        <p className="notice" role="status" data-testid="devices-notice">
          {notice}
        </p>
      )}
      <ErrorLine error={actionError} />
      <div className="toolbar">
        <input
          type="search"
          className="search"
          placeholder={t('devices.search')}
          aria-label={t('devices.search')}
          value={q}
          maxLength={100}
          onChange={(e) => {
            setQ(e.target.value);
            setOffset(0);
          }}
        />
        <label className="inline">
          {t('devices.status')}
          <select
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as DeviceStatusFilter);
              setOffset(0);
            }}
          >
            <option value="all">{t('devices.status.all')}</option>
            <option value="active">{t('devices.status.active')}</option>
            <option value="revoked">{t('devices.status.revoked')}</option>
          </select>
        </label>
        {devices.data && <Pager offset={offset} limit={DEVICES_PAGE} total={devices.data.total} onOffset={setOffset} />}
      </div>
      <ErrorLine error={devices.error} />
      {!devices.data ? (
        devices.error ? null : <p className="muted">{t('common.loading')}</p>
      ) : devices.data.items.length === 0 ? (
        <p className="empty">{t('devices.none')}</p>
      ) : (
        <table className="table" data-testid="devices-table" aria-busy={devices.loading}>
          <thead>
            <tr>
              <th scope="col">{t('devices.col.name')}</th>
              <th scope="col">{t('devices.col.role')}</th>
              <th scope="col">{t('devices.col.status')}</th>
              <th scope="col">{t('devices.col.lastSync')}</th>
              <th scope="col" className="num">
                {t('devices.col.inspections')}
              </th>
              <th scope="col">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {devices.data.items.map((d) => (
              <tr key={d.id} data-testid="device-row">
                <td>
                  {d.name}
                  <div className="mono muted small">{d.id}</div>
                </td>
                <td>{roleName(d.role)}</td>
                <td>{d.revokedAt ? <span className="badge revoked">{t('devices.revokedOn', { when: formatInstant(d.revokedAt) })}</span> : <span className="badge active">{t('devices.status.active')}</span>}</td>
                <td className="when">{d.lastSeenAt ? formatInstant(d.lastSeenAt) : <span className="muted">{t('devices.never')}</span>}</td>
                <td className="num">{formatCount(d.inspections, locale)}</td>
                <td>
                  <div className="row-actions">
                    {!d.revokedAt && (
                      <button type="button" className="link" onClick={() => void revoke(d)}>
                        {t('devices.revoke')}
                      </button>
                    )}
                    {d.inspections > 0 && (
                      <button type="button" className="link" onClick={() => setHandingOver(d)}>
                        {t('devices.handOver')}
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {dialog}
    </section>
  );
}
