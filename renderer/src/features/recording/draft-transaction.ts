import Dexie, { type Table } from 'dexie';
import { nextAuditEntry, type AuditEntry } from '@shared/audit/audit-chain';
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

function lastAuditEntry(db: CongvuDb, inspectionId: string) {
  return db.auditLog.where('[inspectionId+seq]').between([inspectionId, Dexie.minKey], [inspectionId, Dexie.maxKey]).last();
}

function auditEntry(inspection: Inspection, last: AuditEntry | undefined, note: AuditNote, at: string): AuditEntry {
  return nextAuditEntry(inspection.id, last, { at, actor: actorOf(inspection), ...note });
}

export async function appendAudit(db: CongvuDb, inspection: Inspection, note: AuditNote, at: string): Promise<void> {
  await db.auditLog.add(auditEntry(inspection, await lastAuditEntry(db, inspection.id), note, at));
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
    // Independent reads and writes go out together: a keystroke's save waits for two round trips
    // to the store less than it would one after the other.
    const [inspection, last] = await Promise.all([db.inspections.get([key.id, key.revision]), lastAuditEntry(db, key.id)]);
    if (!inspection) throw new RecordNotFoundError();
    if (inspection.status !== 'draft') throw new RecordLockedError();
    const now = toLocalIso(new Date());
    let patch: Partial<Inspection> = {};
    const result = await change(inspection, now, (p) => (patch = { ...patch, ...p }));
    const audit = auditEntry(inspection, last, typeof note === 'function' ? note(result) : note, now);
    await Promise.all([db.inspections.put({ ...inspection, ...patch, updatedAt: now }), db.auditLog.add(audit)]);
    return result;
  });
}
