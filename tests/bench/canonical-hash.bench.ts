import { performance } from 'node:perf_hooks';
import { canonicalHash } from '@shared/hash/sha256';
import { judge, median, type BenchRun } from './results';

/** Hashing a finalized record of 300 findings, as finalize and every sync do. */
export async function benchCanonicalHash({ emit }: BenchRun): Promise<void> {
  const record = {
    id: '019aadf8-51a0-7b2c-9d3e-0123456789ab',
    unit: { name: 'UBND xã Tân Phước Hưng', province: 'Cần Thơ' },
    findings: Array.from({ length: 300 }, (_, i) => ({
      id: `f-${i}`,
      itemCode: `GIO-${String((i % 13) + 1).padStart(2, '0')}`,
      answer: { type: 'compliance', value: i % 7 === 0 ? 'NC' : 'C' },
      note: 'Công chức Nguyễn Văn Đức không đeo thẻ khi tiếp công dân; đã nhắc nhở tại chỗ.',
      staffIds: ['3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f'],
    })),
  };
  const times: number[] = [];
  for (let i = 0; i < 60; i++) {
    const start = performance.now();
    await canonicalHash(record);
    times.push(performance.now() - start);
  }
  emit(judge('shared.canonical_hash_300_findings_ms', median(times.slice(10)), 'ms', '<= 20'));
}
