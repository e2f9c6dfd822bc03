import { createHash, createHmac } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * The blinding of `zhijian-draw/2` (docs/DRAW.md): a candidate key k is published as
 * blind(k) = hex(SHA-256(nonce(k) ‖ UTF-8(k))) with nonce(k) = HMAC-SHA256(blind secret, UTF-8(k)),
 * so the public record shows who was drawn (each selected id is opened with its key and nonce)
 * but not who else was in the pool.
 */
export const nonceOf = (blindSecret: Buffer, key: string): Buffer => createHmac('sha256', blindSecret).update(key, 'utf8').digest();

/** hex(SHA-256(nonce ‖ UTF-8(key))): the blinded id of a key whose nonce is at hand. */
export const blindWith = (nonce: Buffer, key: string): string => createHash('sha256').update(nonce).update(key, 'utf8').digest('hex');

export const blindOf = (blindSecret: Buffer, key: string): string => blindWith(nonceOf(blindSecret, key), key);

/**
 * The order of a draw's strata: the class names by hex(HMAC-SHA256(blind secret, UTF-8(name))),
 * labelled S1, S2, … in that order — secret per draw, so a label does not tell its class.
 */
export function labelClasses(blindSecret: Buffer, classNames: readonly string[]): { label: string; className: string }[] {
  const keyed = classNames.map((className) => ({ className, order: createHmac('sha256', blindSecret).update(className, 'utf8').digest('hex') }));
  keyed.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
  return keyed.map((k, i) => ({ label: `S${i + 1}`, className: k.className }));
}

/**
 * A worker blinding one slice of keys (`\n`-separated) the same way and sorting them by blinded
 * id: the HMAC written out as SHA-256((K ⊕ opad) ‖ SHA-256((K ⊕ ipad) ‖ m)) (RFC 2104; a 32-byte
 * key needs no hashing), each SHA-256 one call of `crypto.hash` over reused buffers — about twice
 * as fast as a new HMAC per key —, then sorted through an index. Plain JavaScript evaluated as the
 * worker's script, so it runs the same from the sources and from the build. Answers as transferred
 * typed arrays (no strings to copy or split), in the slice's order: the ids as `<64 hex digits>\n`
 * lines, their first 48 bits, and the order of the ids (slice indices, by blinded id) — or, asked
 * to `open`, the ids' lines and the nonces (32 bytes each).
 */
const WORKER = `
const { hash } = require('node:crypto');
const { parentPort, workerData } = require('node:worker_threads');
const secret = Buffer.from(workerData.secret);
const padded = (byte) => Buffer.concat([secret.map((b) => b ^ byte), Buffer.alloc(32, byte)]);
const ipad = padded(0x36);
const opad = padded(0x5c);
const HEX = Buffer.from('0123456789abcdef', 'latin1');
let inner = Buffer.alloc(0);
let blind = Buffer.alloc(0);
const outer = Buffer.concat([opad, Buffer.alloc(32)]);
const keys = workerData.text.split('\\n');
const n = keys.length;
const bytes = new Uint8Array(n * 65);
const lines = Buffer.from(bytes.buffer);
const heads = new Float64Array(n);
const nonces = workerData.open ? new Uint8Array(n * 32) : null;
for (let i = 0; i < n; i++) {
  const key = keys[i];
  const length = Buffer.byteLength(key, 'utf8');
  if (inner.length < 64 + length) {
    inner = Buffer.concat([ipad, Buffer.alloc(length + 64)]);
    blind = Buffer.alloc(32 + length + 64);
  }
  inner.write(key, 64, 'utf8');
  hash('sha256', inner.subarray(0, 64 + length), 'buffer').copy(outer, 64);
  const nonce = hash('sha256', outer, 'buffer');
  nonce.copy(blind, 0);
  if (nonces) nonces.set(nonce, i * 32);
  blind.write(key, 32, 'utf8');
  const id = hash('sha256', blind.subarray(0, 32 + length), 'buffer');
  heads[i] = id.readUIntBE(0, 6);
  let o = i * 65;
  for (let b = 0; b < 32; b++) {
    lines[o++] = HEX[id[b] >> 4];
    lines[o++] = HEX[id[b] & 15];
  }
  lines[o] = 10;
}
if (nonces) {
  parentPort.postMessage({ lines: bytes, nonces }, [bytes.buffer, nonces.buffer]);
} else {
  // Sorted as numbers (no comparator: several times faster): the ids' first bits above each one's
  // index, as many bits as a double holds exactly; ids that agree on those bits (a handful) are
  // then put in order by their whole id.
  const indexBits = Math.max(1, Math.ceil(Math.log2(n + 1)));
  const below = 2 ** Math.max(0, indexBits + 48 - (workerData.sortBits ?? 53));
  const scale = 2 ** indexBits;
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) packed[i] = Math.floor(heads[i] / below) * scale + i;
  packed.sort();
  const order = new Uint32Array(n);
  for (let p = 0; p < n; p++) order[p] = packed[p] % scale;
  const high = (p) => Math.floor(packed[p] / scale);
  const byId = (a, b) => lines.compare(lines, b * 65, b * 65 + 64, a * 65, a * 65 + 64);
  for (let p = 1; p < n; p++) {
    if (high(p) !== high(p - 1)) continue;
    let end = p + 1;
    while (end < n && high(end) === high(p)) end++;
    order.set(Array.from(order.subarray(p - 1, end)).sort(byId), p - 1);
    p = end;
  }
  parentPort.postMessage({ lines: bytes, heads, order }, [bytes.buffer, heads.buffer, order.buffer]);
}
`;

/** Below this many keys in all the blinding runs here; above, in parallel workers. */
const PARALLEL_FROM = 20_000;

/** One list of keys blinded: `<blinded id>\n` per key in blinded-id order (64 lower-case hex digits: byte order is id order), and each id's key at the same index. */
export interface BlindedList {
  lines: Buffer;
  keys: string[];
}

/** The blinded ids of a list's `lines`, as strings. */
export const idsOf = (lines: Buffer): string[] => (lines.length === 0 ? [] : lines.toString('latin1', 0, lines.length - 1).split('\n'));

interface SortedSlice {
  lines: Buffer;
  heads: Float64Array;
  order: Uint32Array;
}

function runWorker<T>(blindSecret: Buffer, text: string, opts: { open?: boolean; sortBits?: number }): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { secret: new Uint8Array(blindSecret), text, ...opts } });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the blinding worker stopped with exit code ${code}`));
    });
  });
}

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

async function blindInWorker(blindSecret: Buffer, text: string, sortBits?: number): Promise<SortedSlice> {
  const out = await runWorker<{ lines: Uint8Array; heads: Float64Array; order: Uint32Array }>(blindSecret, text, { sortBits });
  return { lines: asBuffer(out.lines), heads: out.heads, order: out.order };
}

/** Where the keys are split into this many slices for as many workers. */
const sliceStarts = (n: number) => {
  const parts = Math.max(2, Math.min(availableParallelism(), 8));
  const size = Math.ceil(n / parts);
  const starts: number[] = [];
  for (let i = 0; i < n; i += size) starts.push(i);
  return { starts, size };
};

/**
 * The openings of keys, in their order: each key's nonce and blinded id. Many keys (a large
 * draw's selection) are opened in parallel workers.
 */
export async function openKeys(blindSecret: Buffer, keys: readonly string[], opts: { parallelFrom?: number } = {}): Promise<{ key: string; nonce: string; blindedId: string }[]> {
  if (keys.length < (opts.parallelFrom ?? PARALLEL_FROM)) {
    return keys.map((key) => {
      const nonce = nonceOf(blindSecret, key);
      return { key, nonce: nonce.toString('hex'), blindedId: blindWith(nonce, key) };
    });
  }
  const { starts, size } = sliceStarts(keys.length);
  const parts = await Promise.all(starts.map((start) => runWorker<{ lines: Uint8Array; nonces: Uint8Array }>(blindSecret, keys.slice(start, start + size).join('\n'), { open: true })));
  return parts.flatMap((part, p) => {
    const nonces = asBuffer(part.nonces);
    return idsOf(asBuffer(part.lines)).map((blindedId, i) => ({ key: keys[starts[p]! + i]!, nonce: nonces.toString('hex', i * 32, i * 32 + 32), blindedId }));
  });
}

/** The lists blinded one key at a time, here: for small pools, where starting workers costs more than it saves. */
function blindHere(blindSecret: Buffer, lists: readonly (readonly string[])[]): { lists: BlindedList[]; repeated?: string } {
  const all = lists.flatMap((keys, list) => keys.map((key) => ({ id: blindOf(blindSecret, key), key, list })));
  all.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const repeated = all.find((x, i) => i > 0 && all[i - 1]!.id === x.id)?.key;
  const out = lists.map((_, list) => all.filter((x) => x.list === list));
  return { lists: out.map((xs) => ({ lines: Buffer.from(xs.map((x) => `${x.id}\n`).join(''), 'latin1'), keys: xs.map((x) => x.key) })), ...(repeated === undefined ? {} : { repeated }) };
}

/**
 * blind(k) of every key of every list, each list sorted by blinded id with its keys, and a key
 * that appears twice (in two lists or in one), if any. A large pool is split over the machine's
 * cores, each slice blinded and sorted in its own worker; the slices' sorted ids are then merged
 * here by their first 48 bits (the whole ids on a tie) and dealt back to their lists (a repeated
 * key has a repeated id, next to it in the merge).
 */
export async function blindLists(blindSecret: Buffer, lists: readonly (readonly string[])[], opts: { parallelFrom?: number; /** Tests: fewer bits of the ids sorted as numbers, so that many agree on them. */ sortBits?: number } = {}): Promise<{ lists: BlindedList[]; repeated?: string }> {
  const all = lists.length === 1 ? lists[0]! : lists.flat();
  if (all.length < (opts.parallelFrom ?? PARALLEL_FROM)) return blindHere(blindSecret, lists);
  if (lists.length > 0xffff) throw new RangeError('too many lists');
  const listOf = new Uint16Array(all.length);
  let at = 0;
  lists.forEach((keys, list) => listOf.fill(list, at, (at += keys.length)));
  const { starts, size } = sliceStarts(all.length);
  const slices = await Promise.all(starts.map((start) => blindInWorker(blindSecret, all.slice(start, start + size).join('\n'), opts.sortBits)));
  const out = lists.map((keys) => ({ lines: Buffer.allocUnsafeSlow(keys.length * 65), keys: new Array<string>(keys.length), n: 0 }));
  // Each slice's next id, as its index in the slice (its line starts at 65 times that).
  const next = slices.map(() => 0);
  const nextIndex = (t: number) => slices[t]!.order[next[t]!]!;
  let last: SortedSlice | undefined;
  let lastI = 0;
  let repeated: string | undefined;
  for (let m = 0; m < all.length; m++) {
    let s = -1;
    for (let t = 0; t < slices.length; t++) {
      if (next[t]! >= slices[t]!.order.length) continue;
      if (s < 0) s = t;
      else {
        const a = slices[t]!;
        const b = slices[s]!;
        const i = nextIndex(t);
        const j = nextIndex(s);
        if ((a.heads[i]! - b.heads[j]! || a.lines.compare(b.lines, j * 65, j * 65 + 64, i * 65, i * 65 + 64)) < 0) s = t;
      }
    }
    const slice = slices[s]!;
    const i = nextIndex(s);
    next[s]!++;
    const key = starts[s]! + i;
    if (repeated === undefined && last && last.heads[lastI] === slice.heads[i] && last.lines.compare(slice.lines, i * 65, i * 65 + 64, lastI * 65, lastI * 65 + 64) === 0) repeated = all[key];
    last = slice;
    lastI = i;
    const target = out[listOf[key]!]!;
    slice.lines.copy(target.lines, target.n * 65, i * 65, i * 65 + 65);
    target.keys[target.n++] = all[key]!;
  }
  return { lists: out.map(({ lines, keys }) => ({ lines, keys })), ...(repeated === undefined ? {} : { repeated }) };
}

/** blind(k) of every key, sorted by blinded id, each with its key. */
export async function blindSorted(blindSecret: Buffer, keys: readonly string[], opts: { parallelFrom?: number } = {}): Promise<{ candidates: string[]; keys: string[] }> {
  const [list] = (await blindLists(blindSecret, [keys], opts)).lists;
  return { candidates: idsOf(list!.lines), keys: list!.keys };
}
