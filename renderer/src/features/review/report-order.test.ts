import { describe, expect, it } from 'vitest';
import type { ReportSigner } from '@shared/sync/protocol';
import { newestReportsFirst, reportSigners } from './report-order';

const signer = (index: number, kind: ReportSigner['kind'] = 'signature'): ReportSigner => ({
  index,
  kind,
  role: kind === 'signature' ? 'leader' : null,
  commonName: `Người ký ${index}`,
  subject: '',
  issuer: '',
  intact: true,
  trust: 'unknown',
  timestamp: null,
  claimedTime: '2026-11-23T03:30:00.000Z',
});

describe('several signed PDFs of one revision', () => {
  it('puts the one with the most signatures first, then the time-stamped one, then the latest received', () => {
    const rows = [
      { sha256: 'a', receivedAt: '2026-11-23T05:00:00.000Z', checkedSigners: [signer(1)] },
      { sha256: 'b', receivedAt: '2026-11-23T04:00:00.000Z', checkedSigners: [signer(1), signer(2)] },
      { sha256: 'c', receivedAt: '2026-11-23T03:00:00.000Z', signers: [signer(1), signer(2), signer(3, 'document-timestamp')] },
      { sha256: 'd', receivedAt: '2026-11-23T06:00:00.000Z' },
      { sha256: 'e', receivedAt: '2026-11-23T07:00:00.000Z', checkedSigners: [signer(1)] },
    ];
    expect(newestReportsFirst(rows).map((r) => r.sha256)).toEqual(['c', 'b', 'e', 'a', 'd']);
  });

  it("shows this device's own check once made, else what the hub said", () => {
    expect(reportSigners({ signers: [signer(1), signer(2)] })).toHaveLength(2);
    expect(reportSigners({ signers: [signer(1), signer(2)], checkedSigners: [signer(1)] })).toHaveLength(1);
    expect(reportSigners({})).toEqual([]);
  });
});
