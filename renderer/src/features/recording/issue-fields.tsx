import { issueLine, issuerOf, issuerSuggestions } from '@shared/report/issuer';
import type { Issuer } from '@shared/schemas';
import { useI18n } from '../../i18n/i18n';
import { AutosaveText } from './autosave-text';
import { useLastIssuer } from './queries';
import type { TabProps } from './tab-props';

type IssuerField = keyof Issuer;

/**
 * Who issues the record and its number, entered before it is finalized: the header prints them,
 * so each is required. Empty fields stay visibly empty (no grey text that passes for a value);
 * what teams usually enter is offered as a button to fill them, from this device's last record.
 */
export function IssueFields({ record, locked, actions }: Pick<TabProps, 'record' | 'locked' | 'actions'>) {
  const { t } = useI18n();
  const i = record.inspection;
  const issuer = issuerOf(i);
  const last = useLastIssuer(i.id);
  const offer: Issuer = last ?? issuerSuggestions(i);
  const fields: Array<{ key: IssuerField; label: string; max: number }> = [
    { key: 'parentAgency', label: t('report.issue.parent'), max: 200 },
    { key: 'agency', label: t('report.issue.agency'), max: 200 },
    { key: 'symbol', label: t('report.issue.symbol'), max: 20 },
  ];
  const empty = fields.filter((f) => issuer[f.key] === '' && offer[f.key] !== '');
  return (
    <section className="card" aria-labelledby="issue-title" data-testid="issue-fields">
      <h2 id="issue-title">{t('report.issue.title')}</h2>
      <p className="muted small" id="issue-hint">
        {t('report.issue.hint')}
      </p>
      {locked ? (
        <p data-testid="issue-preview">{issueLine(i)}</p>
      ) : (
        <>
          <div className="grid-2">
            <label>
              {t('report.issue.number')}
              <AutosaveText value={i.recordNumber} label={t('report.issue.number')} maxLength={20} testId="issue-number" onSave={(v) => actions.setIssue({ recordNumber: v })} />
            </label>
            {fields.map((f) => (
              <label key={f.key}>
                {f.label}
                <AutosaveText value={issuer[f.key]} label={f.label} maxLength={f.max} testId={`issue-${f.key}`} onSave={(v) => actions.setIssue({ issuer: { [f.key]: v } })} />
              </label>
            ))}
          </div>
          {empty.length > 0 && (
            <p className="small">
              <button type="button" className="button" onClick={() => void actions.setIssue({ issuer: Object.fromEntries(empty.map((f) => [f.key, offer[f.key]])) })}>
                {t(last ? 'report.issue.fillLast' : 'report.issue.fillSuggested', { values: empty.map((f) => offer[f.key]).join(' · ') })}
              </button>
            </p>
          )}
          <p className="muted small" data-testid="issue-preview">
            {t('report.issue.prints')}: {issueLine(i)}
          </p>
        </>
      )}
    </section>
  );
}
