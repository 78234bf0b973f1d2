import { describe, expect, it } from 'vitest';
import { catalogue } from './catalogue';
import { mergeMessages } from './define-messages';

describe('console catalogue', () => {
  it('has every key in both languages, none empty, with the same {placeholders}', () => {
    expect(Object.keys(catalogue.en).sort()).toEqual(Object.keys(catalogue.vi).sort());
    for (const [key, vi] of Object.entries(catalogue.vi)) {
      const en = catalogue.en[key as keyof typeof catalogue.en];
      expect(vi.trim(), key).not.toBe('');
      expect(en.trim(), key).not.toBe('');
      const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(en), key).toEqual(names(vi));
    }
  });

  it('refuses a key that two modules define', () => {
    const a = { vi: { 'x.y': 'một' }, en: { 'x.y': 'one' } };
    expect(() => mergeMessages(a, a)).toThrow('x.y');
  });
});
