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
 * A worker blinding keys (`\n`-separated) the same way: the HMAC written out as
 * SHA-256((K ⊕ opad) ‖ SHA-256((K ⊕ ipad) ‖ m)) (RFC 2104; a 32-byte key needs no hashing), each
 * SHA-256 one call of `crypto.hash` over reused buffers — about twice as fast as a new HMAC per
 * key. Plain JavaScript evaluated as the worker's script, so it runs the same from the sources and
 * from the build. Its keys come in consecutive units (`units`: their sizes), each sorted by
 * blinded id on its own; it answers, as transferred typed arrays (no strings to copy or split), the
 * ids as `<64 hex digits>\n` lines sorted within each unit, their first 48 bits, and each one's
 * index in its unit — or, asked to `open`, the ids' lines and the nonces (32 bytes each) in the
 * keys' order.
 */
const WORKER = `
const { hash } = require('node:crypto');
const { parentPort, workerData } = require('node:worker_threads');
const secret = Buffer.from(workerData.secret);
const padded = (byte) => Buffer.concat([secret.map((b) => b ^ byte), Buffer.alloc(32, byte)]);
const ipad = padded(0x36);
const opad = padded(0x5c);
let inner = Buffer.alloc(0);
let blind = Buffer.alloc(0);
const outer = Buffer.concat([opad, Buffer.alloc(32)]);
const keys = workerData.text.split('\\n');
const n = keys.length;
const lines = Buffer.alloc(n * 65, 10);
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
  const id = hash('sha256', blind.subarray(0, 32 + length), 'hex');
  lines.write(id, i * 65, 'latin1');
  heads[i] = parseInt(id.slice(0, 12), 16);
}
if (nonces) {
  const bytes = new Uint8Array(lines);
  parentPort.postMessage({ lines: bytes, nonces }, [bytes.buffer, nonces.buffer]);
} else {
  const sortedLines = new Uint8Array(n * 65);
  const sortedHeads = new Float64Array(n);
  const order = new Uint32Array(n);
  const byId = (a, b) => lines.compare(lines, b * 65, b * 65 + 64, a * 65, a * 65 + 64);
  let base = 0;
  for (const size of workerData.units) {
    // Sorted as numbers (no comparator: several times faster): the ids' first bits above each one's
    // index in the unit, as many bits as a double holds exactly; ids that agree on those bits (a
    // handful) are then put in order by their whole id.
    const indexBits = Math.max(1, Math.ceil(Math.log2(size + 1)));
    const below = 2 ** Math.max(0, indexBits + 48 - (workerData.sortBits ?? 53));
    const scale = 2 ** indexBits;
    const packed = new Float64Array(size);
    for (let i = 0; i < size; i++) packed[i] = Math.floor(heads[base + i] / below) * scale + i;
    packed.sort();
    const unit = order.subarray(base, base + size);
    for (let p = 0; p < size; p++) unit[p] = packed[p] % scale;
    const high = (p) => Math.floor(packed[p] / scale);
    for (let p = 1; p < size; p++) {
      if (high(p) !== high(p - 1)) continue;
      let end = p + 1;
      while (end < size && high(end) === high(p)) end++;
      unit.set(Array.from(unit.subarray(p - 1, end), (i) => base + i).sort(byId).map((i) => i - base), p - 1);
      p = end;
    }
    for (let p = 0; p < size; p++) {
      const i = base + unit[p];
      sortedLines.set(lines.subarray(i * 65, i * 65 + 65), (base + p) * 65);
      sortedHeads[base + p] = heads[i];
    }
    base += size;
  }
  parentPort.postMessage({ lines: sortedLines, heads: sortedHeads, order }, [sortedLines.buffer, sortedHeads.buffer, order.buffer]);
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

/** A worker's answer: its units' ids as lines, each unit sorted, their first 48 bits and their indices in their unit. */
interface SortedUnits {
  lines: Buffer;
  heads: Float64Array;
  order: Uint32Array;
}

function runWorker<T>(blindSecret: Buffer, text: string, opts: { open?: boolean; units?: number[]; sortBits?: number }): Promise<T> {
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

const workerCount = () => Math.max(2, Math.min(availableParallelism(), 8));

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
  const size = Math.ceil(keys.length / workerCount());
  const starts: number[] = [];
  for (let i = 0; i < keys.length; i += size) starts.push(i);
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

/** A list's part that one worker sorts: the keys [start, end) of list `list`. */
interface Unit {
  list: number;
  start: number;
  end: number;
  /** Where the worker answers it: which worker, from which index of its answer. */
  worker: number;
  at: number;
}

/**
 * The units of work: each list whole, unless it is much more than a worker's share, then in equal
 * parts; dealt to the workers largest first, each to the least loaded (so that most lists come back
 * sorted whole and need no merging here).
 */
function unitsOf(lists: readonly (readonly string[])[], workers: number): Unit[][] {
  const total = lists.reduce((n, keys) => n + keys.length, 0);
  const share = Math.ceil(total / workers);
  const units: Omit<Unit, 'worker' | 'at'>[] = [];
  lists.forEach((keys, list) => {
    const parts = keys.length > share * 1.25 ? Math.ceil(keys.length / share) : 1;
    const size = Math.ceil(keys.length / parts);
    for (let start = 0; start < keys.length; start += size) units.push({ list, start, end: Math.min(keys.length, start + size) });
  });
  const dealt: Unit[][] = Array.from({ length: workers }, () => []);
  const load = new Array<number>(workers).fill(0);
  for (const u of units.sort((a, b) => b.end - b.start - (a.end - a.start))) {
    const w = load.indexOf(Math.min(...load));
    dealt[w]!.push({ ...u, worker: w, at: load[w]! });
    load[w]! += u.end - u.start;
  }
  return dealt;
}

/** Several sorted units of one list as one: merged by the ids' first 48 bits (the whole ids on a tie). */
function mergeUnits(keys: readonly string[], units: readonly Unit[], answers: readonly SortedUnits[]): BlindedList {
  const n = units.reduce((sum, u) => sum + u.end - u.start, 0);
  const lines = Buffer.allocUnsafeSlow(n * 65);
  const merged = new Array<string>(n);
  const next = units.map((u) => u.at);
  for (let m = 0; m < n; m++) {
    let best = -1;
    for (let u = 0; u < units.length; u++) {
      const unit = units[u]!;
      if (next[u]! >= unit.at + unit.end - unit.start) continue;
      if (best < 0) {
        best = u;
        continue;
      }
      const a = answers[unit.worker]!;
      const b = answers[units[best]!.worker]!;
      const i = next[u]!;
      const j = next[best]!;
      if ((a.heads[i]! - b.heads[j]! || a.lines.compare(b.lines, j * 65, j * 65 + 64, i * 65, i * 65 + 64)) < 0) best = u;
    }
    const unit = units[best]!;
    const answer = answers[unit.worker]!;
    const p = next[best]!++;
    answer.lines.copy(lines, m * 65, p * 65, p * 65 + 65);
    merged[m] = keys[unit.start + answer.order[p]!]!;
  }
  return { lines, keys: merged };
}

/** A key that appears twice among the lists: a repeated key has a repeated id, so only equal first 48 bits (rare) call for a look at the keys. */
function repeatedKey(lists: readonly (readonly string[])[], answers: readonly SortedUnits[]): string | undefined {
  const heads = new Float64Array(answers.reduce((n, a) => n + a.heads.length, 0));
  let at = 0;
  for (const a of answers) heads.set(a.heads, (at += a.heads.length) - a.heads.length);
  heads.sort();
  if (heads.every((h, i) => i === 0 || h !== heads[i - 1])) return undefined;
  const seen = new Set<string>();
  for (const keys of lists) for (const key of keys) if (seen.has(key)) return key;
  else seen.add(key);
  return undefined;
}

/**
 * blind(k) of every key of every list, each list sorted by blinded id with its keys, and a key
 * that appears twice (in two lists or in one), if any. A large pool is blinded in parallel
 * workers, each sorting whole lists where it can (a list much larger than a worker's share in
 * parts, merged here).
 */
export async function blindLists(blindSecret: Buffer, lists: readonly (readonly string[])[], opts: { parallelFrom?: number; /** Tests: fewer bits of the ids sorted as numbers, so that many agree on them. */ sortBits?: number } = {}): Promise<{ lists: BlindedList[]; repeated?: string }> {
  const total = lists.reduce((n, keys) => n + keys.length, 0);
  if (total < (opts.parallelFrom ?? PARALLEL_FROM)) return blindHere(blindSecret, lists);
  const dealt = unitsOf(lists, workerCount());
  const answers = await Promise.all(
    dealt.map(async (units): Promise<SortedUnits> => {
      if (units.length === 0) return { lines: Buffer.alloc(0), heads: new Float64Array(0), order: new Uint32Array(0) };
      const text = units.map((u) => lists[u.list]!.slice(u.start, u.end).join('\n')).join('\n');
      const out = await runWorker<{ lines: Uint8Array; heads: Float64Array; order: Uint32Array }>(blindSecret, text, { units: units.map((u) => u.end - u.start), sortBits: opts.sortBits });
      return { lines: asBuffer(out.lines), heads: out.heads, order: out.order };
    }),
  );
  const unitsOfList = lists.map((_, list) => dealt.flat().filter((u) => u.list === list).sort((a, b) => a.start - b.start));
  const blinded = lists.map((keys, list): BlindedList => {
    const units = unitsOfList[list]!;
    if (units.length === 0) return { lines: Buffer.alloc(0), keys: [] };
    if (units.length > 1) return mergeUnits(keys, units, answers);
    const [unit] = units as [Unit];
    const answer = answers[unit.worker]!;
    const n = unit.end - unit.start;
    const order = answer.order.subarray(unit.at, unit.at + n);
    return { lines: answer.lines.subarray(unit.at * 65, (unit.at + n) * 65), keys: Array.from(order, (i) => keys[unit.start + i]!) };
  });
  const repeated = repeatedKey(lists, answers);
  return { lists: blinded, ...(repeated === undefined ? {} : { repeated }) };
}

/** blind(k) of every key, sorted by blinded id, each with its key. */
export async function blindSorted(blindSecret: Buffer, keys: readonly string[], opts: { parallelFrom?: number } = {}): Promise<{ candidates: string[]; keys: string[] }> {
  const [list] = (await blindLists(blindSecret, [keys], opts)).lists;
  return { candidates: idsOf(list!.lines), keys: list!.keys };
}
