import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { checkFinalizable, type FinalizeProblem } from '@shared/inspection/finalize-check';
import { sha256Hex } from '@shared/hash/sha256';
import { templateRef, type Signature, type SignatureRole } from '@shared/schemas';
import { useI18n, type Translate } from '../../i18n/i18n';
import { describeError } from '../../app/describe-error';
import { formatLocalDateTime } from '../../app/format';
import { FieldError } from '../inspections/field-error';
import { BlobImage } from './blob-image';
import { SignaturePad } from './signature-pad';
import type { TabProps } from './tab-props';

const roleKeys = { 'unit-representative': 'sign.role.unit', recorder: 'role.recorder', leader: 'role.leader' } as const;
const roles: SignatureRole[] = ['unit-representative', 'recorder', 'leader'];

function describeProblem(p: FinalizeProblem, t: Translate): string {
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
    default:
      return t(p.code);
  }
}

export function SignTab({ record, templates, locked, actions }: TabProps) {
  const { t, locale } = useI18n();
  const [message, setMessage] = useState<string | null>(null);
  const problems = checkFinalizable(record, new Map(templates.map((tpl) => [templateRef(tpl), tpl])));
  const { inspection } = record;

  const finalize = async () => {
    setMessage(null);
    try {
      const result = await actions.finalize();
      if (!result.ok) setMessage(result.problems.map((p) => describeProblem(p, t)).join('; '));
    } catch (error) {
      setMessage(describeError(error, t));
    }
  };

  return (
    <div>
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
          <CorrectionForm onStart={(reason) => actions.startCorrection(reason)} />
        </div>
      ) : (
        <div className="finalize-box">
          <h2>{t('sign.finalizeTitle')}</h2>
          {problems.length > 0 ? (
            <ul className="problems" data-testid="finalize-problems">
              {problems.map((p) => (
                <li key={JSON.stringify(p)}>{describeProblem(p, t)}</li>
              ))}
            </ul>
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

const signerSchema = z.object({ signerName: z.string().trim().min(1, 'err.required').max(200, 'err.tooLong'), signerPosition: z.string().trim().max(200, 'err.tooLong') });
const refusalSchema = z.object({
  reason: z.string().trim().min(1, 'err.signature.refusalReason').max(2000, 'err.tooLong'),
  witness: z.string().trim().min(1, 'err.signature.witnessRequired').max(200, 'err.tooLong'),
});

function SignatureBlock({ role, record, locked, actions }: { role: SignatureRole } & Pick<TabProps, 'record' | 'locked' | 'actions'>) {
  const { t, tError } = useI18n();
  const existing: Signature | undefined = record.signatures.find((s) => s.role === role);
  const member = role === 'leader' || role === 'recorder' ? record.inspection.team.find((m) => m.role === role) : undefined;
  const rep = record.inspection.unitRepresentatives[0];
  const [mode, setMode] = useState<'draw' | 'refuse'>('draw');
  const [error, setError] = useState<string | null>(null);
  const signer = useForm<z.infer<typeof signerSchema>>({
    resolver: zodResolver(signerSchema),
    defaultValues: { signerName: existing?.signerName ?? member?.name ?? rep?.name ?? '', signerPosition: existing?.signerPosition ?? member?.position ?? rep?.position ?? '' },
  });
  const refusal = useForm<z.infer<typeof refusalSchema>>({ resolver: zodResolver(refusalSchema), defaultValues: { reason: '', witness: '' } });

  const save = async (mark: Parameters<typeof actions.saveSignature>[0]['mark']) => {
    setError(null);
    await signer.handleSubmit(async (s) => {
      try {
        await actions.saveSignature({ role, signerName: s.signerName, signerPosition: s.signerPosition, mark });
      } catch (e) {
        setError(describeError(e, t));
      }
    })();
  };

  return (
    <fieldset className="signature-block" data-testid={`signature-${role}`}>
      <legend>{t(roleKeys[role])}</legend>
      {existing && (
        <div className="signature-existing" data-testid={`signature-${role}-done`}>
          {existing.mark.kind === 'drawn' ? (
            <BlobImage sha256={existing.mark.imageSha256} alt={existing.signerName} className="signature-image" />
          ) : (
            <p className="refusal">{t('sign.refusedNote', { reason: existing.mark.reason, witness: existing.mark.witness })}</p>
          )}
          <strong>{existing.signerName}</strong> {existing.signerPosition && <span className="muted">— {existing.signerPosition}</span>}
        </div>
      )}
      {!locked && (
        <>
          <div className="grid">
            <label className="field">
              <span>{t('team.name')}</span>
              <input {...signer.register('signerName')} readOnly={!!member} aria-invalid={!!signer.formState.errors.signerName} />
              <FieldError message={tError(signer.formState.errors.signerName?.message)} />
            </label>
            <label className="field">
              <span>{t('team.position')}</span>
              <input {...signer.register('signerPosition')} readOnly={!!member} />
            </label>
          </div>
          <div className="mode-switch">
            <label>
              <input type="radio" checked={mode === 'draw'} onChange={() => setMode('draw')} /> {t('sign.draw')}
            </label>
            <label>
              <input type="radio" checked={mode === 'refuse'} onChange={() => setMode('refuse')} data-testid={`signature-${role}-refuse`} /> {t('sign.refuse')}
            </label>
          </div>
          {mode === 'draw' ? (
            <SignaturePad
              disabled={locked}
              testId={`pad-${role}`}
              onDone={(png) =>
                void (async () => {
                  const sha256 = await sha256Hex(new Uint8Array(await png.arrayBuffer()));
                  await save({ kind: 'drawn', image: png, sha256 });
                })()
              }
            />
          ) : (
            <form
              className="grid"
              noValidate
              onSubmit={(e) => void refusal.handleSubmit((r) => save({ kind: 'refused', reason: r.reason, witness: r.witness }))(e)}
            >
              <label className="field wide">
                <span>{t('sign.refusalReason')}</span>
                <textarea rows={2} {...refusal.register('reason')} aria-invalid={!!refusal.formState.errors.reason} />
                <FieldError message={tError(refusal.formState.errors.reason?.message)} />
              </label>
              <label className="field">
                <span>{t('sign.witness')}</span>
                <input {...refusal.register('witness')} aria-invalid={!!refusal.formState.errors.witness} />
                <FieldError message={tError(refusal.formState.errors.witness?.message)} />
              </label>
              <div className="actions">
                <button type="submit" className="button">
                  {t('sign.recordRefusal')}
                </button>
              </div>
            </form>
          )}
          {error && (
            <p className="alert" role="alert">
              {error}
            </p>
          )}
        </>
      )}
    </fieldset>
  );
}

const correctionSchema = z.object({ reason: z.string().trim().min(1, 'err.correction.reasonRequired').max(2000, 'err.tooLong') });

function CorrectionForm({ onStart }: { onStart: (reason: string) => Promise<unknown> }) {
  const { t, tError } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<z.infer<typeof correctionSchema>>({ resolver: zodResolver(correctionSchema), defaultValues: { reason: '' } });
  return (
    <form
      className="form"
      noValidate
      onSubmit={(e) =>
        void handleSubmit(async ({ reason }) => {
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
