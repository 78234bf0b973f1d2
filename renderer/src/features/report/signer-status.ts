import type { InspectionRecord } from '@shared/inspection/record';
import type { DocumentVerdict, SignatureVerdict, SignerRole } from '@shared/pdf-signature/verdict';

export interface SignerStatus {
  role: SignerRole;
  /** Who the record names for the role; null when it names nobody (no unit representative). */
  name: string | null;
  optional: boolean;
  signed: { signer: string; at: string | null; timestamped: boolean; intact: boolean } | null;
}

/** The order the biên bản is signed in: the team lead, the unit, then (if wanted) the recorder. */
export const SIGNING_ORDER: readonly SignerRole[] = ['leader', 'unit-representative', 'recorder'];

function namedSigner(record: InspectionRecord, role: SignerRole): string | null {
  const i = record.inspection;
  if (role === 'unit-representative') return i.unitRepresentatives[0]?.name ?? null;
  return i.team.find((m) => m.role === role)?.name ?? null;
}

/**
 * A later document time-stamp proves the time of every signature before it: a signature made
 * offline counts as time-stamped once the queued stamp is added.
 */
function timestampedLater(signatures: readonly SignatureVerdict[], index: number): boolean {
  return signatures.some((s) => s.index > index && s.kind === 'document-timestamp' && s.timestamp?.intact === true);
}

/** Who has signed the stored PDF and who has not, in signing order. */
export function signerStatuses(record: InspectionRecord, verdict: DocumentVerdict | null): SignerStatus[] {
  const signatures = verdict?.signatures ?? [];
  return SIGNING_ORDER.map((role) => {
    const found = signatures.find((s) => s.kind === 'signature' && s.role === role);
    return {
      role,
      name: namedSigner(record, role),
      optional: role === 'recorder',
      signed: found
        ? {
            signer: found.signer?.commonName || found.signer?.subject || found.name || '—',
            at: found.timestamp?.time ?? found.claimedTime,
            timestamped: (found.timestamp?.intact ?? false) || timestampedLater(signatures, found.index),
            intact: found.intact && found.coversRevision,
          }
        : null,
    };
  });
}

/** The one who signs next: the first in order who has not; none once the last has (or all required have and the recorder is left). */
export function nextSigner(statuses: readonly SignerStatus[]): SignerStatus | null {
  return statuses.find((s) => !s.signed) ?? null;
}
