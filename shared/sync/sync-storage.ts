import type { InspectionRecord } from '../inspection/record';
import type { ChangeItem } from './protocol';

/** One finalized revision waiting to go to the hub, or already there. */
export interface OutboxEntry {
  id: string;
  revision: number;
  contentHash: string;
}

/** Where the engine keeps its state: Dexie in the app, memory in tests. Nothing here deletes records. */
export interface SyncStorage {
  /** Finalized revisions not yet acknowledged by the hub and not stopped by a conflict. */
  pending(): Promise<OutboxEntry[]>;
  loadRecord(entry: OutboxEntry): Promise<InspectionRecord>;
  loadBlob(sha256: string): Promise<Uint8Array>;
  /** Called only on 200 or 201 from the hub. */
  markSynced(entry: OutboxEntry, at: string): Promise<void>;
  /** Records why a push did not go through; `final` means retrying cannot help (a conflict, a bad record). */
  markFailed(entry: OutboxEntry, error: { code: string; message: string; final: boolean; at: string }): Promise<void>;
  cursor(): Promise<string | null>;
  /** The pulled rows and the new cursor, in one transaction. */
  applyChanges(items: ChangeItem[], cursor: string): Promise<void>;
  resetCursor(): Promise<void>;
  /** Signed PDFs of pushed revisions not yet on the hub (inspectors' devices). */
  pendingReports?(): Promise<PendingReport[]>;
  loadReport?(report: PendingReport): Promise<Uint8Array>;
  markReport?(report: PendingReport, outcome: { synced: true; at: string } | { synced: false; error: string; final: boolean; at: string }): Promise<void>;
  /** Reviews written on this device and not yet on the hub (reviewers' devices). */
  pendingReviews?(): Promise<PendingReview[]>;
  markReview?(review: PendingReview, outcome: { sent: true; at: string } | { sent: false; error: string; final: boolean; at: string }): Promise<void>;
}

export interface PendingReport {
  id: string;
  revision: number;
  sha256: string;
}

export interface PendingReview {
  localId: number;
  /** Made on the device: a review sent twice is stored once. */
  id: string;
  inspectionId: string;
  revision: number;
  status: string;
  comment: string;
}

export interface SyncProgress {
  phase: 'push' | 'pull';
  done: number;
  total: number;
  bytes: number;
}

export interface SyncOptions {
  /** Tries per request before the run gives up for now (the record stays pending). */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Per request; a request carrying a body gets this again for each megabyte it sends. */
  requestTimeoutMs?: number;
  pageSize?: number;
  /** Groups of records (ten each: their blobs, then themselves) pushed at the same time. */
  concurrency?: number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
  /** Reviewers: pull inspections with their records (the department's import). */
  includeRecords?: boolean;
  onProgress?: (p: SyncProgress) => void;
  now?: () => string;
}

export interface SyncReport {
  pushed: number;
  alreadyHeld: number;
  failed: number;
  pulled: number;
  /** Signed PDFs the hub took this run. */
  reports?: number;
  /** Why the run stopped early (the hub unreachable, the token revoked), if it did. */
  stoppedBy: string | null;
}
