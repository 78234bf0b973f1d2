import Dexie, { type Table } from 'dexie';
import { nextAuditEntry } from '@shared/audit/audit-chain';
import type { Inspection } from '@shared/schemas';
import { toLocalIso } from '@shared/time/local-iso';
import type { CongvuDb } from '../../db/database';

/** Raised when a change is attempted on a finalized record: corrections go in a new revision. */
export class RecordLockedError extends Error {
  override name = 'RecordLockedError';
  constructor() {
    super('err.record.finalized');
  }
}

export class RecordNotFoundError extends Error {
  override name = 'RecordNotFoundError';
  constructor() {
    super('err.record.notFound');
  }
}

export interface RecordKey {
  id: string;
  revision: number;
}

export interface AuditNote {
  action: string;
  detail: Record<string, unknown>;
}

export function recordTables(db: CongvuDb) {
  return [db.inspections, db.findings, db.rosterEntries, db.recommendations, db.attachments, db.blobs, db.signatures, db.auditLog];
}

/** Who made a change: the team's recorder, who operates the laptop on site. */
function actorOf(inspection: Inspection): string {
  return inspection.team.find((m) => m.role === 'recorder')?.name ?? 'unknown';
}

export async function appendAudit(db: CongvuDb, inspection: Inspection, note: AuditNote, at: string): Promise<void> {
  const last = await db.auditLog
    .where('[inspectionId+seq]')
    .between([inspection.id, Dexie.minKey], [inspection.id, Dexie.maxKey])
    .last();
  await db.auditLog.add(nextAuditEntry(inspection.id, last, { at, actor: actorOf(inspection), ...note }));
}

/**
 * Every change to a draft goes through here: one transaction that checks the record is still a
 * draft, makes the change, touches updatedAt and appends the audit entry. Either all of it commits
 * or none; the promise resolves only after the commit.
 */
export function editDraft<T>(
  db: CongvuDb,
  key: RecordKey,
  note: AuditNote | ((result: T) => AuditNote),
  change: (inspection: Inspection, now: string, patchInspection: (patch: Partial<Inspection>) => void) => Promise<T>,
  tables: Table[] = recordTables(db),
): Promise<T> {
  // Only the tables a change needs are locked, so reads for the screen are not held up.
  return db.transaction('rw', [db.inspections, db.auditLog, ...tables], async () => {
    const inspection = await db.inspections.get([key.id, key.revision]);
    if (!inspection) throw new RecordNotFoundError();
    if (inspection.status !== 'draft') throw new RecordLockedError();
    const now = toLocalIso(new Date());
    let patch: Partial<Inspection> = {};
    const result = await change(inspection, now, (p) => (patch = { ...patch, ...p }));
    await db.inspections.put({ ...inspection, ...patch, updatedAt: now });
    await appendAudit(db, inspection, typeof note === 'function' ? note(result) : note, now);
    return result;
  });
}
