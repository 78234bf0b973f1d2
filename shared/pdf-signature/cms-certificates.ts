import forge from 'node-forge';
import { derOf, parseDer } from './cms-build';

/** The certificates a CMS SignedData carries (its [0] certificates field), DER; empty if unreadable. */
export function readCmsCertificates(cms: Uint8Array): Uint8Array[] {
  try {
    const contentInfo = parseDer(cms).value as forge.asn1.Asn1[];
    const signedData = ((contentInfo[1]!.value as forge.asn1.Asn1[])[0]!.value as forge.asn1.Asn1[]);
    const field = signedData.find((n) => n.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && n.type === 0);
    return ((field?.value as forge.asn1.Asn1[] | undefined) ?? []).filter((c) => c.type === forge.asn1.Type.SEQUENCE).map(derOf);
  } catch {
    return [];
  }
}
