import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { children, DerError, parseDer, readNode } from './der-read';
import { readIntegerHex, readOctets, readOid, readTime, toHex } from './der-values';
import { derOctets, derOid, derSequence, derUnsigned, tlv } from './der-write';

describe('DER reading and writing', () => {
  it('round-trips object identifiers and unsigned integers', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 39 }), fc.array(fc.integer({ min: 0, max: 2 ** 40 }), { maxLength: 8 }), (first, second, rest) => {
        const oid = [first, second, ...rest].join('.');
        expect(readOid(parseDer(derOid(oid)))).toBe(oid);
      }),
    );
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 40 }), (magnitude) => {
        const expected = toHex(magnitude).replace(/^(00)+(?=..)/, '');
        expect(readIntegerHex(parseDer(derUnsigned(magnitude)))).toBe(expected);
      }),
    );
    expect(readOid(parseDer(derOid('1.2.840.113549.1.9.16.2.14')))).toBe('1.2.840.113549.1.9.16.2.14');
  });

  it('writes long lengths and reads them back, BER indefinite lengths and chunked octets too', () => {
    const body = new Uint8Array(70_000).fill(7);
    const node = parseDer(derSequence(derOctets(body)));
    expect(readOctets(children(node)[0])).toEqual(body);
    const indefinite = Uint8Array.of(0x30, 0x80, 0x24, 0x80, 0x04, 0x01, 0x41, 0x04, 0x02, 0x42, 0x43, 0x00, 0x00, 0x00, 0x00);
    const outer = parseDer(indefinite);
    expect(outer.end).toBe(indefinite.length);
    expect(new TextDecoder().decode(readOctets(children(outer)[0]))).toBe('ABC');
  });

  it('reads UTCTime and GeneralizedTime in UTC only', () => {
    const time = (tag: number, text: string) => readTime(parseDer(tlv(tag, new TextEncoder().encode(text))));
    expect(time(0x17, '261204163000Z').toISOString()).toBe('2026-12-04T16:30:00.000Z');
    expect(time(0x17, '991231235959Z').toISOString()).toBe('1999-12-31T23:59:59.000Z');
    expect(time(0x18, '20261204163000.25Z').toISOString()).toBe('2026-12-04T16:30:00.250Z');
    expect(() => time(0x18, '20261204163000+0700')).toThrow(DerError);
  });

  it('accepts zero padding after the structure (a PDF /Contents hole) and nothing else', () => {
    expect(parseDer(Uint8Array.of(0x05, 0x00, 0, 0, 0)).end).toBe(2);
    expect(() => parseDer(Uint8Array.of(0x05, 0x00, 1))).toThrow(DerError);
  });

  it('throws only DerError on any bytes, never reads past the end', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const walk = (offset: number, limit: number, depth: number): void => {
          const node = readNode(bytes, offset, limit, depth);
          expect(node.end).toBeLessThanOrEqual(limit);
          if (node.constructed && depth < 10) for (const child of children(node)) expect(child.end).toBeLessThanOrEqual(node.contentEnd);
        };
        try {
          walk(0, bytes.length, 0);
        } catch (error) {
          expect(error).toBeInstanceOf(DerError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
