import type { Inspection, Signature, UnitRepresentative } from '../schemas';

const same = (a: string, b: string) => a.trim().normalize('NFC') === b.trim().normalize('NFC');

/**
 * The listed representative a unit-representative signature belongs to: the one with the signer's
 * name and position. Undefined when the signer is not (or no longer) on the list, or the list now
 * gives another name or position: the record would then name one person in section I.2 and another
 * under the signature.
 */
export function signerOfRepresentative(inspection: Pick<Inspection, 'unitRepresentatives'>, signature: Signature): UnitRepresentative | undefined {
  return inspection.unitRepresentatives.find((r) => same(r.name, signature.signerName) && same(r.position, signature.signerPosition));
}
