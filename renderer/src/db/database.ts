import Dexie, { type EntityTable, type Table } from 'dexie';
import type { AuditEntry } from '@shared/audit/audit-chain';
import type { Attachment, Finding, Inspection, LegalBasis, Recommendation, RosterEntry, Signature, Template, Unit } from '@shared/schemas';
import { builtInTemplates } from '@shared/templates';
import { FACTS_VERSION, inspectionFacts, templatesByRef, type InspectionFacts } from '@shared/review/facts';
import type { InspectionRecord } from '@shared/inspection/record';
import type { ReportSigner } from '@shared/sync/protocol';
import { checkTemplatePublish } from '@shared/templates/immutability';
import { DEFAULT_LEGAL_BASES_VERSION, defaultLegalBases } from '@shared/legal-bases/default-legal-bases';
import { sealingMiddleware } from './sealing-middleware';
import { sealExisting } from './seal-existing';

export interface SettingRow {
  key: string;
  value: unknown;
}

/** The evidence bytes, stored once per content hash. */
export interface BlobRow {
  sha256: string;
  blob: Blob;
}

/** A digitally signed biên bản, kept with the revision it was made from. */
export interface SignedReportRow {
  inspectionId: string;
  revision: number;
  /** SHA-256 of the signed PDF file. */
  sha256: string;
  /** The record's content hash the PDF was rendered from. */
  contentHash: string;
  pdf: Blob;
  signedAt: string;
  signer: string;
  fileName: string | null;
  /** When the hub took this file; unset while it waits to be sent. */
  hubSyncedAt?: string;
  hubError?: string;
  /** The hub refused the file for good (it does not check out): not sent again. */
  hubFinal?: boolean;
}

/**
 * A signed biên bản waiting for its document time-stamp: signed offline (or with the TSA out of
 * reach), stamped when the laptop is next online. One per revision; kept until it succeeds.
 */
export interface TimestampJobRow {
  inspectionId: string;
  revision: number;
  queuedAt: string;
  attempts: number;
  lastTriedAt: string | null;
  lastError: string | null;
}

/** An inspection imported from the hub by a reviewer, kept as it came even when it fails its check. */
export interface ReviewInspectionRow {
  id: string;
  revision: number;
  contentHash: string;
  receivedAt: string;
  seq: number;
  /** 'flagged': the record failed its hash or schema check; it is shown apart, never counted. */
  state: 'verified' | 'flagged';
  problems: string[];
  /** The record as received (untyped when it failed its check). */
  record: unknown;
  blobs: string[];
}

/** A signed PDF the hub holds for an imported inspection, and what this device found when checking it. */
export interface ReviewReportRow {
  inspectionId: string;
  revision: number;
  sha256: string;
  signer: string;
  receivedAt: string;
  state: 'unchecked' | 'valid' | 'invalid';
  problems: string[];
  checkedAt: string | null;
  /** Every signer as the hub found them, with the hub's trust verdict (hubs since issue 14; absent before). */
  signers?: ReportSigner[];
  /** The hub's trust folder (HUB_TRUST_DIR) did not vouch for some signer. */
  untrustedSigner?: boolean;
  /** Every signer as this device's own check found them; trust is 'unknown' here (no trust folder in the reviewer's app). */
  checkedSigners?: ReportSigner[];
}

/** A review written on this device, until the hub has it. */
export interface ReviewOutboxRow {
  localId?: number;
  /** Made here and sent with the review, so that a resend is stored once. */
  reviewId: string;
  inspectionId: string;
  revision: number;
  status: 'received' | 'has-issues' | 'approved' | 'rejected';
  comment: string;
  createdAt: string;
  state: 'pending' | 'sent' | 'failed';
  error: string | null;
}

/** The outbox: where each finalized revision stands with the hub. No row yet means pending. */
export interface SyncStatusRow {
  inspectionId: string;
  revision: number;
  state: 'synced' | 'failed';
  /** A failure retrying cannot fix (a conflict, a refused record): not retried automatically. */
  final: boolean;
  error: string | null;
  at: string;
}

/** A row handed down by the hub's changes feed, kept as it came. */
export interface HubRow {
  kind: string;
  id: string;
  seq: number;
  deleted: boolean;
  data: unknown;
}

export const DB_NAME = 'congvu';
/** Every store holding what was recorded or who it names; templates and legal bases are public. */
export const SEALED_TABLES: ReadonlySet<string> = new Set([
  'inspections', 'findings', 'recommendations', 'rosterEntries', 'attachments', 'blobs', 'signatures', 'auditLog', 'units', 'settings',
  'signedReports', 'syncStatus', 'hubRows', 'reviewInspections', 'reviewFacts', 'reviewReports', 'reviewOutbox', 'timestampJobs',
]);
export type SealedBy = 'os-keyring' | 'passphrase' | 'browser';
const SEALED_ALL_KEY = 'storage.sealedAll';
const LEGAL_BASES_VERSION_KEY = 'reference.legalBases.version';
const FACTS_VERSION_KEY = 'review.factsVersion';

/**
 * The local store. A schema version, once shipped, is never edited: a change adds
 * `this.version(n + 1).stores({...}).upgrade(...)` below the existing ones.
 */
export class CongvuDb extends Dexie {
  inspections!: Table<Inspection, [string, number]>;
  findings!: EntityTable<Finding, 'id'>;
  recommendations!: EntityTable<Recommendation, 'id'>;
  rosterEntries!: EntityTable<RosterEntry, 'id'>;
  attachments!: Table<Attachment, [string, number, string]>;
  blobs!: EntityTable<BlobRow, 'sha256'>;
  signatures!: EntityTable<Signature, 'id'>;
  auditLog!: Table<AuditEntry, [string, number]>;
  units!: EntityTable<Unit, 'code'>;
  templates!: Table<Template, [string, number]>;
  legalBases!: EntityTable<LegalBasis, 'id'>;
  settings!: EntityTable<SettingRow, 'key'>;
  signedReports!: Table<SignedReportRow, [string, number]>;
  syncStatus!: Table<SyncStatusRow, [string, number]>;
  hubRows!: Table<HubRow, [string, string]>;
  reviewInspections!: Table<ReviewInspectionRow, [string, number]>;
  reviewFacts!: Table<InspectionFacts, [string, number]>;
  reviewReports!: Table<ReviewReportRow, [string, number, string]>;
  reviewOutbox!: Table<ReviewOutboxRow, number>;
  timestampJobs!: Table<TimestampJobRow, [string, number]>;

  /** With a data key every personal store is sealed at rest (sealing-middleware); without one (unit tests) it is plain. */
  readonly dataKey: CryptoKey | null;
  /** Who holds the data key (said in the UI: the browser's own key protects less). */
  readonly sealedBy: SealedBy | null;

  constructor(name: string = DB_NAME, dataKey: CryptoKey | null = null, sealedBy: SealedBy | null = null) {
    // 'strict': a commit is reported only once it is flushed to disk, so what the UI shows as
    // saved survives a power cut, not just a crash of the app.
    super(name, { chromeTransactionDurability: 'strict' });
    this.dataKey = dataKey;
    this.sealedBy = dataKey ? sealedBy : null;
    if (dataKey) this.use(sealingMiddleware(dataKey, SEALED_TABLES));
    this.version(1).stores({
      inspections: '[id+revision], id, revision, status, arrival.at, unit.code, updatedAt',
      findings: 'id, [inspectionId+revision], [inspectionId+revision+itemCode]',
      rosterEntries: 'id, [inspectionId+revision]',
      recommendations: 'id, [inspectionId+revision]',
      attachments: '[inspectionId+revision+sha256], [inspectionId+revision], sha256',
      blobs: 'sha256',
      signatures: 'id, [inspectionId+revision], [inspectionId+revision+role]',
      auditLog: '[inspectionId+seq], inspectionId',
      units: 'code, name, province',
      templates: '[id+version], id',
      legalBases: 'id',
      settings: 'key',
    });
    this.version(2).stores({
      signedReports: '[inspectionId+revision], sha256',
    });
    this.version(3).stores({
      syncStatus: '[inspectionId+revision], state',
      hubRows: '[kind+id], kind, seq',
    });
    this.version(4)
      .stores({
        reviewInspections: '[id+revision], id, state',
        reviewFacts: '[id+revision], id, day',
        reviewReports: '[inspectionId+revision+sha256], [inspectionId+revision], state',
        reviewOutbox: '++localId, state, inspectionId',
      })
      // A reviewer's earlier pulls carried no records: pull everything again (rows apply idempotently).
      .upgrade((tx) => tx.table('settings').delete('sync.cursor'));
    // Sealed at rest: no index may read a name (a unit's name was one); units are sorted in memory.
    this.version(5).stores({ units: 'code' });
    this.version(6).stores({ timestampJobs: '[inspectionId+revision]' });
  }
}

/**
 * Seals what was stored before sealing, once (the marker is written last): batch by batch, so a
 * kill midway loses nothing and the next start carries on. Rows read meanwhile open either way.
 */
export async function sealStoredRows(db: CongvuDb): Promise<number> {
  if (!db.dataKey || (await db.settings.get(SEALED_ALL_KEY))?.value === true) return 0;
  const sealed = await sealExisting(db.backendDB(), db.dataKey, SEALED_TABLES);
  await db.settings.put({ key: SEALED_ALL_KEY, value: true });
  return sealed;
}

/**
 * Built-in templates and legal bases are data in the store, like those the hub hands down later.
 * Called once at every start, after the first screen is up (it must not delay the list).
 * A published template version is never overwritten; a newer app adds its new versions beside it.
 */
export async function installReferenceData(db: CongvuDb): Promise<void> {
  await db.transaction('rw', db.templates, db.legalBases, db.settings, async () => {
    for (const template of builtInTemplates) {
      const existing = await db.templates.get([template.id, template.version]);
      const check = checkTemplatePublish(existing, template);
      if (check.ok && check.action === 'insert') await db.templates.add(structuredClone(template));
      if (!check.ok) console.warn(`${check.ref}: stored copy differs from the built-in one; the stored copy is kept`);
    }
    // Built-in legal bases are refreshed once per new data version (a basis replaced by a new law
    // gets its end date); bases from elsewhere (the hub) are left alone.
    const stored = (await db.settings.get(LEGAL_BASES_VERSION_KEY))?.value;
    if (typeof stored !== 'number' || stored < DEFAULT_LEGAL_BASES_VERSION) {
      await db.legalBases.bulkPut(defaultLegalBases.map((b) => structuredClone(b)));
      await db.settings.put({ key: LEGAL_BASES_VERSION_KEY, value: DEFAULT_LEGAL_BASES_VERSION });
    }
  });
}

/**
 * A reviewer's figures are facts read from each imported record once. When a newer app reads
 * records differently (FACTS_VERSION), every verified record's facts are read again, once, after
 * the reference data is installed, so old imports are counted as new ones are.
 */
export async function refreshReviewFacts(db: CongvuDb): Promise<void> {
  if ((await db.settings.get(FACTS_VERSION_KEY))?.value === FACTS_VERSION) return;
  const templates = templatesByRef(await db.templates.toArray());
  const keys = await db.reviewInspections.where('state').equals('verified').primaryKeys();
  // A batch at a time: 10,000 full records are never held at once, and the figures stay readable in between.
  for (let i = 0; i < keys.length; i += 200) {
    const rows = (await db.reviewInspections.bulkGet(keys.slice(i, i + 200))).filter((r): r is ReviewInspectionRow => r?.state === 'verified');
    await db.reviewFacts.bulkPut(rows.map((row) => inspectionFacts(row.record as InspectionRecord, templates)));
  }
  await db.settings.put({ key: FACTS_VERSION_KEY, value: FACTS_VERSION });
}
