/**
 * JSON Canonicalization Scheme (RFC 8785): keys sorted by UTF-16 code units, no whitespace,
 * numbers and strings serialised as ECMAScript does. Two parties hashing the same record get the
 * same bytes, whatever order its fields were built in.
 */
export class CanonicalJsonError extends Error {}

const SURROGATE = /[\uD800-\uDFFF]/;
const PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;

export function canonicalJson(value: unknown): string {
  // The path of the value being written, kept as a stack and joined only for an error message:
  // building it for every value was a third of the time on large records.
  const path: Array<string | number> = [];
  const where = () => `$${path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')}`;

  const serialise = (value: unknown): string => {
    if (value === null) return 'null';
    switch (typeof value) {
      case 'boolean':
        return value ? 'true' : 'false';
      case 'number':
        if (!Number.isFinite(value)) throw new CanonicalJsonError(`${where()}: ${value} is not a JSON number`);
        // ES Number-to-String is exactly the RFC 8785 number format (and turns -0 into 0).
        return JSON.stringify(value);
      case 'string':
        // Most strings hold no surrogates at all; only those that do are checked for lone ones.
        if (SURROGATE.test(value) && SURROGATE.test(value.replace(PAIR, ''))) throw new CanonicalJsonError(`${where()}: lone surrogate in string`);
        return JSON.stringify(value);
      case 'object': {
        if (Array.isArray(value)) {
          let out = '[';
          for (let i = 0; i < value.length; i++) {
            path.push(i);
            out += (i > 0 ? ',' : '') + serialise(value[i]);
            path.pop();
          }
          return `${out}]`;
        }
        const proto = Object.getPrototypeOf(value) as unknown;
        if (proto !== Object.prototype && proto !== null) throw new CanonicalJsonError(`${where()}: only plain objects can be canonicalised`);
        const object = value as Record<string, unknown>;
        // Default sort compares UTF-16 code units, which is what RFC 8785 asks for.
        const keys = Object.keys(object).sort();
        let out = '{';
        let first = true;
        for (const key of keys) {
          const v = object[key];
          if (v === undefined) continue;
          path.push(key);
          out += `${first ? '' : ','}${JSON.stringify(key)}:${serialise(v)}`;
          path.pop();
          first = false;
        }
        return `${out}}`;
      }
      default:
        throw new CanonicalJsonError(`${where()}: ${typeof value} cannot be represented in JSON`);
    }
  };
  return serialise(value);
}
