import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { nextAuditEntry } from '../audit/audit-chain';
import { sha256HexSync } from '../hash/sha256-sync';
import { finalizeRecord } from '../inspection/finalize';
import { sampleCompleteRecord } from '../inspection/sample';
import { templateRef } from '../schemas';
import { builtInTemplates } from '../templates';
import { buildExportZip, parseExportZip } from './inspection-export';

const NOW = '2026-11-23T10:15:00.000+07:00';

function fixture() {
  const draft = sampleCompleteRecord();
  const photo = strToU8('JPEG bytes of the photo');
  const sha = sha256HexSync(photo);
  draft.attachments.push({ sha256: sha, inspectionId: draft.inspection.id, revision: 1, mime: 'image/jpeg', size: photo.length, caption: 'Ảnh', createdAt: NOW });
  const blobs = new Map<string, Uint8Array>([[sha, photo]]);
  for (const s of draft.signatures) {
    const png = strToU8(`signature of ${s.role}`);
    s.mark = { kind: 'drawn', imageSha256: sha256HexSync(png) };
    blobs.set(s.mark.imageSha256, png);
  }
  const result = finalizeRecord(draft, new Map(builtInTemplates.map((t) => [templateRef(t), t])), NOW);
  if (!result.ok) throw new Error('fixture not finalizable');
  const audit = [nextAuditEntry(draft.inspection.id, undefined, { at: NOW, actor: 'Lê Hoàng Yến', action: 'inspection.create', detail: {} })];
  return { record: result.record, blobs, audit, sha };
}

describe('inspection export (.zip)', () => {
  it('round-trips a finalized record with its blobs and audit log', () => {
    const { record, blobs, audit } = fixture();
    const zip = buildExportZip([record], audit, blobs, NOW);
    const parsed = parseExportZip(zip);
    expect(parsed.data.revisions[0]).toEqual(record);
    expect(parsed.data.auditLog).toEqual(audit);
    expect([...parsed.blobs.keys()].sort()).toEqual([...blobs.keys()].sort());
  });

  it('refuses a record changed after it was hashed, a corrupted or missing blob, and non-zip input', () => {
    const { record, blobs, audit, sha } = fixture();
    const files = unzipSync(buildExportZip([record], audit, blobs, NOW));
    const tampered = JSON.parse(new TextDecoder().decode(files['record.json']));
    tampered.revisions[0].findings[0].note = 'sửa sau khi ký';
    expect(() => parseExportZip(zipSync({ ...files, 'record.json': strToU8(JSON.stringify(tampered)) }))).toThrow('err.exchange.hashMismatch');
    expect(() => parseExportZip(zipSync({ ...files, [`blobs/${sha}`]: strToU8('other bytes') }))).toThrow(/err.exchange.blobCorrupt/);
    const { [`blobs/${sha}`]: _gone, ...withoutPhoto } = files;
    expect(() => parseExportZip(zipSync(withoutPhoto))).toThrow(/err.exchange.blobMissing/);
    expect(() => parseExportZip(strToU8('not a zip at all'))).toThrow('err.exchange.notZip');
    expect(() => parseExportZip(zipSync({ 'other.txt': strToU8('x') }))).toThrow('err.exchange.noRecord');
    expect(() => parseExportZip(zipSync({ 'record.json': strToU8('{"kind":') }))).toThrow('err.exchange.badJson');
    expect(() => parseExportZip(zipSync({ 'record.json': strToU8('{"kind":"congvu.inspection-export","formatVersion":1}') }))).toThrow(/err.exchange.invalid/);
  });

  it('refuses a backup with a repeated or escaping entry name before reading anything from it', () => {
    const { record, blobs, audit } = fixture();
    const files = unzipSync(buildExportZip([record], audit, blobs, NOW));
    expect(() => parseExportZip(zipSync({ ...files, '../record.json': strToU8('{}') }))).toThrow('err.exchange.unsafeZip: bad_name ../record.json');
    expect(() => parseExportZip(zipSync({ ...files, 'RECORD.json': strToU8('{}') }))).toThrow(/err\.exchange\.unsafeZip: duplicate_name/);
  });

  it('refuses a broken audit chain', () => {
    const { record, blobs, audit } = fixture();
    const broken = [{ ...audit[0]!, actor: 'someone else' }];
    expect(() => parseExportZip(buildExportZip([record], broken, blobs, NOW))).toThrow('err.exchange.auditBroken');
  });
});
