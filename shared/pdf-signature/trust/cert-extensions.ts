import { children, content, DerError, parseDer, sequence, type DerNode } from '../der/der-read';
import { readBitString, readOctets, readOid, readSmallInteger, TAG } from '../der/der-values';
import { OID } from '../oids';

export type KeyUsageName =
  | 'digitalSignature'
  | 'nonRepudiation'
  | 'keyEncipherment'
  | 'dataEncipherment'
  | 'keyAgreement'
  | 'keyCertSign'
  | 'cRLSign'
  | 'encipherOnly'
  | 'decipherOnly';

const KEY_USAGE_BITS: readonly KeyUsageName[] = ['digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement', 'keyCertSign', 'cRLSign', 'encipherOnly', 'decipherOnly'];

/** What the trust code needs from a certificate's extensions; absent extensions are null / empty. */
export interface CertificateExtensions {
  basicConstraints: { ca: boolean; pathLength: number | null } | null;
  keyUsage: ReadonlySet<KeyUsageName> | null;
  extKeyUsage: readonly string[] | null;
  subjectKeyId: Uint8Array | null;
  authorityKeyId: Uint8Array | null;
  crlUrls: string[];
  ocspUrls: string[];
  /** id-pkix-ocsp-nocheck: an OCSP responder whose own revocation is not checked. */
  ocspNoCheck: boolean;
  /** Critical extensions this reader does not understand (RFC 5280: the certificate must then be refused). */
  unknownCritical: string[];
}

const UNDERSTOOD = new Set<string>([OID.basicConstraints, OID.keyUsage, OID.extKeyUsage, OID.subjectKeyIdentifier, OID.authorityKeyIdentifier, OID.crlDistributionPoints, OID.authorityInfoAccess, OID.ocspNoCheck, '2.5.29.17', '2.5.29.32']);

const uri = (name: DerNode): string | null => (name.tag === 0x86 ? new TextDecoder('latin1').decode(content(name)) : null);

function keyUsage(value: Uint8Array): Set<KeyUsageName> {
  const { bytes } = readBitString(parseDer(value));
  const set = new Set<KeyUsageName>();
  KEY_USAGE_BITS.forEach((name, bit) => {
    const byte = bytes[bit >> 3];
    if (byte !== undefined && byte & (0x80 >> (bit & 7))) set.add(name);
  });
  return set;
}

function crlUrls(value: Uint8Array): string[] {
  const urls: string[] = [];
  for (const point of sequence(parseDer(value), 'CRLDistributionPoints')) {
    const name = children(point).find((part) => part.tag === 0xa0);
    const fullName = name ? children(name).find((part) => part.tag === 0xa0) : undefined;
    for (const general of fullName ? children(fullName) : []) {
      const url = uri(general);
      if (url) urls.push(url);
    }
  }
  return urls;
}

function ocspUrls(value: Uint8Array): string[] {
  const urls: string[] = [];
  for (const access of sequence(parseDer(value), 'AuthorityInfoAccess')) {
    const [method, location] = sequence(access, 'AccessDescription');
    const url = location ? uri(location) : null;
    if (readOid(method) === OID.ocspAccess && url) urls.push(url);
  }
  return urls;
}

export function readExtensions(node: DerNode | undefined): CertificateExtensions {
  const out: CertificateExtensions = { basicConstraints: null, keyUsage: null, extKeyUsage: null, subjectKeyId: null, authorityKeyId: null, crlUrls: [], ocspUrls: [], ocspNoCheck: false, unknownCritical: [] };
  const list = node ? sequence(children(node)[0], 'Extensions') : [];
  for (const extension of list) {
    const parts = sequence(extension, 'Extension');
    const oid = readOid(parts[0]);
    const critical = parts[1]?.tag === TAG.boolean && content(parts[1])[0] !== 0;
    const value = readOctets(parts[parts.length - 1]);
    switch (oid) {
      case OID.basicConstraints: {
        const fields = sequence(parseDer(value), 'BasicConstraints');
        const ca = fields[0]?.tag === TAG.boolean && content(fields[0])[0] !== 0;
        const length = fields.find((field) => field.tag === TAG.integer);
        out.basicConstraints = { ca, pathLength: length ? readSmallInteger(length) : null };
        break;
      }
      case OID.keyUsage:
        out.keyUsage = keyUsage(value);
        break;
      case OID.extKeyUsage:
        out.extKeyUsage = sequence(parseDer(value), 'ExtKeyUsage').map((purpose) => readOid(purpose));
        break;
      case OID.subjectKeyIdentifier:
        out.subjectKeyId = readOctets(parseDer(value));
        break;
      case OID.authorityKeyIdentifier: {
        const id = sequence(parseDer(value), 'AuthorityKeyIdentifier').find((field) => field.tag === 0x80);
        out.authorityKeyId = id ? content(id) : null;
        break;
      }
      case OID.crlDistributionPoints:
        out.crlUrls = crlUrls(value);
        break;
      case OID.authorityInfoAccess:
        out.ocspUrls = ocspUrls(value);
        break;
      case OID.ocspNoCheck:
        out.ocspNoCheck = true;
        break;
      default:
        if (critical && !UNDERSTOOD.has(oid)) out.unknownCritical.push(oid);
    }
  }
  if (out.keyUsage && out.keyUsage.size === 0) throw new DerError('empty key usage');
  return out;
}
