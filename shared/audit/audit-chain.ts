import { z } from 'zod';
import { canonicalHashSync } from '../hash/sha256-sync';
import { isoDateTimeSchema, sha256HexSchema, uuidV7Schema } from '../schemas/common';

export const GENESIS_HASH = '0'.repeat(64);

export const auditEntrySchema = z.object({
  inspectionId: uuidV7Schema,
  seq: z.number().int().min(0),
  at: isoDateTimeSchema,
  /** Who made the change: the operator's name and this device's id. */
  actor: z.string().min(1).max(300),
  /** What kind of change ("finding.answer", "finalize", …). */
  action: z.string().regex(/^[a-z]+(\.[a-zA-Z]+)+$/),
  detail: z.record(z.string(), z.unknown()),
  prevHash: sha256HexSchema,
  hash: sha256HexSchema,
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export type AuditInput = Pick<AuditEntry, 'at' | 'actor' | 'action' | 'detail'>;

function entryHash(e: Omit<AuditEntry, 'hash'>): string {
  return canonicalHashSync({ inspectionId: e.inspectionId, seq: e.seq, at: e.at, actor: e.actor, action: e.action, detail: e.detail, prevHash: e.prevHash });
}

/** The next link of an inspection's append-only log; each entry's hash covers the one before. */
export function nextAuditEntry(inspectionId: string, previous: AuditEntry | undefined, input: AuditInput): AuditEntry {
  const base = {
    inspectionId,
    seq: previous ? previous.seq + 1 : 0,
    prevHash: previous ? previous.hash : GENESIS_HASH,
    ...input,
  };
  return { ...base, hash: entryHash(base) };
}

/** Index of the first entry that breaks the chain (edited, removed or reordered), or -1. */
export function findAuditBreak(entries: readonly AuditEntry[]): number {
  let prevHash = GENESIS_HASH;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (e.seq !== i || e.prevHash !== prevHash || entryHash(e) !== e.hash) return i;
    prevHash = e.hash;
  }
  return -1;
}
