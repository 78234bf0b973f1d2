import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { sha256Hex } from '@shared/hash/sha256';
import { signerOfRepresentative } from '@shared/inspection/representatives';
import type { Signature, SignatureRole, UnitRepresentative } from '@shared/schemas';
import { useI18n } from '../../i18n/i18n';
import { describeError } from '../../app/describe-error';
import { FieldError } from '../inspections/field-error';
import { BlobImage } from './blob-image';
import { SignaturePad } from './signature-pad';
import type { SignatureInput } from './mutations';
import type { TabProps } from './tab-props';

export const roleKeys = { 'unit-representative': 'sign.role.unit', recorder: 'role.recorder', leader: 'role.leader' } as const;

const refusalSchema = z.object({
  reason: z.string().trim().min(1, 'err.signature.refusalReason').max(2000, 'err.tooLong'),
  witness: z.string().trim().min(1, 'err.signature.witnessRequired').max(200, 'err.tooLong'),
});
const repSchema = z.object({ name: z.string().trim().min(1, 'err.required').max(200, 'err.tooLong'), position: z.string().trim().max(200, 'err.tooLong') });

interface Signer {
  name: string;
  position: string;
}

/**
 * One signature (or recorded refusal). The leader and the recorder sign as the team lists them;
 * the unit's representative is one of the people listed in section I.2 — chosen here, or added
 * here to that same list — so the record never names one person there and another under it.
 */
export function SignatureBlock({ role, record, locked, actions }: { role: SignatureRole } & Pick<TabProps, 'record' | 'locked' | 'actions'>) {
  const { t } = useI18n();
  const existing: Signature | undefined = record.signatures.find((s) => s.role === role);
  const reps = record.inspection.unitRepresentatives;
  const isUnit = role === 'unit-representative';
  const member = isUnit ? undefined : record.inspection.team.find((m) => m.role === role);
  const signedRep = existing && isUnit ? signerOfRepresentative(record.inspection, existing) : undefined;
  const [chosenId, setChosenId] = useState<string | undefined>(signedRep?.id);
  const chosen = isUnit ? (reps.find((r) => r.id === chosenId) ?? (reps.length === 1 ? reps[0] : undefined)) : undefined;
  const signer: Signer | undefined = isUnit ? chosen && { name: chosen.name, position: chosen.position } : member && { name: member.name, position: member.position };
  const [mode, setMode] = useState<'draw' | 'refuse'>('draw');
  const [error, setError] = useState<string | null>(null);

  const save = async (mark: SignatureInput['mark']) => {
    setError(null);
    if (!signer) return setError(t('sign.chooseRepresentative'));
    try {
      await actions.saveSignature({ role, signerName: signer.name, signerPosition: signer.position, mark });
    } catch (e) {
      setError(describeError(e, t));
    }
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
          {isUnit && !signedRep && !locked && (
            <p className="alert" role="alert">
              {t('sign.representativeChanged', { name: existing.signerName })}
            </p>
          )}
        </div>
      )}
      {!locked && (
        <>
          {isUnit ? (
            <RepresentativeChoice reps={reps} chosen={chosen} onChoose={setChosenId} onAdd={async (rep) => {
              await actions.setUnitRepresentatives([...reps, rep]);
              setChosenId(rep.id);
            }} />
          ) : (
            <p>
              {t('sign.signer')}: <strong>{signer?.name}</strong>
              {signer?.position && `, ${signer.position}`}
            </p>
          )}
          <div className="mode-switch" role="radiogroup" aria-label={t('sign.how')}>
            <label>
              <input type="radio" name={`sign-mode-${role}`} checked={mode === 'draw'} onChange={() => setMode('draw')} /> {t('sign.draw')}
            </label>
            <label>
              <input type="radio" name={`sign-mode-${role}`} checked={mode === 'refuse'} onChange={() => setMode('refuse')} data-testid={`signature-${role}-refuse`} /> {t('sign.refuse')}
            </label>
          </div>
          {mode === 'draw' ? (
            <SignaturePad
              disabled={locked || !signer}
              testId={`pad-${role}`}
              onDone={(png) =>
                void (async () => {
                  const sha256 = await sha256Hex(new Uint8Array(await png.arrayBuffer()));
                  await save({ kind: 'drawn', image: png, sha256 });
                })()
              }
            />
          ) : (
            <RefusalForm onSave={(r) => save({ kind: 'refused', reason: r.reason, witness: r.witness })} />
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

function RefusalForm({ onSave }: { onSave: (r: z.infer<typeof refusalSchema>) => Promise<void> }) {
  const { t, tError } = useI18n();
  const { register, handleSubmit, formState } = useForm<z.infer<typeof refusalSchema>>({ resolver: zodResolver(refusalSchema), defaultValues: { reason: '', witness: '' } });
  return (
    <form className="grid" noValidate onSubmit={(e) => void handleSubmit(onSave)(e)}>
      <label className="field wide">
        <span>{t('sign.refusalReason')}</span>
        <textarea rows={2} {...register('reason')} aria-invalid={!!formState.errors.reason} />
        <FieldError message={tError(formState.errors.reason?.message)} />
      </label>
      <label className="field">
        <span>{t('sign.witness')}</span>
        <input {...register('witness')} aria-invalid={!!formState.errors.witness} />
        <FieldError message={tError(formState.errors.witness?.message)} />
      </label>
      <div className="actions">
        <button type="submit" className="button">
          {t('sign.recordRefusal')}
        </button>
      </div>
    </form>
  );
}

/** Who signs for the unit: one of its listed representatives, or a new one added to that list. */
function RepresentativeChoice({ reps, chosen, onChoose, onAdd }: { reps: UnitRepresentative[]; chosen: UnitRepresentative | undefined; onChoose: (id: string) => void; onAdd: (rep: UnitRepresentative) => Promise<void> }) {
  const { t, tError } = useI18n();
  const [adding, setAdding] = useState(reps.length === 0);
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, formState, reset } = useForm<z.infer<typeof repSchema>>({ resolver: zodResolver(repSchema), defaultValues: { name: '', position: '' } });
  return (
    <div className="representative-choice">
      {reps.length > 0 && (
        <fieldset className="plain-fieldset">
          <legend>{t('sign.whoSignsForUnit')}</legend>
          {reps.map((r) => (
            <label key={r.id} className="inline">
              <input type="radio" name="unit-signer" checked={chosen?.id === r.id} onChange={() => onChoose(r.id)} /> {r.name}
              {r.position && `, ${r.position}`}
            </label>
          ))}
        </fieldset>
      )}
      {reps.length === 0 && <p className="notice">{t('sign.noRepresentatives')}</p>}
      {adding ? (
        <form
          className="inline-form"
          noValidate
          onSubmit={(e) =>
            void handleSubmit(async (v) => {
              setError(null);
              try {
                await onAdd({ id: crypto.randomUUID(), name: v.name, position: v.position });
                reset();
                setAdding(false);
              } catch (err) {
                setError(describeError(err, t));
              }
            })(e)
          }
        >
          <label className="field">
            <span>{t('reps.name')}</span>
            <input {...register('name')} aria-invalid={!!formState.errors.name} />
            <FieldError message={tError(formState.errors.name?.message)} />
          </label>
          <label className="field">
            <span>{t('team.position')}</span>
            <input {...register('position')} />
          </label>
          <button type="submit" className="button">
            {t('reps.add')}
          </button>
          {error && (
            <span className="field-error" role="alert">
              {error}
            </span>
          )}
        </form>
      ) : (
        <button type="button" className="link" onClick={() => setAdding(true)}>
          {t('reps.addAnother')}
        </button>
      )}
    </div>
  );
}
