import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { templateRef, type Template } from '../schemas';
import { builtInTemplates } from './index';
import { offeredTemplates, templateRetiredSchema } from './offered';

const refs = (ts: Template[]) => ts.map(templateRef);
const version = (base: Template, id: string, v: number): Template => ({ ...base, id, version: v });
const gio = builtInTemplates[0]!;

describe('offeredTemplates', () => {
  it('offers the newest version of each id, built-ins first in their usual order, then others by id', () => {
    const all = [version(gio, 'SNV', 1), ...builtInTemplates, version(gio, 'ANG', 2), version(gio, 'ANG', 1)];
    expect(refs(offeredTemplates(all, []))).toEqual(['GIO@1', 'VH@1', 'MC@2', 'ANG@2', 'SNV@1']);
  });

  it('skips a retired version: the newest one not retired is offered instead', () => {
    expect(refs(offeredTemplates(builtInTemplates, ['MC@2']))).toEqual(['GIO@1', 'VH@1', 'MC@1']);
    const ang = [version(gio, 'ANG', 1), version(gio, 'ANG', 2), version(gio, 'ANG', 3)];
    expect(refs(offeredTemplates(ang, ['ANG@3', 'ANG@1']))).toEqual(['ANG@2']);
  });

  it('offers nothing of an id whose versions are all retired', () => {
    const ang = [version(gio, 'ANG', 1), version(gio, 'ANG', 2)];
    expect(refs(offeredTemplates([...ang, version(gio, 'SNV', 1)], ['ANG@1', 'ANG@2']))).toEqual(['SNV@1']);
    expect(offeredTemplates(ang, new Set(['ANG@1', 'ANG@2']))).toEqual([]);
  });

  it('never offers a retired version, always offers the newest not retired, one per id', () => {
    const ids = ['ANG', 'SNV', 'HTI'];
    const arb = fc.record({
      versions: fc.uniqueArray(fc.tuple(fc.constantFrom(...ids), fc.integer({ min: 1, max: 6 })), { selector: ([id, v]) => `${id}@${v}`, maxLength: 12 }),
      retiredMask: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
    });
    fc.assert(
      fc.property(arb, ({ versions, retiredMask }) => {
        const all = versions.map(([id, v]) => version(gio, id, v));
        const retired = all.filter((_, i) => retiredMask[i]).map(templateRef);
        const offered = offeredTemplates(all, retired);
        expect(new Set(offered.map((t) => t.id)).size).toBe(offered.length);
        for (const t of offered) expect(retired).not.toContain(templateRef(t));
        for (const id of ids) {
          const live = all.filter((t) => t.id === id && !retired.includes(templateRef(t))).map((t) => t.version);
          const chosen = offered.find((t) => t.id === id);
          expect(chosen?.version).toBe(live.length ? Math.max(...live) : undefined);
        }
      }),
    );
  });

  it('reads the hub change: a ref and when it was retired, nothing malformed', () => {
    expect(templateRetiredSchema.parse({ ref: 'ANG@2', retiredAt: '2026-12-04T10:00:00+07:00' }).ref).toBe('ANG@2');
    expect(templateRetiredSchema.safeParse({ ref: 'ang 2', retiredAt: 'x' }).success).toBe(false);
    expect(templateRetiredSchema.safeParse({ retiredAt: 'x' }).success).toBe(false);
  });
});
