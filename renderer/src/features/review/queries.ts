import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { InspectionFacts } from '@shared/review/facts';
import type { Template } from '@shared/schemas';
import { templatesByRef } from '@shared/review/facts';
import { reviewChangeSchema } from '@shared/sync/protocol';
import { useDb } from '../../db/db-context';
import { loadBlobBytes } from '../../db/blob-bytes';
import { newestReportsFirst } from './report-order';
import type { CongvuDb, ReviewInspectionRow, ReviewOutboxRow, ReviewReportRow } from '../../db/database';

export type { ReviewReportRow };

export interface ReviewState {
  status: string;
  comment: string;
  reviewer: string;
  at: string;
  /** Written here and not yet on the hub. */
  pending: boolean;
}

/** The newest revision of each inspection: a correction replaces what it corrects in every figure. */
export function latestRevisions<T extends { id: string; revision: number }>(rows: readonly T[]): T[] {
  const newest = new Map<string, T>();
  for (const r of rows) if ((newest.get(r.id)?.revision ?? 0) < r.revision) newest.set(r.id, r);
  return [...newest.values()];
}

/** The latest review of each inspection: the hub's, or one written here and still waiting. */
export async function loadReviewStates(db: CongvuDb): Promise<Map<string, ReviewState>> {
  const [rows, outbox] = await Promise.all([db.hubRows.where('kind').equals('review').toArray(), db.reviewOutbox.toArray()]);
  const states = new Map<string, ReviewState>();
  for (const row of rows.sort((a, b) => a.seq - b.seq)) {
    const r = reviewChangeSchema.safeParse(row.data);
    if (r.success) states.set(r.data.inspectionId, { status: r.data.status, comment: r.data.comment, reviewer: r.data.reviewer, at: r.data.createdAt, pending: false });
  }
  for (const o of outbox.filter((x) => x.state !== 'sent').sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
    states.set(o.inspectionId, { status: o.status, comment: o.comment, reviewer: '', at: o.createdAt, pending: true });
  }
  return states;
}

export interface ReviewData {
  facts: InspectionFacts[];
  templates: Map<string, Template>;
  reviews: Map<string, ReviewState>;
  reports: Map<string, ReviewReportRow['state']>;
  flagged: ReviewInspectionRow[];
  /** Inspections and their revisions counted apart: two revisions of one inspection are one inspection. */
  counts: { inspections: number; revisions: number; verified: number; flagged: number };
}

/** The figures last read in this window: a page opened again shows them at once while it reads anew. */
const lastRead = new WeakMap<CongvuDb, ReviewData>();

/**
 * Everything the review list and the dashboard show, read in one go and kept live. While an import
 * runs (`paused`), the last figures stay on screen instead of being read again after every page.
 */
export function useReviewData(paused = false): ReviewData | undefined {
  const db = useDb();
  const [kept, setKept] = useState<ReviewData | undefined>(() => lastRead.get(db));
  // A paused query touches no table, so the pages being written do not wake it.
  const data = useLiveQuery(async () => (paused ? null : loadReviewData(db)), [db, paused]);
  if (data && data !== kept) setKept(data);
  return data ?? kept;
}

async function loadReviewData(db: CongvuDb): Promise<ReviewData> {
  const [facts, templates, reviews, reports, flaggedKeys, revisions, inspectionIds] = await Promise.all([
    db.reviewFacts.toArray(),
    db.templates.toArray(),
    loadReviewStates(db),
    db.reviewReports.toArray(),
    db.reviewInspections.where('state').equals('flagged').primaryKeys(),
    db.reviewInspections.count(),
    db.reviewInspections.orderBy('id').uniqueKeys(),
  ]);
  const reportState = new Map<string, ReviewReportRow['state']>();
  for (const r of reports) {
    const key = `${r.inspectionId}@${r.revision}`;
    // A valid file wins over an earlier one that failed.
    if (reportState.get(key) !== 'valid') reportState.set(key, r.state);
  }
  const flagged = (await db.reviewInspections.bulkGet(flaggedKeys)).filter((r): r is ReviewInspectionRow => r !== undefined);
  const latest = latestRevisions(facts);
  const data: ReviewData = {
    facts: latest,
    templates: templatesByRef(templates),
    reviews,
    reports: reportState,
    flagged,
    counts: { inspections: inspectionIds.length, revisions, verified: revisions - flagged.length, flagged: flagged.length },
  };
  lastRead.set(db, data);
  return data;
}

export interface ReviewDetail {
  row: ReviewInspectionRow;
  facts: InspectionFacts | null;
  reports: ReviewReportRow[];
  history: Array<ReviewState & { key: string }>;
  outbox: ReviewOutboxRow[];
}

export function useReviewDetail(id: string, revision: number): ReviewDetail | null | undefined {
  const db = useDb();
  return useLiveQuery(async () => {
    const row = await db.reviewInspections.get([id, revision]);
    if (!row) return null;
    const [facts, reports, hubReviews, outbox] = await Promise.all([
      db.reviewFacts.get([id, revision]),
      db.reviewReports.where('[inspectionId+revision]').equals([id, revision]).toArray(),
      db.hubRows.where('kind').equals('review').toArray(),
      db.reviewOutbox.where('inspectionId').equals(id).toArray(),
    ]);
    const history = hubReviews
      .map((h) => reviewChangeSchema.safeParse(h.data))
      .flatMap((p) => (p.success && p.data.inspectionId === id ? [p.data] : []))
      .map((r) => ({ key: r.id, status: r.status, comment: r.comment, reviewer: r.reviewer, at: r.createdAt, pending: false }))
      .sort((a, b) => b.at.localeCompare(a.at));
    return { row, facts: facts ?? null, reports: newestReportsFirst(reports), history, outbox: outbox.filter((o) => o.state !== 'sent').sort((a, b) => b.createdAt.localeCompare(a.createdAt)) };
  }, [db, id, revision]);
}

/** A signed PDF fetched during import, as bytes; null if it was never downloaded. */
export function useReportPdf() {
  const db = useDb();
  return async (sha256: string): Promise<Uint8Array | null> => (await loadBlobBytes(db, [sha256])).get(sha256) ?? null;
}
