import fc from 'fast-check';
import { buildCorrection } from '../../shared/inspection/correction';
import { finalizeRecord } from '../../shared/inspection/finalize';
import { initialRows } from '../../shared/inspection/initial-rows';
import { buildDraftInspection } from '../../shared/inspection/new-inspection';
import type { InspectionRecord } from '../../shared/inspection/record';
import { sampleNewInspectionInput } from '../../shared/inspection/sample';
import { attendanceStatuses, templateRef, type Answer, type AttendanceStatus, type Signature, type Template, type TemplateItem } from '../../shared/schemas';
import { builtInTemplates } from '../../shared/templates';
import { makeSignaturePng } from './node-images';
import { sha256HexSync } from '../../shared/hash/sha256-sync';

/**
 * Generated records for property tests: every answer type, every roll-call state, representatives
 * present, absent or refusing to sign, drafts, finalized records and corrections. A record is
 * built through the domain's own functions from a small spec that fast-check generates and shrinks.
 */
export type Stage = 'draft' | 'finalized' | 'correction-draft' | 'correction-final';

export interface RecordSpec {
  seed: number;
  templates: string[];
  staff: number;
  addedOnSite: number;
  representatives: number;
  stage: Stage;
  unitSigner: 'drawn' | 'refused' | 'none';
  teamSigners: 'drawn' | 'refused' | 'none';
  recommendations: number;
  issuerComplete: boolean;
}

export const recordSpec: fc.Arbitrary<RecordSpec> = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  templates: fc.subarray(['GIO', 'VH', 'MC'], { minLength: 1 }),
  staff: fc.integer({ min: 0, max: 16 }),
  addedOnSite: fc.integer({ min: 0, max: 2 }),
  representatives: fc.integer({ min: 0, max: 3 }),
  stage: fc.constantFrom<Stage>('draft', 'finalized', 'correction-draft', 'correction-final'),
  unitSigner: fc.constantFrom('drawn' as const, 'refused' as const, 'none' as const),
  teamSigners: fc.constantFrom('drawn' as const, 'refused' as const, 'none' as const),
  recommendations: fc.integer({ min: 0, max: 4 }),
  issuerComplete: fc.boolean(),
});

/** A small deterministic generator (mulberry32): the details follow from the spec's seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof prng>;

const family = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const middle = ['Văn', 'Thị', 'Hữu', 'Minh', 'Thu', 'Quốc', 'Ngọc', 'Gia', 'Đức', 'Thanh'];
const given = ['An', 'Bảo', 'Châu', 'Dũng', 'Giang', 'Hằng', 'Khôi', 'Lợi', 'Mỹ', 'Nhung', 'Phúc', 'Quyên', 'Sơn', 'Tuyết', 'Uyên', 'Việt', 'Xuân', 'Yến', 'Ánh', 'Ẩn'];
const positions = ['Chủ tịch UBND xã', 'Phó Chủ tịch', 'Công chức Văn phòng - Thống kê', 'Công chức Tư pháp - Hộ tịch', 'Công chức Địa chính', 'Viên chức hợp đồng'];

/** Names unique within one record, so every check can find a person by name. */
function namer(rng: Rng) {
  const used = new Set<string>(['Nguyễn Thị Ánh Tuyết', 'Trần Văn Đức', 'Lê Hoàng Yến']);
  return () => {
    for (;;) {
      const name = `${rng.pick(family)} ${rng.pick(middle)} ${rng.pick(given)}`;
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
  };
}

const time = (rng: Rng, from = 7 * 60 + 30) => {
  const m = from + rng.int(120);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

function answerFor(item: TemplateItem, rng: Rng, rosterIds: string[], complete: boolean): Answer | null {
  if (!complete && rng.chance(0.2)) return null;
  switch (item.answerType) {
    case 'compliance':
      return { type: 'compliance', value: rng.pick(['C', 'C', 'NC', 'NA'] as const) };
    case 'count': {
      const values: Record<string, number> = {};
      for (const f of item.countFields ?? []) if (complete || rng.chance(0.85)) values[f.key] = rng.int(rng.chance(0.5) ? 3 : 40);
      return Object.keys(values).length === 0 ? null : { type: 'count', values };
    }
    case 'time':
      return { type: 'time', value: time(rng) };
    case 'text':
      return { type: 'text', value: 'Ghi nhận tại chỗ' };
    case 'roster':
      return { type: 'roster', rosterIds: rosterIds.filter(() => rng.chance(0.15)) };
  }
}

const notes = ['Không niêm yết đầy đủ tại bảng tin.', 'Hồ sơ để trên sàn, lối đi chật.', 'Cán bộ trả lời thiếu lịch sự với công dân.', ''];

/** A record as its spec says: built, answered, signed and, by stage, finalized and corrected. */
export function buildRecord(spec: RecordSpec, templatesAll: readonly Template[] = builtInTemplates): InspectionRecord {
  const rng = prng(spec.seed);
  const name = namer(rng);
  // Mostly the newest version of each checklist, sometimes an older one still in use (MC@1).
  const templates = spec.templates.map((id) => {
    const versions = templatesAll.filter((t) => t.id === id).sort((a, b) => b.version - a.version);
    return rng.chance(0.7) ? versions[0]! : rng.pick(versions);
  });
  const complete = spec.stage !== 'draft';
  const input = sampleNewInspectionInput();
  input.templateRefs = templates.map(templateRef);
  // Long names and numbers as well as short ones: the header must hold them inside its columns.
  input.unit.name = rng.pick(['UBND xã Tân Phước Hưng', 'Trung tâm Phục vụ hành chính công phường Bình Thủy', 'UBND đặc khu Phú Quốc']);
  input.unit.staff = Array.from({ length: complete ? Math.max(1, spec.staff) : spec.staff }, (_, i) => ({
    id: globalThis.crypto.randomUUID(),
    name: name(),
    position: rng.pick(positions),
    department: i % 3 === 0 ? '' : 'Văn phòng HĐND và UBND',
  }));
  const arrivedAt = new Date(Date.UTC(2026, rng.int(12), 1 + rng.int(27), 0, 30 + rng.int(20)));
  const inspection = buildDraftInspection(input, { arrivedAt, monotonicMs: 1, now: arrivedAt });
  const newId = () => globalThis.crypto.randomUUID();
  const { roster, findings } = initialRows(inspection, templates, newId);
  for (let k = 0; k < spec.addedOnSite; k++) {
    roster.push({ id: newId(), inspectionId: inspection.id, revision: 1, seq: roster.length, name: name(), position: 'Người lao động hợp đồng', department: '', status: 'unmarked', note: '', addedOnSite: true });
  }
  for (const r of roster) {
    const choices = complete ? attendanceStatuses.filter((s) => s !== 'unmarked') : attendanceStatuses;
    r.status = rng.pick(choices) as AttendanceStatus;
    if (r.status === 'late') r.arrivalTime = time(rng, 7 * 60 + 31);
    if (r.status === 'excused' || r.status === 'on-mission') r.verification = rng.pick(['mission-order', 'leave-form', 'phone-call'] as const);
  }
  const items = new Map(templates.flatMap((t) => t.sections.flatMap((s) => s.items)).map((i) => [i.code, i]));
  const ids = roster.map((r) => r.id);
  for (const f of findings) {
    const item = items.get(f.itemCode)!;
    if (f.answer !== null && !rng.chance(0.3)) continue;
    f.answer = answerFor(item, rng, ids, complete);
    f.note = f.answer?.type === 'compliance' && f.answer.value === 'NC' ? rng.pick(notes.slice(0, 3)) : rng.pick(notes);
    if (item.answerType !== 'roster' && rng.chance(0.25)) f.involvedRosterIds = ids.filter(() => rng.chance(0.2));
  }
  const reps = Array.from({ length: complete ? Math.max(1, spec.representatives) : spec.representatives }, () => ({ id: newId(), name: name(), position: rng.pick(positions) }));
  inspection.unitRepresentatives = reps;
  if (spec.issuerComplete || complete) {
    inspection.recordNumber = rng.chance(0.8) ? String(1 + rng.int(300)) : '123456/2026/KT-SNV';
    inspection.issuer = {
      parentAgency: rng.pick(['UBND thành phố Cần Thơ', 'UBND tỉnh An Giang', 'Ủy ban nhân dân thành phố Hồ Chí Minh']),
      agency: rng.pick(['Sở Nội vụ', 'Sở Nội vụ thành phố Cần Thơ']),
      symbol: rng.pick(['ĐKT', 'SNV', 'ĐKTCVSNVTPCT']),
    };
  }
  inspection.conclusion = rng.chance(0.5) ? 'Đơn vị cơ bản chấp hành tốt kỷ luật, kỷ cương hành chính.' : '';
  const scope = { inspectionId: inspection.id, revision: 1 };
  const mark = (kind: 'drawn' | 'refused', n: number): Signature['mark'] => (kind === 'drawn' ? { kind, imageSha256: sha256HexSync(makeSignaturePng(120, 48, n)) } : { kind, reason: 'Không đồng ý với kết quả điểm danh', witness: 'Trần Văn Đức' });
  const signatures: Signature[] = [];
  const teamKind = complete && spec.teamSigners === 'none' ? 'drawn' : spec.teamSigners;
  if (teamKind !== 'none') {
    for (const [role, n] of [['leader', 1], ['recorder', 2]] as const) {
      const member = inspection.team.find((m) => m.role === role)!;
      signatures.push({ id: newId(), ...scope, role, signerName: member.name, signerPosition: member.position, mark: mark(teamKind, n), at: inspection.createdAt });
    }
  }
  const unitKind = complete && spec.unitSigner === 'none' ? 'refused' : spec.unitSigner;
  if (unitKind !== 'none' && reps.length > 0) {
    const rep = rng.pick(reps);
    signatures.push({ id: newId(), ...scope, role: 'unit-representative', signerName: rep.name, signerPosition: rep.position, mark: mark(unitKind, 3), at: inspection.createdAt });
  }
  const recommendations = Array.from({ length: spec.recommendations }, (_, k) => {
    const target = rng.pick(['unit', 'person', 'finding'] as const);
    const day = inspection.arrival.at.slice(0, 10);
    const deadline = rng.chance(0.7) ? new Date(Date.parse(`${day}T00:00:00Z`) + (1 + rng.int(60)) * 86_400_000).toISOString().slice(0, 10) : undefined;
    return {
      id: newId(),
      ...scope,
      target: target === 'person' && roster.length > 0 ? { kind: 'person' as const, rosterId: rng.pick(roster).id } : target === 'finding' && findings.length > 0 ? { kind: 'finding' as const, itemCode: rng.pick(findings).itemCode } : { kind: 'unit' as const },
      measure: rng.pick(['remind', 'self-criticism', 'propose-discipline', 'remedy'] as const),
      text: `Kiến nghị số ${k + 1}: chấn chỉnh việc chấp hành giờ giấc`,
      ...(deadline ? { deadline } : {}),
      createdAt: `${inspection.createdAt.slice(0, 19)}.00${k}+00:00`,
    };
  });
  const draft: InspectionRecord = { formatVersion: 1, inspection, roster, findings, recommendations, attachments: [], signatures };
  if (!complete) return draft;
  const byRef = new Map(templates.map((t) => [templateRef(t), t]));
  const done = finalizeRecord(draft, byRef, `${inspection.arrival.at.slice(0, 10)}T10:${String(10 + rng.int(40))}:00.000+00:00`);
  if (!done.ok) throw new Error(`spec ${JSON.stringify(spec)} did not finalize: ${JSON.stringify(done.problems)}`);
  if (spec.stage === 'finalized') return done.record;
  const correction = buildCorrection(done.record, 'Điều chỉnh giờ đến của người đi muộn theo xác minh lại', `${inspection.arrival.at.slice(0, 10)}T15:00:00.000+00:00`, newId);
  if (spec.stage === 'correction-draft') return correction;
  correction.signatures = done.record.signatures.map((s) => ({ ...s, id: newId(), revision: correction.inspection.revision }));
  const again = finalizeRecord(correction, byRef, `${inspection.arrival.at.slice(0, 10)}T16:00:00.000+00:00`);
  if (!again.ok) throw new Error(`correction of ${JSON.stringify(spec)} did not finalize: ${JSON.stringify(again.problems)}`);
  return again.record;
}

/** The drawn-signature images a generated record refers to. */
export function signatureBlobs(): Map<string, Uint8Array> {
  const blobs = new Map<string, Uint8Array>();
  for (const n of [1, 2, 3]) {
    const png = makeSignaturePng(120, 48, n);
    blobs.set(sha256HexSync(png), png);
  }
  return blobs;
}
