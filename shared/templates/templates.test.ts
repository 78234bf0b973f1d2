import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultLegalBases } from '../legal-bases/default-legal-bases';
import { templateItems, templateSchema } from '../schemas';
import { builtInTemplates, currentBuiltInTemplates } from './index';

const range = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix}-${String(i + 1).padStart(2, '0')}`);

/** Every item of shared/domain/checklists.md, with the ★ (critical) ones. */
const expected = {
  GIO: { codes: range('GIO', 13), critical: ['GIO-03', 'GIO-06', 'GIO-08', 'GIO-13'] },
  VH: { codes: range('VH', 12), critical: ['VH-05', 'VH-06'] },
  MC: { codes: range('MC', 16), critical: ['MC-01', 'MC-05', 'MC-08', 'MC-10'] },
};

describe('built-in templates', () => {
  it('are the three checklists GIO, VH and MC; MC version 1 stays published beside version 2', () => {
    expect(builtInTemplates.map((t) => `${t.id}@${t.version}`)).toEqual(['GIO@1', 'VH@1', 'MC@1', 'MC@2']);
    expect(currentBuiltInTemplates.map((t) => `${t.id}@${t.version}`)).toEqual(['GIO@1', 'VH@1', 'MC@2']);
  });

  it('MC@2 is MC@1 with rules judging its two critical counts, and nothing else changed', () => {
    const [v1, v2] = builtInTemplates.filter((t) => t.id === 'MC');
    const rules = new Map(templateItems(v2!).filter((i) => i.compliantWhen).map((i) => [i.code, i.compliantWhen]));
    expect(Object.fromEntries(rules)).toEqual({
      'MC-05': [{ field: 'present', op: 'ge', than: { field: 'assigned' } }],
      'MC-08': [{ field: 'withoutApology', op: 'eq', than: { value: 0 } }],
    });
    const strip = (t: typeof v1) => templateItems(t!).map(({ compliantWhen: _rule, ...item }) => item);
    expect(strip(v2)).toEqual(strip(v1));
    expect(templateItems(v1!).some((i) => i.compliantWhen)).toBe(false);
  });

  it('refuses a rule naming a number the item does not ask for', () => {
    const bad = structuredClone(builtInTemplates[3]!);
    bad.sections[1]!.items[0]!.compliantWhen = [{ field: 'present', op: 'ge', than: { field: 'nobody' } }];
    expect(templateSchema.safeParse(bad).success).toBe(false);
  });

  it.each(currentBuiltInTemplates.map((t) => [t.id, t] as const))('%s has every item, in order, critical ones marked', (id, t) => {
    const want = expected[id as keyof typeof expected];
    const items = templateItems(t);
    expect(items.map((i) => i.code)).toEqual(want.codes);
    expect(items.filter((i) => i.critical).map((i) => i.code)).toEqual(want.critical);
  });

  it('has unique item codes across all templates', () => {
    const codes = currentBuiltInTemplates.flatMap((t) => templateItems(t).map((i) => i.code));
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toHaveLength(13 + 12 + 16);
  });

  it('fills both languages for titles, sections, items and count fields', () => {
    for (const t of builtInTemplates) {
      const texts = [t.title, ...t.sections.map((s) => s.title)];
      for (const item of templateItems(t)) {
        texts.push(item.text);
        for (const f of item.countFields ?? []) texts.push(f.label, f.unit);
        if (item.basisNote) texts.push(item.basisNote);
      }
      for (const text of texts) {
        expect(text.vi.trim().length, JSON.stringify(text)).toBeGreaterThan(0);
        expect(text.en.trim().length, JSON.stringify(text)).toBeGreaterThan(0);
        expect(text.vi, 'Vietnamese text is stored in NFC').toBe(text.vi.normalize('NFC'));
      }
    }
  });

  it('refers only to legal bases that exist, and says where no legal document applies', () => {
    const ids = new Set(defaultLegalBases.map((b) => b.id));
    for (const item of builtInTemplates.flatMap(templateItems)) {
      for (const ref of item.legalRefs) expect(ids, `${item.code} → ${ref.basisId}`).toContain(ref.basisId);
    }
    const gio08 = templateItems(builtInTemplates[0]!).find((i) => i.code === 'GIO-08')!;
    expect(gio08.legalRefs).toContainEqual({ basisId: 'L44', provision: 'Điều 5 khoản 6' });
    const gio01 = templateItems(builtInTemplates[0]!).find((i) => i.code === 'GIO-01')!;
    expect(gio01.basisNote?.vi).toBeTruthy();
  });

  it('uses the answer type the checklist gives each item', () => {
    const byCode = new Map(builtInTemplates.flatMap(templateItems).map((i) => [i.code, i]));
    expect(byCode.get('GIO-01')!.answerType).toBe('time');
    expect(byCode.get('GIO-02')!.answerType).toBe('count');
    expect(byCode.get('GIO-03')).toMatchObject({ answerType: 'roster', rosterKind: 'roll-call' });
    expect(byCode.get('GIO-04')).toMatchObject({ answerType: 'time', perRosterRow: true });
    expect(byCode.get('GIO-08')).toMatchObject({ answerType: 'roster', rosterKind: 'violation' });
    expect(byCode.get('VH-05')!.answerType).toBe('compliance');
    expect(byCode.get('MC-07')!.countFields!.map((f) => f.key)).toEqual(['received', 'onTime', 'overdue']);
    expect(byCode.get('MC-16')!.countFields!.map((f) => f.key)).toEqual(['waiting', 'waitMinutes']);
  });

  it('are frozen throughout, so nothing can edit a published template in memory', () => {
    expect(Object.isFrozen(builtInTemplates)).toBe(true);
    const item = builtInTemplates[0]!.sections[0]!.items[0]!;
    expect(Object.isFrozen(item)).toBe(true);
    expect(Object.isFrozen(item.text)).toBe(true);
    expect(() => {
      (item.text as { vi: string }).vi = 'x';
    }).toThrow(TypeError);
  });

  it('mark the items worded as the breach, so "C" is never ambiguous', () => {
    const breach = currentBuiltInTemplates.flatMap(templateItems).filter((i) => i.wording === 'violation' && i.answerType === 'compliance');
    expect(breach.map((i) => i.code)).toEqual(['VH-05', 'VH-06', 'VH-08', 'VH-11', 'MC-10']);
  });

  it('round-trip through the schema unchanged', () => {
    for (const t of builtInTemplates) expect(templateSchema.parse(structuredClone(t))).toEqual(t);
  });

  // The domain reference lives beside the repository (../shared/domain); where it is present, the
  // Vietnamese wording of every item must match it exactly.
  const reference = fileURLToPath(new URL('../../../shared/domain/checklists.md', import.meta.url));
  it.runIf(existsSync(reference))('match the Vietnamese and English wording of shared/domain/checklists.md', () => {
    const rows = readFileSync(reference, 'utf8')
      .split('\n')
      .map((line) => line.split('|').map((c) => c.trim()))
      .filter((cells) => /^(GIO|VH|MC)-\d{2}★?$/.test(cells[1] ?? ''));
    expect(rows).toHaveLength(41);
    const byCode = new Map(builtInTemplates.flatMap(templateItems).map((i) => [i.code, i]));
    for (const cells of rows) {
      const code = cells[1]!.replace('★', '');
      const item = byCode.get(code)!;
      expect(item, code).toBeDefined();
      expect(item.text.vi, code).toBe(cells[2]!.normalize('NFC'));
      expect(item.text.en, code).toBe(cells[3]);
      expect(item.critical, code).toBe(cells[1]!.endsWith('★'));
    }
  });
});
