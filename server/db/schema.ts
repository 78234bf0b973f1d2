import type { Generated } from 'kysely';

/** The hub's tables. Timestamps are ISO strings; JSON is stored as canonical text. */
export interface HubDatabase {
  hub_meta: { key: string; value: string };
  devices: {
    id: string;
    name: string;
    role: 'inspector' | 'reviewer';
    token_hash: string;
    created_at: string;
    revoked_at: string | null;
    last_seen_at: string | null;
  };
  enrollment_codes: {
    code_hash: string;
    role: 'inspector' | 'reviewer';
    name: string;
    created_at: string;
    expires_at: string;
    used_at: string | null;
    device_id: string | null;
  };
  /** The changes feed: everything handed down or up, in the order the hub took it. */
  changes: {
    seq: Generated<number>;
    kind: string;
    entity_id: string;
    deleted: number;
    data: string;
    /** Only this device sees the row (reviews go back to the device that pushed the record). */
    audience_device: string | null;
    created_at: string;
  };
  /** The index of blob files (the bytes are files under the data folder, see BlobFiles). */
  blobs: { sha256: string; size: number; created_at: string };
  inspections: {
    id: string;
    revision: number;
    content_hash: string;
    /** The checked record as JSON text; content_hash is the SHA-256 of its canonical body. */
    record: string;
    unit_code: string;
    device_id: string;
    received_at: string;
  };
  inspection_blobs: { inspection_id: string; revision: number; sha256: string };
  inspection_reports: {
    inspection_id: string;
    revision: number;
    sha256: string;
    /** The first signer's common name (what hubs before issue 14 kept). */
    signer: string;
    device_id: string;
    received_at: string;
    /** Every signer in order, as JSON text of ReportSigner[] ('[]' for reports taken before issue 14). */
    signers: Generated<string>;
    /** 1 when, with HUB_TRUST_DIR set, some signer did not chain to a root in it. */
    untrusted_signer: Generated<number>;
  };
  reviews: {
    id: string;
    inspection_id: string;
    revision: number;
    status: string;
    comment: string;
    device_id: string;
    created_at: string;
  };
  /** The device an inspection belongs to: the first to push it, or the one an administrator handed it to. */
  inspection_owners: { inspection_id: string; device_id: string; since: string };
  /** What administrators did to ownership (transfers), for the record. */
  admin_log: { seq: Generated<number>; at: string; action: string; details: string; /** The administrator's login; null for the command line. */ admin: string | null };
  admins: { name: string; password_hash: string; created_at: string };
  /** Console sessions: the cookie's id is kept only as SHA-256. */
  admin_sessions: { id_hash: string; admin: string; csrf_token: string; created_at: string; last_used_at: string };
  /** Wrong passwords, per login, for the lockout. */
  admin_signin_failures: { seq: Generated<number>; name: string; at: string };
}
