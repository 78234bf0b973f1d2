import { useState } from 'react';
import type { z } from 'zod';
import type { adminLegalBasisSchema } from '@shared/admin/admin-api';
import { useConfirm } from '../../../app/confirm-dialog';
import { formatDay, formatInstant } from '../../app/format';
import { ErrorLine } from '../../components/error-line';
import { useAdminI18n } from '../../i18n/admin-i18n';
import { LegalBasisForm } from './legal-basis-form';
import { retireLegalBasis } from './mutations';
import { useLegalBases } from './queries';
import { RetireForm } from './retire-form';

type Entry = z.infer<typeof adminLegalBasisSchema>;

export function LegalBasesPage() {
  const { t, language } = useAdminI18n();
  const bases = useLegalBases();
  const [dialog, ask] = useConfirm();
  const [retiring, setRetiring] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);

  const retire = async ({ basis }: Entry, day: string) => {
    setNotice(null);
    setActionError(null);
    const name = `${basis.shortName} (${basis.number})`;
    const ok = await ask({ title: t('legal.retire.title', { name, day: formatDay(day) }), message: t('legal.retire.body', { name, day: formatDay(day) }), confirmLabel: t('legal.retire.confirm'), danger: true });
    if (!ok) return;
    try {
      await retireLegalBasis(basis.id, day);
      setRetiring(null);
      setNotice(t('legal.retired', { id: basis.id, day: formatDay(day) }));
      bases.reload();
    } catch (e) {
      setActionError(e);
    }
  };

  return (
    <section aria-labelledby="legal-title">
      <div className="page-head">
        <h1 id="legal-title">{t('legal.title')}</h1>
      </div>
      <LegalBasisForm
        onPublished={(message) => {
          setNotice(message);
          bases.reload();
        }}
      />
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <ErrorLine error={actionError ?? bases.error} />
      {bases.data && (
        <table className="table" data-testid="legal-bases-table">
          <thead>
            <tr>
              <th scope="col">{t('legal.col.id')}</th>
              <th scope="col">{t('legal.col.document')}</th>
              <th scope="col">{t('legal.col.issued')}</th>
              <th scope="col">{t('legal.col.inForce')}</th>
              <th scope="col">{t('legal.col.origin')}</th>
              <th scope="col">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {bases.data.map((entry) => {
              const b = entry.basis;
              const from = formatDay(b.effectiveFrom ?? b.issuedOn);
              return (
                <tr key={b.id} data-testid="legal-basis-row">
                  <td className="mono">{b.id}</td>
                  <td>
                    <strong>{b.shortName}</strong> · {b.number}
                    {/* As it is cited: kind, issuer and subject; a law by its title alone. */}
                    <div className="small muted">{b.issuer ? `${b.kind[language]} ${b.issuer[language]} ${b.subject[language]}` : b.subject[language]}</div>
                  </td>
                  <td>{formatDay(b.issuedOn)}</td>
                  <td>{b.effectiveTo ? t('legal.inForceRange', { from, to: formatDay(b.effectiveTo) }) : t('legal.inForceFrom', { from })}</td>
                  <td className="small">{entry.builtIn ? t('legal.builtIn') : t('legal.hubPublished', { when: formatInstant(entry.publishedAt) })}</td>
                  <td>
                    {retiring === b.id ? (
                      <RetireForm basis={b} onRetire={(day) => retire(entry, day)} onCancel={() => setRetiring(null)} />
                    ) : (
                      b.effectiveTo === null && (
                        <button type="button" className="link nowrap" onClick={() => setRetiring(b.id)}>
                          {t('legal.retire')}
                        </button>
                      )
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {dialog}
    </section>
  );
}
