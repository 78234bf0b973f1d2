import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { checkFinalizable, type FinalizeProblem } from '@shared/inspection/finalize-check';
import { recordNumberLine } from '@shared/report/issuer';
import { vnDate } from '@shared/report/vn-date';
import { templateRef, type SignatureRole } from '@shared/schemas';
import { useI18n, type Translate } from '../../i18n/i18n';
import { useConfirm } from '../../app/confirm-dialog';
import { describeError } from '../../app/describe-error';
import { formatLocalDateTime } from '../../app/format';
import { FieldError } from '../inspections/field-error';
import { IssueFields } from './issue-fields';
import { roleKeys, SignatureBlock } from './signature-block';
import type { TabProps } from './tab-props';

const roles: SignatureRole[] = ['unit-representative', 'recorder', 'leader'];
const issueFieldKeys = { recordNumber: 'report.issue.number', symbol: 'report.issue.symbol', agency: 'report.issue.agency', parentAgency: 'report.issue.parent' } as const;

export function describeProblem(p: FinalizeProblem, t: Translate): string {
  switch (p.code) {
    case 'err.finalize.unanswered':
    case 'err.finalize.ncNeedsNote':
      return t(p.code, { item: p.itemCode });
    case 'err.finalize.countMissing':
      return t(p.code, { item: p.itemCode, field: p.field });
    case 'err.finalize.rollCallUnmarked':
      return t(p.code, { n: p.count });
    case 'err.finalize.signatureMissing':
      return t(p.code, { role: t(roleKeys[p.role]) });
    case 'err.finalize.templateMissing':
      return t(p.code, { ref: p.ref });
    case 'err.finalize.issueMissing':
      return t(p.code, { field: t(issueFieldKeys[p.field]) });
    case 'err.finalize.representativeNotListed':
      return t(p.code, { name: p.name });
    case 'err.finalize.deadlineBeforeInspection':
      return t(p.code, { deadline: vnDate(p.deadline) });
    default:
      return t(p.code);
  }
}

/** Who issues the record, the three signatures, then finalizing (asked first: it cannot be undone). */
export function SignTab({ record, templates, locked, actions }: TabProps) {
  const { t, locale } = useI18n();
  const [message, setMessage] = useState<string | null>(null);
  const [dialog, confirm] = useConfirm();
  const problems = checkFinalizable(record, new Map(templates.map((tpl) => [templateRef(tpl), tpl])));
  const { inspection } = record;

  const finalize = async () => {
    setMessage(null);
    const ok = await confirm({
      title: t('finalize.confirmTitle'),
      message: <p>{t('finalize.confirmBody', { number: recordNumberLine(inspection), unit: inspection.unit.name })}</p>,
      confirmLabel: t('finalize.confirm'),
      danger: true,
    });
    if (!ok) return;
    try {
      const result = await actions.finalize();
      if (!result.ok) setMessage(result.problems.map((p) => describeProblem(p, t)).join('; '));
    } catch (error) {
      setMessage(describeError(error, t));
    }
  };

  const startCorrection = async (reason: string) => {
    const ok = await confirm({
      title: t('correction.confirmTitle', { n: inspection.revision }),
      message: <p>{t('correction.confirmBody', { revision: inspection.revision + 1 })}</p>,
      confirmLabel: t('correction.start'),
    });
    if (ok) await actions.startCorrection(reason);
    return ok;
  };

  return (
    <div>
      {dialog}
      <IssueFields record={record} locked={locked} actions={actions} />
      {roles.map((role) => (
        <SignatureBlock key={`${role}-${inspection.revision}`} role={role} record={record} locked={locked} actions={actions} />
      ))}
      {locked ? (
        <div className="finalized" data-testid="finalized">
          <p>
            {t('sign.finalizedAt', { time: formatLocalDateTime(inspection.finalizedAt!, locale) })}
            <br />
            SHA-256: <span className="mono" data-testid="content-hash">{inspection.contentHash}</span>
          </p>
          <CorrectionForm onStart={startCorrection} />
        </div>
      ) : (
        <div className="finalize-box">
          <h2>{t('sign.finalizeTitle')}</h2>
          {problems.length > 0 ? (
            <>
              <p>{t('sign.missingIntro')}</p>
              <ul className="problems" data-testid="finalize-problems">
                {problems.map((p) => (
                  <li key={JSON.stringify(p)}>{describeProblem(p, t)}</li>
                ))}
              </ul>
            </>
          ) : (
            <p className="ok-text">{t('sign.ready')}</p>
          )}
          <button type="button" className="button primary" disabled={problems.length > 0} onClick={() => void finalize()} data-testid="finalize">
            {t('sign.finalize')}
          </button>
          {message && (
            <p className="alert" role="alert">
              {message}
            </p>
          )}
        </div>
      )}
    </div>
  );
}

const correctionSchema = z.object({ reason: z.string().trim().min(1, 'err.correction.reasonRequired').max(2000, 'err.tooLong') });

function CorrectionForm({ onStart }: { onStart: (reason: string) => Promise<boolean> }) {
  const { t, tError } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<z.infer<typeof correctionSchema>>({ resolver: zodResolver(correctionSchema), defaultValues: { reason: '' } });
  return (
    <form
      className="form"
      noValidate
      onSubmit={(e) =>
        void handleSubmit(async ({ reason }) => {
          setError(null);
          try {
            await onStart(reason);
          } catch (err) {
            setError(describeError(err, t));
          }
        })(e)
      }
    >
      <h2>{t('correction.title')}</h2>
      <p className="muted small">{t('correction.hint')}</p>
      <label className="field">
        <span>{t('correction.reason')}</span>
        <textarea rows={2} {...register('reason')} aria-invalid={!!formState.errors.reason} data-testid="correction-reason" />
        <FieldError message={tError(formState.errors.reason?.message)} />
      </label>
      <button type="submit" className="button" data-testid="start-correction">
        {t('correction.start')}
      </button>
      {error && <p className="alert">{error}</p>}
    </form>
  );
}
