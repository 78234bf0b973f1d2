import { useState } from 'react';
import { useConfirm } from '../../../app/confirm-dialog';
import { formatDay } from '../../app/format';
import { ErrorLine } from '../../components/error-line';
import { useAdminI18n } from '../../i18n/admin-i18n';
import { AssignmentForm } from './assignment-form';
import { retireAssignment } from './mutations';
import { useAssignments } from './queries';

export function AssignmentsPage() {
  const { t } = useAdminI18n();
  const assignments = useAssignments();
  const [dialog, ask] = useConfirm();
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const list = assignments.data ?? [];

  const retire = async (a: (typeof list)[number]) => {
    setNotice(null);
    setActionError(null);
    const unit = `${a.unitCode} — ${a.unitName}`;
    const ok = await ask({ title: t('assignments.retire.title', { unit }), message: t('assignments.retire.body', { unit, team: a.team, from: formatDay(a.from), to: formatDay(a.to) }), confirmLabel: t('assignments.retire.confirm'), danger: true });
    if (!ok) return;
    try {
      await retireAssignment(a.id);
      assignments.reload();
    } catch (e) {
      setActionError(e);
    }
  };

  return (
    <section aria-labelledby="assignments-title">
      <div className="page-head">
        <h1 id="assignments-title">{t('assignments.title')}</h1>
      </div>
      <AssignmentForm
        onCreated={(message) => {
          setNotice(message);
          assignments.reload();
        }}
      />
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <ErrorLine error={actionError ?? assignments.error} />
      {assignments.data &&
        (list.length === 0 ? (
          <p className="empty">{t('assignments.none')}</p>
        ) : (
          <table className="table" data-testid="assignments-table">
            <thead>
              <tr>
                <th scope="col">{t('assignments.col.unit')}</th>
                <th scope="col">{t('assignments.col.period')}</th>
                <th scope="col">{t('assignments.col.team')}</th>
                <th scope="col">{t('assignments.col.note')}</th>
                <th scope="col">{t('assignments.col.status')}</th>
                <th scope="col">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((a) => (
                <tr key={a.id} className={a.retired ? 'retired' : undefined}>
                  <td>
                    <span className="mono">{a.unitCode}</span> {a.unitName}
                  </td>
                  <td>
                    {formatDay(a.from)} – {formatDay(a.to)}
                  </td>
                  <td>{a.team}</td>
                  <td>{a.note}</td>
                  <td>{a.retired ? <span className="badge revoked">{t('assignments.retired')}</span> : <span className="badge active">{t('assignments.active')}</span>}</td>
                  <td>
                    {!a.retired && (
                      <button type="button" className="link" onClick={() => void retire(a)}>
                        {t('assignments.retire')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      {dialog}
    </section>
  );
}
