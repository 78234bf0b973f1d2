import { useLiveQuery } from 'dexie-react-hooks';
import type { z } from 'zod';
import { assignmentSchema, type Assignment } from '@shared/schemas';
import { reviewChangeSchema } from '@shared/sync/protocol';
import { useDb } from '../../db/db-context';
import type { SyncStatusRow } from '../../db/database';
import { HUB_SETTINGS_KEY, type HubSettings } from './dexie-sync-storage';

export function useHubSettings(): HubSettings | null | undefined {
  const db = useDb();
  return useLiveQuery(async () => ((await db.settings.get(HUB_SETTINGS_KEY))?.value as HubSettings | undefined) ?? null, [db]);
}

export interface OutboxRow {
  id: string;
  revision: number;
  unitName: string;
  day: string;
  finalizedAt: string;
  status: SyncStatusRow | null;
  review: { status: string; comment: string; reviewer: string; createdAt: string } | null;
  /** The signed PDF of this revision, if one was made: on the hub, waiting, or refused with why. */
  signedPdf: { state: 'sent' | 'waiting' | 'refused'; error: string | null } | null;
}

/** Every finalized revision with where it stands with the hub and the newest review it got back. */
export function useOutbox(): OutboxRow[] | undefined {
  const db = useDb();
  return useLiveQuery(async () => {
    const [finalized, statuses, reviews, signed] = await Promise.all([
      db.inspections.where('status').equals('finalized').toArray(),
      db.syncStatus.toArray(),
      db.hubRows.where('kind').equals('review').toArray(),
      db.signedReports.toArray(),
    ]);
    const pdfs = new Map(
      signed.map((s) => [
        `${s.inspectionId}@${s.revision}`,
        { state: s.hubSyncedAt ? ('sent' as const) : s.hubFinal ? ('refused' as const) : ('waiting' as const), error: s.hubSyncedAt ? null : (s.hubError ?? null) },
      ]),
    );
    const byKey = new Map(statuses.map((s) => [`${s.inspectionId}@${s.revision}`, s]));
    const latestReview = new Map<string, OutboxRow['review']>();
    for (const r of reviews.sort((a, b) => a.seq - b.seq)) {
      const d = r.data as { inspectionId: string; status: string; comment: string; reviewer: string; createdAt: string };
      latestReview.set(d.inspectionId, { status: d.status, comment: d.comment, reviewer: d.reviewer, createdAt: d.createdAt });
    }
    return finalized
      .map((i) => ({
        id: i.id,
        revision: i.revision,
        unitName: i.unit.name,
        day: i.arrival.at.slice(0, 10),
        finalizedAt: i.finalizedAt ?? '',
        status: byKey.get(`${i.id}@${i.revision}`) ?? null,
        review: latestReview.get(i.id) ?? null,
        signedPdf: pdfs.get(`${i.id}@${i.revision}`) ?? null,
      }))
      .sort((a, b) => b.finalizedAt.localeCompare(a.finalizedAt));
  }, [db]);
}

/** Units the hub has given this team to inspect, soonest first. */
export function useAssignments(): Assignment[] | undefined {
  const db = useDb();
  return useLiveQuery(async () => {
    const rows = await db.hubRows.where('kind').equals('assignment').toArray();
    return rows
      .filter((r) => !r.deleted)
      .map((r) => assignmentSchema.safeParse(r.data))
      .flatMap((p) => (p.success ? [p.data] : []))
      .sort((a, b) => a.from.localeCompare(b.from));
  }, [db]);
}

export type InspectionReview = z.infer<typeof reviewChangeSchema>;

/** The reviews Home Affairs sent back for one inspection, newest first (any revision). */
export function useReviewsOf(inspectionId: string): InspectionReview[] | undefined {
  const db = useDb();
  return useLiveQuery(async () => {
    const rows = await db.hubRows.where('kind').equals('review').toArray();
    return rows
      .sort((a, b) => b.seq - a.seq)
      .map((r) => reviewChangeSchema.safeParse(r.data))
      .flatMap((p) => (p.success && p.data.inspectionId === inspectionId ? [p.data] : []));
  }, [db, inspectionId]);
}
