import type { Inspection, Signature, UnitRepresentative } from '../schemas';

const same = (a: string, b: string) => a.trim().normalize('NFC') === b.trim().normalize('NFC');

/**
 * The listed representative a unit-representative signature belongs to, or undefined when the
 * signer is not (or no longer) on the list, or the list now gives another name or position: the
 * record would then name one person in section I and another under the signature.
 */
export function signerOfRepresentative(inspection: Pick<Inspection, 'unitRepresentatives'>, signature: Signature): UnitRepresentative | undefined {
  const rep = signature.representativeId
    ? inspection.unitRepresentatives.find((r) => r.id === signature.representativeId)
    : inspection.unitRepresentatives.find((r) => same(r.name, signature.signerName));
  if (!rep || !same(rep.name, signature.signerName) || !same(rep.position, signature.signerPosition)) return undefined;
  return rep;
}
