/** One source's answer (a CRL or an OCSP response) about one certificate at the validation time. */
export type RevocationAnswer =
  | { status: 'good'; revokedAt: Date | null }
  | { status: 'revoked'; revokedAt: Date }
  | { status: 'unusable'; problem: string };
