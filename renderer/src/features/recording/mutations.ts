import { useMemo } from 'react';
import { buildCorrection } from '@shared/inspection/correction';
import { finalizeRecord, type FinalizeResult } from '@shared/inspection/finalize';
import { toggledInRosterOrder, withCountValue } from '@shared/inspection/finding-edits';
import {
  answerSchema,
  attachmentSchema,
  findingSchema,
  recommendationSchema,
  rosterEntrySchema,
  signatureSchema,
  unitRepresentativeSchema,
  type Answer,
  type AttendanceStatus,
  type Recommendation,
  type RosterEntry,
  type Signature,
  type UnitRepresentative,
  issuerSchema,
  type Inspection,
  type Issuer,
} from '@shared/schemas';
import { isoDay, toLocalIso } from '@shared/time/local-iso';
import { z } from 'zod';
import type { CongvuDb } from '../../db/database';
import { useDb } from '../../db/db-context';
import { appendAudit, editDraft, RecordLockedError, recordTables, type RecordKey } from './draft-transaction';
import type { PreparedPhoto } from './evidence';
import { loadRecord } from './load-record';
import { loadTemplates } from '../reference/load-templates';
import { trackSave } from './save-status';

async function getFinding(db: CongvuDb, key: RecordKey, findingId: string) {
  const finding = await db.findings.get(findingId);
  if (!finding || finding.inspectionId !== key.id || finding.revision !== key.revision) throw new Error('err.record.notFound');
  return finding;
}

async function getRosterEntry(db: CongvuDb, key: RecordKey, rosterId: string) {
  const entry = await db.rosterEntries.get(rosterId);
  if (!entry || entry.inspectionId !== key.id || entry.revision !== key.revision) throw new Error('err.record.notFound');
  return entry;
}

export function setAnswer(db: CongvuDb, key: RecordKey, findingId: string, answer: Answer | null) {
  const parsed = answer === null ? null : answerSchema.parse(answer);
  return editDraft(db, key, { action: 'finding.answer', detail: { findingId, answer: parsed } }, async (_i, now) => {
    const finding = await getFinding(db, key, findingId);
    await db.findings.put(findingSchema.parse({ ...finding, answer: parsed, updatedAt: now }));
  }, [db.findings]);
}

export function setFindingNote(db: CongvuDb, key: RecordKey, findingId: string, note: string) {
  return editDraft(db, key, { action: 'finding.note', detail: { findingId, note } }, async (_i, now) => {
    const finding = await getFinding(db, key, findingId);
    await db.findings.put(findingSchema.parse({ ...finding, note, updatedAt: now }));
  }, [db.findings]);
}

/** Sets one number of a count item, leaving the others as they are now (not as a window last saw them). */
export function setCountValue(db: CongvuDb, key: RecordKey, findingId: string, field: string, value: number | null) {
  return editDraft(db, key, { action: 'finding.count', detail: { findingId, field, value } }, async (_i, now) => {
    const finding = await getFinding(db, key, findingId);
    await db.findings.put(findingSchema.parse({ ...finding, answer: withCountValue(finding.answer, field, value), updatedAt: now }));
  }, [db.findings]);
}

async function rosterOf(db: CongvuDb, key: RecordKey) {
  return (await db.rosterEntries.where('[inspectionId+revision]').equals([key.id, key.revision]).toArray()).sort((a, b) => a.seq - b.seq);
}

export function setInvolved(db: CongvuDb, key: RecordKey, findingId: string, rosterId: string, include: boolean) {
  return editDraft(db, key, { action: 'finding.involved', detail: { findingId, rosterId, include } }, async (_i, now) => {
    const finding = await getFinding(db, key, findingId);
    const involvedRosterIds = toggledInRosterOrder(await rosterOf(db, key), finding.involvedRosterIds, rosterId, include);
    await db.findings.put(findingSchema.parse({ ...finding, involvedRosterIds, updatedAt: now }));
  }, [db.findings, db.rosterEntries]);
}

/** For a roster-type item: names (or un-names) one person as having breached the rule. */
export function setViolator(db: CongvuDb, key: RecordKey, findingId: string, rosterId: string, include: boolean) {
  return editDraft(db, key, { action: 'finding.violator', detail: { findingId, rosterId, include } }, async (_i, now) => {
    const finding = await getFinding(db, key, findingId);
    const current = finding.answer?.type === 'roster' ? finding.answer.rosterIds : [];
    const rosterIds = toggledInRosterOrder(await rosterOf(db, key), current, rosterId, include);
    await db.findings.put(findingSchema.parse({ ...finding, answer: { type: 'roster', rosterIds }, updatedAt: now }));
  }, [db.findings, db.rosterEntries]);
}

export type RosterPatch = Partial<Pick<RosterEntry, 'status' | 'arrivalTime' | 'verification' | 'note'>>;

export function updateRosterEntry(db: CongvuDb, key: RecordKey, rosterId: string, patch: RosterPatch) {
  return editDraft(db, key, { action: 'roster.update', detail: { rosterId, ...patch } }, async () => {
    const entry = await getRosterEntry(db, key, rosterId);
    const next: RosterEntry = { ...entry, ...patch };
    // Only a late person has an arrival time; an absence keeps how it was verified.
    if (next.status !== 'late') delete next.arrivalTime;
    await db.rosterEntries.put(rosterEntrySchema.parse(next));
  }, [db.rosterEntries]);
}

export const newPersonSchema = z.object({
  name: z.string().trim().min(1, 'err.required').max(200, 'err.tooLong'),
  position: z.string().trim().max(200, 'err.tooLong').default(''),
  department: z.string().trim().max(200, 'err.tooLong').default(''),
});
export type NewPerson = z.input<typeof newPersonSchema>;

export function addRosterPerson(db: CongvuDb, key: RecordKey, person: NewPerson) {
  const parsed = newPersonSchema.parse(person);
  return editDraft(db, key, (id: string) => ({ action: 'roster.add', detail: { rosterId: id, ...parsed } }), async () => {
    const existing = await db.rosterEntries.where('[inspectionId+revision]').equals([key.id, key.revision]).toArray();
    const entry = rosterEntrySchema.parse({
      id: crypto.randomUUID(),
      inspectionId: key.id,
      revision: key.revision,
      seq: existing.reduce((max, e) => Math.max(max, e.seq), -1) + 1,
      ...parsed,
      status: 'unmarked' satisfies AttendanceStatus,
      note: '',
      addedOnSite: true,
    });
    await db.rosterEntries.add(entry);
    return entry.id;
  }, [db.rosterEntries]);
}

export function adjustArrival(db: CongvuDb, key: RecordKey, to: Date, reason: string) {
  const trimmed = reason.trim();
  if (trimmed === '') return Promise.reject(new Error('err.arrival.reasonRequired'));
  return editDraft(db, key, { action: 'arrival.adjust', detail: { to: toLocalIso(to), reason: trimmed } }, async (inspection, now, patch) => {
    const adjustments = [...inspection.arrival.adjustments, { from: inspection.arrival.at, to: toLocalIso(to), reason: trimmed, at: now }];
    patch({ arrival: { ...inspection.arrival, at: toLocalIso(to), adjustments } });
  }, []);
}

export function setConclusion(db: CongvuDb, key: RecordKey, conclusion: string) {
  if (conclusion.length > 20_000) return Promise.reject(new Error('err.tooLong'));
  return editDraft(db, key, { action: 'inspection.conclusion', detail: { conclusion } }, async (_i, _now, patch) => patch({ conclusion }), []);
}

/** The number and the issuing agency printed in the record's header. */
export function setIssue(db: CongvuDb, key: RecordKey, patch: { recordNumber?: string; issuer?: Partial<Issuer> }) {
  return editDraft(db, key, { action: 'inspection.issue', detail: patch }, async (inspection, _now, patchInspection) => {
    const next: Partial<Inspection> = {};
    if (patch.recordNumber !== undefined) next.recordNumber = z.string().trim().max(20, 'err.tooLong').parse(patch.recordNumber);
    if (patch.issuer !== undefined) next.issuer = issuerSchema.parse({ ...inspection.issuer, ...patch.issuer });
    patchInspection(next);
  }, []);
}

export function setUnitRepresentatives(db: CongvuDb, key: RecordKey, representatives: UnitRepresentative[]) {
  const parsed = z.array(unitRepresentativeSchema).max(10).parse(representatives);
  return editDraft(db, key, { action: 'inspection.representatives', detail: { representatives: parsed } }, async (_i, _now, patch) => patch({ unitRepresentatives: parsed }), []);
}

export type NewRecommendation = Pick<Recommendation, 'target' | 'measure' | 'text' | 'deadline'>;

export function addRecommendation(db: CongvuDb, key: RecordKey, input: NewRecommendation) {
  const recommendation = recommendationSchema.parse({
    ...input,
    id: crypto.randomUUID(),
    inspectionId: key.id,
    revision: key.revision,
    createdAt: toLocalIso(new Date()),
  });
  return editDraft(db, key, { action: 'recommendation.add', detail: { ...recommendation } }, async (inspection) => {
    // A deadline to remedy cannot fall before the inspection found what is to be remedied.
    if (recommendation.deadline !== undefined && recommendation.deadline < isoDay(inspection.arrival.at)) throw new Error('err.recommendation.deadlineBeforeInspection');
    await db.recommendations.add(recommendation);
  });
}

export function removeRecommendation(db: CongvuDb, key: RecordKey, recommendationId: string) {
  return editDraft(db, key, { action: 'recommendation.remove', detail: { recommendationId } }, async () => {
    await db.recommendations.delete(recommendationId);
  });
}

export interface SignatureInput {
  role: Signature['role'];
  signerName: string;
  signerPosition: string;
  mark: { kind: 'drawn'; image: Blob; sha256: string } | { kind: 'refused'; reason: string; witness: string };
}

/** Stores a signature (or a refusal), replacing an earlier one for the same role in this draft. */
export function saveSignature(db: CongvuDb, key: RecordKey, input: SignatureInput) {
  const mark = input.mark.kind === 'drawn' ? { kind: 'drawn' as const, imageSha256: input.mark.sha256 } : input.mark;
  const signature = signatureSchema.parse({
    id: crypto.randomUUID(),
    inspectionId: key.id,
    revision: key.revision,
    role: input.role,
    signerName: input.signerName,
    signerPosition: input.signerPosition,
    mark,
    at: toLocalIso(new Date()),
  });
  return editDraft(db, key, { action: 'signature.save', detail: { role: signature.role, signerName: signature.signerName, mark } }, async () => {
    if (input.mark.kind === 'drawn') await db.blobs.put({ sha256: input.mark.sha256, blob: input.mark.image });
    await db.signatures.where('[inspectionId+revision+role]').equals([key.id, key.revision, input.role]).delete();
    await db.signatures.add(signature);
  });
}

/**
 * Locks the draft: checks it, computes the content hash of the canonical record and stores it, in
 * one transaction. The check runs on what is committed, so an edit from another window is either
 * in the hashed record or refused afterwards.
 */
export function finalizeInspection(db: CongvuDb, key: RecordKey): Promise<FinalizeResult> {
  return db.transaction('rw', [...recordTables(db), db.templates], async () => {
    const record = await loadRecord(db, key);
    if (!record) throw new Error('err.record.notFound');
    if (record.inspection.status !== 'draft') throw new RecordLockedError();
    // A missing template is reported by the finalize check, not here.
    const templates = await loadTemplates(db, record.inspection.templateRefs);
    const now = toLocalIso(new Date());
    const result = finalizeRecord(record, templates, now);
    if (!result.ok) return result;
    await db.inspections.put(result.record.inspection);
    await appendAudit(db, result.record.inspection, { action: 'inspection.finalize', detail: { revision: key.revision, contentHash: result.record.inspection.contentHash } }, now);
    return result;
  });
}

/** Opens a correction: a new draft revision copied from the finalized one, with the reason. */
export function startCorrection(db: CongvuDb, key: RecordKey, reason: string): Promise<RecordKey> {
  if (reason.trim() === '') return Promise.reject(new Error('err.correction.reasonRequired'));
  return db.transaction('rw', recordTables(db), async () => {
    const record = await loadRecord(db, key);
    if (!record) throw new Error('err.record.notFound');
    const newer = await db.inspections.get([key.id, key.revision + 1]);
    if (newer) throw new Error('err.correction.exists');
    const now = toLocalIso(new Date());
    const next = buildCorrection(record, reason, now, () => crypto.randomUUID());
    await db.inspections.add(next.inspection);
    await db.rosterEntries.bulkAdd(next.roster);
    await db.findings.bulkAdd(next.findings);
    await db.recommendations.bulkAdd(next.recommendations);
    await db.attachments.bulkAdd(next.attachments);
    await appendAudit(db, next.inspection, { action: 'inspection.correction', detail: { revision: next.inspection.revision, reason: reason.trim() } }, now);
    return { id: key.id, revision: next.inspection.revision };
  });
}

export interface NewAttachment {
  photo: PreparedPhoto;
  itemCode?: string;
  caption: string;
}

/** Stores a photo's bytes (original and report copy, once per content) and links it to the record. */
export function addAttachment(db: CongvuDb, key: RecordKey, input: NewAttachment) {
  const { photo } = input;
  const attachment = attachmentSchema.parse({
    sha256: photo.sha256,
    inspectionId: key.id,
    revision: key.revision,
    itemCode: input.itemCode,
    mime: photo.mime,
    size: photo.size,
    caption: input.caption,
    takenAt: photo.takenAt,
    reportCopySha256: photo.copy?.sha256,
    createdAt: toLocalIso(new Date()),
  });
  return editDraft(db, key, { action: 'attachment.add', detail: { sha256: photo.sha256, itemCode: input.itemCode ?? null, size: photo.size } }, async () => {
    if (await db.attachments.get([key.id, key.revision, photo.sha256])) throw new Error('err.evidence.duplicate');
    if (!(await db.blobs.get(photo.sha256))) await db.blobs.add({ sha256: photo.sha256, blob: photo.original });
    if (photo.copy && !(await db.blobs.get(photo.copy.sha256))) await db.blobs.add({ sha256: photo.copy.sha256, blob: photo.copy.blob });
    await db.attachments.add(attachment);
  });
}

export function updateAttachment(db: CongvuDb, key: RecordKey, sha256: string, patch: { caption?: string; itemCode?: string | null }) {
  return editDraft(db, key, { action: 'attachment.update', detail: { sha256, ...patch } }, async () => {
    const current = await db.attachments.get([key.id, key.revision, sha256]);
    if (!current) throw new Error('err.record.notFound');
    const next = { ...current, ...(patch.caption !== undefined ? { caption: patch.caption } : {}) };
    if (patch.itemCode === null) delete next.itemCode;
    else if (patch.itemCode !== undefined) next.itemCode = patch.itemCode;
    await db.attachments.put(attachmentSchema.parse(next));
  });
}

/** Unlinks a photo from this draft. Its bytes stay: another revision or record may use them. */
export function removeAttachment(db: CongvuDb, key: RecordKey, sha256: string) {
  return editDraft(db, key, { action: 'attachment.remove', detail: { sha256 } }, async () => {
    await db.attachments.delete([key.id, key.revision, sha256]);
  });
}

/** The recording actions for one revision, each reported to the "saved" indicator. */
export function useRecordingActions(key: RecordKey) {
  const db = useDb();
  const { id, revision } = key;
  return useMemo(() => {
    const k = { id, revision };
    return {
      setAnswer: (findingId: string, answer: Answer | null) => trackSave(setAnswer(db, k, findingId, answer)),
      setFindingNote: (findingId: string, note: string) => trackSave(setFindingNote(db, k, findingId, note)),
      setCountValue: (findingId: string, field: string, value: number | null) => trackSave(setCountValue(db, k, findingId, field, value)),
      setInvolved: (findingId: string, rosterId: string, include: boolean) => trackSave(setInvolved(db, k, findingId, rosterId, include)),
      setViolator: (findingId: string, rosterId: string, include: boolean) => trackSave(setViolator(db, k, findingId, rosterId, include)),
      updateRosterEntry: (rosterId: string, patch: RosterPatch) => trackSave(updateRosterEntry(db, k, rosterId, patch)),
      addRosterPerson: (person: NewPerson) => trackSave(addRosterPerson(db, k, person)),
      adjustArrival: (to: Date, reason: string) => trackSave(adjustArrival(db, k, to, reason)),
      setConclusion: (text: string) => trackSave(setConclusion(db, k, text)),
      setIssue: (patch: { recordNumber?: string; issuer?: Partial<Issuer> }) => trackSave(setIssue(db, k, patch)),
      setUnitRepresentatives: (reps: UnitRepresentative[]) => trackSave(setUnitRepresentatives(db, k, reps)),
      addRecommendation: (input: NewRecommendation) => trackSave(addRecommendation(db, k, input)),
      removeRecommendation: (recId: string) => trackSave(removeRecommendation(db, k, recId)),
      saveSignature: (input: SignatureInput) => trackSave(saveSignature(db, k, input)),
      addAttachment: (input: NewAttachment) => trackSave(addAttachment(db, k, input)),
      updateAttachment: (sha256: string, patch: { caption?: string; itemCode?: string | null }) => trackSave(updateAttachment(db, k, sha256, patch)),
      removeAttachment: (sha256: string) => trackSave(removeAttachment(db, k, sha256)),
      finalize: () => trackSave(finalizeInspection(db, k)),
      startCorrection: (reason: string) => trackSave(startCorrection(db, k, reason)),
    };
  }, [db, id, revision]);
}
