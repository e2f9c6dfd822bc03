import { createHash, randomBytes } from 'node:crypto';

/**
 * The draw algorithm `zhijian-draw/1` (docs/DRAW.md): a commitment to a secret, a seed from the
 * secret and the witnesses' input, one SHA-256 random stream per stratum, rejection sampling and a
 * partial Fisher–Yates shuffle. Pure functions: anyone holding a record can replay it.
 */
export const DRAW_VERSION = 'zhijian-draw/1';

const sha256 = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();

export const newSecret = (): Buffer => randomBytes(32);

/** hex(SHA-256(secret)), published before the draw. */
export const commitmentOf = (secret: Buffer): string => sha256(secret).toString('hex');

/** SHA-256(secret ‖ UTF-8(witness input)), the 32 bytes every stream starts from. */
export const seedOf = (secret: Buffer, witnessInput: string): Buffer => sha256(secret, Buffer.from(witnessInput, 'utf8'));

const isSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdfff;

/**
 * Orders keys by their UTF-8 bytes, which is code point order — not UTF-16 code unit order, as
 * JavaScript's default sort: a surrogate (part of a code point above U+FFFF) sorts after every
 * other unit. Allocation-free, for pools of a million keys.
 */
export function byUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (isSurrogate(x) !== isSurrogate(y)) return isSurrogate(x) ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** Whether the keys are already in UTF-8 byte order (duplicates allowed): one pass, no allocation. */
export function isSortedUtf8(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (byUtf8(keys[i - 1]!, keys[i]!) > 0) return false;
  return true;
}

/**
 * Keys in UTF-8 byte order, as a new array. Keys that arrive sorted (the database sorts the
 * candidates with `collate "C"`, which is byte order) are only checked, in O(n); otherwise the
 * engine's own sort when no key has a code point above U+FFFF (the orders then agree).
 */
export function sortUtf8(keys: readonly string[]): string[] {
  const copy = keys.slice();
  if (isSortedUtf8(copy)) return copy;
  return copy.some((k) => SURROGATE.test(k)) ? copy.sort(byUtf8) : copy.sort();
}

export interface StratumKeys {
  name: string;
  /** Sorted by UTF-8 bytes. */
  candidates: readonly string[];
}

/** hex(SHA-256) of `# <stratum>\n` followed by one `<key>\n` per candidate, for each stratum in record order; a stratum may give that text of its candidates as `lines`. */
export function candidatesHashOf(strata: readonly (StratumKeys | { name: string; lines: Buffer })[]): string {
  const hash = createHash('sha256');
  const CHUNK = 10_000;
  for (const s of strata) {
    hash.update(`# ${s.name}\n`, 'utf8');
    if ('lines' in s) hash.update(s.lines);
    else for (let i = 0; i < s.candidates.length; i += CHUNK) hash.update(`${s.candidates.slice(i, i + CHUNK).join('\n')}\n`, 'utf8');
  }
  return hash.digest('hex');
}

/** Block i of stream `name` is SHA-256(seed ‖ UTF-8(name) ‖ uint32be(i)); each block gives eight uint32be words. */
export function randomStream(seed: Buffer, name: string): () => number {
  const prefix = Buffer.from(name, 'utf8');
  const counter = Buffer.alloc(4);
  let block = 0;
  let words: Buffer = Buffer.alloc(0);
  let offset = 0;
  return () => {
    if (offset === words.length) {
      counter.writeUInt32BE(block++);
      words = createHash('sha256').update(seed).update(prefix).update(counter).digest();
      offset = 0;
    }
    const word = words.readUInt32BE(offset);
    offset += 4;
    return word;
  };
}

const TWO_32 = 2 ** 32;

/** A uniform integer in [0, m): words ≥ ⌊2³²/m⌋·m are skipped, the first other word w gives w mod m. */
export function uniform(next: () => number, m: number): number {
  if (!Number.isInteger(m) || m < 1 || m > TWO_32) throw new RangeError(`uniform: m must be an integer in 1…2^32, got ${m}`);
  const limit = Math.floor(TWO_32 / m) * m;
  for (;;) {
    const word = next();
    if (word < limit) return word % m;
  }
}

/** k of the candidates by partial Fisher–Yates: for j < k swap item j with item j + uniform(n − j); the first k, in order. */
export function selectK<T>(next: () => number, candidates: readonly T[], k: number): T[] {
  if (!Number.isInteger(k) || k < 0 || k > candidates.length) throw new RangeError(`selectK: k must be an integer in 0…${candidates.length}, got ${k}`);
  const items = [...candidates];
  for (let j = 0; j < k; j++) {
    const r = j + uniform(next, items.length - j);
    [items[j], items[r]] = [items[r]!, items[j]!];
  }
  return items.slice(0, k);
}

/** The stream that assigns inspectors to one selected object. */
export const inspectorStreamName = (objectKey: string) => `inspectors/${objectKey}`;
