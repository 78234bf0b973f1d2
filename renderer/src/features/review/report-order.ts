import type { ReportSigner } from '@shared/sync/protocol';
import type { ReviewReportRow } from '../../db/database';

/** The signers to show: this device's own check once made, else what the hub said (older hubs: none). */
export function reportSigners(row: Pick<ReviewReportRow, 'checkedSigners' | 'signers'>): ReportSigner[] {
  return row.checkedSigners ?? row.signers ?? [];
}

const signatureCount = (row: Pick<ReviewReportRow, 'checkedSigners' | 'signers'>) => reportSigners(row).filter((s) => s.kind === 'signature').length;

/**
 * Several signed PDFs of one revision: the one with the most signatures first (a later signer signs
 * the file the earlier ones signed, so it is the newer), then time-stamps, then the latest received.
 */
export function newestReportsFirst<T extends Pick<ReviewReportRow, 'checkedSigners' | 'signers' | 'receivedAt' | 'sha256'>>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => signatureCount(b) - signatureCount(a) || reportSigners(b).length - reportSigners(a).length || b.receivedAt.localeCompare(a.receivedAt) || a.sha256.localeCompare(b.sha256));
}
