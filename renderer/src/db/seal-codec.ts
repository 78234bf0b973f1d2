/**
 * A stored value as one sealed byte string: AES-GCM over a small binary frame holding the value's
 * JSON and, after it, the bytes of every Blob / typed array it carries (photos and PDFs are sealed
 * with the record, so no file the browser writes beside the database holds a JPEG or a PDF).
 *
 * Frame: [u32 JSON length][JSON UTF-8][parts…]. In the JSON a binary value is a tagged object
 * naming its part; the table name is the AES-GCM additional data, so a row moved to another table
 * does not open.
 */
const TAG = '\u0000congvu';
const IV_BYTES = 12;

type Part = { bytes: Uint8Array };
type Tagged = { [TAG]: 'blob' | 'u8' | 'ab' | 'date'; part?: number; type?: string; iso?: string };

function collectBlobs(value: unknown, out: Set<Blob>, depth = 0): void {
  if (depth > 64 || value === null || typeof value !== 'object') return;
  if (value instanceof Blob) {
    out.add(value);
    return;
  }
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer || value instanceof Date) return;
  for (const v of Array.isArray(value) ? value : Object.values(value)) collectBlobs(v, out, depth + 1);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The value as a frame; Blobs are read first (they are the only asynchronous part). */
export async function encodeValue(value: unknown): Promise<Uint8Array<ArrayBuffer>> {
  const blobs = new Set<Blob>();
  collectBlobs(value, blobs);
  const blobBytes = new Map<Blob, Uint8Array<ArrayBuffer>>();
  await Promise.all([...blobs].map(async (b) => blobBytes.set(b, new Uint8Array(await b.arrayBuffer()))));
  const parts: Part[] = [];
  const json = JSON.stringify(value, function (this: Record<string, unknown>, key: string) {
    // The replacer's second argument is already toJSON()-ed (a Date is a string there): read the holder.
    const raw = key === '' ? value : this[key];
    if (raw instanceof Blob) {
      parts.push({ bytes: blobBytes.get(raw)! });
      return { [TAG]: 'blob', part: parts.length - 1, type: raw.type } satisfies Tagged;
    }
    if (raw instanceof Uint8Array) {
      parts.push({ bytes: raw });
      return { [TAG]: 'u8', part: parts.length - 1 } satisfies Tagged;
    }
    if (raw instanceof ArrayBuffer) {
      parts.push({ bytes: new Uint8Array(raw) });
      return { [TAG]: 'ab', part: parts.length - 1 } satisfies Tagged;
    }
    if (raw instanceof Date) return { [TAG]: 'date', iso: raw.toISOString() } satisfies Tagged;
    return raw;
  });
  const head = encoder.encode(JSON.stringify({ json, sizes: parts.map((p) => p.bytes.byteLength) }));
  const total = 4 + head.byteLength + parts.reduce((n, p) => n + p.bytes.byteLength, 0);
  const frame = new Uint8Array(total);
  new DataView(frame.buffer).setUint32(0, head.byteLength);
  frame.set(head, 4);
  let at = 4 + head.byteLength;
  for (const p of parts) {
    frame.set(p.bytes, at);
    at += p.bytes.byteLength;
  }
  return frame;
}

function isTagged(v: unknown): v is Tagged {
  return typeof v === 'object' && v !== null && TAG in v;
}

export function decodeValue(frame: Uint8Array): unknown {
  const headLength = new DataView(frame.buffer, frame.byteOffset, frame.byteLength).getUint32(0);
  const head = JSON.parse(decoder.decode(frame.subarray(4, 4 + headLength))) as { json: string; sizes: number[] };
  const slices: Uint8Array<ArrayBuffer>[] = [];
  let at = 4 + headLength;
  for (const size of head.sizes) {
    slices.push(frame.slice(at, at + size));
    at += size;
  }
  return JSON.parse(head.json, (_key, v: unknown) => {
    if (!isTagged(v)) return v;
    const kind = v[TAG];
    if (kind === 'date') return new Date(v.iso!);
    const bytes = slices[v.part!]!;
    if (kind === 'blob') return new Blob([bytes], { type: v.type ?? '' });
    if (kind === 'ab') return bytes.buffer;
    return bytes;
  });
}

export async function sealValue(key: CryptoKey, table: string, value: unknown): Promise<ArrayBuffer> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const plain = await encodeValue(value);
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(table) }, key, plain);
  const out = new Uint8Array(IV_BYTES + sealed.byteLength);
  out.set(iv, 0);
  out.set(new Uint8Array(sealed), IV_BYTES);
  return out.buffer;
}

export async function openValue(key: CryptoKey, table: string, sealed: ArrayBuffer): Promise<unknown> {
  const bytes = new Uint8Array(sealed);
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes.subarray(0, IV_BYTES), additionalData: encoder.encode(table) }, key, bytes.subarray(IV_BYTES));
  return decodeValue(new Uint8Array(plain));
}
