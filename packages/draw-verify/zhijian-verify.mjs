/**
 * zhijian-verify.mjs — checks a published random-inspection draw of Zhijian (质监).
 *
 * Random inspections (双随机、一公开) promise a fair draw: the bureau commits to a hidden secret
 * and to the candidate lists before the draw, witnesses add their own input at the ceremony, and
 * the selection follows from both by a published algorithm. This file replays a published draw
 * record and tells you whether everything in it follows from what was committed, or names the
 * first thing that does not. It is the complete verifier: the web page's 「在本机核验」 button runs
 * this same file in your browser, and the project's own command line tool calls it too.
 *
 * HOW TO RUN IT (Node.js 20 or later, nothing to install):
 *
 *     node zhijian-verify.mjs <record.json | address> [commit statement | statement file]
 *
 *   - the address may be the public draw page (https://…/public/draws/<id>) or the record's JSON
 *     address (https://…/api/public/draws/<id>); for a product quality spot check's draw, its page
 *     (https://…/public/spotcheck-draws/<id>) or its record (https://…/api/public/spotcheck-draws/<id>);
 *     a record saved to a file works as well;
 *   - the optional second argument is the one-line commit statement handed out at the ceremony
 *     ("zhijian-draw/2 commit id=… commitment=… …"), as text in quotes or as a file holding it.
 *
 *   It prints `valid` (exit code 0), or `mismatch (<what>): <why>` for the first check that fails
 *   (exit code 1); a record it cannot read is reported on stderr (exit code 2).
 *
 * WHAT IT CHECKS, IN THIS ORDER (the algorithm is described in full on the site's method page):
 *
 *   version          the record is "zhijian-draw/1" or "zhijian-draw/2";
 *   commitment       SHA-256(secret) is the commitment published before the draw;
 *   seed             seed = SHA-256(secret ‖ UTF-8(witness input)) (the input NFC-normalised in /2);
 *   candidate hash   the candidate lists hash to the published candidate hash;
 *   candidates       each list is sorted and without repeats (in /2: blinded ids, 64 hex digits);
 *   selection        each stratum's selection is what the seed selects (partial Fisher–Yates);
 *   openings         (/2) each selected blinded id is opened: SHA-256(nonce ‖ UTF-8(key)) = id;
 *   inspector pool   (/2) the inspector pool frozen at commit is sorted, unique and hashes right;
 *   assignment       every selected object's inspectors are what the seed selects from the pool,
 *                    every pool member either a candidate or excluded with a rule;
 *   blinding         (auditors' record only) the blinded candidates are exactly the blinded keys,
 *                    and the strata labels are in the secret order;
 *   commit statement (when given) the record's commitment, candidate hash, inspector pool hash
 *                    and inspectors per task are the ones in the statement handed out at commit.
 *
 * A record published at commit (before the reveal, or of a cancelled draw) has no secret yet: for
 * it the version, the candidate hash and lists, the inspector pool and the commit statement are
 * checked; check it again after the reveal.
 *
 * The file is plain JavaScript with no dependencies. All hashing goes through the standard Web
 * Crypto interface (crypto.subtle: SHA-256 and HMAC-SHA256), so the same file runs in browsers
 * and in Node.js. Node's own modules are loaded only when it runs as a command.
 */

const VERSION_1 = 'zhijian-draw/1';
const VERSION_2 = 'zhijian-draw/2';
/** How many hash computations are started at once. */
const CONCURRENCY = 32;
const TWO_32 = 2 ** 32;

const encoder = new TextEncoder();
/** @param {string} s */
const utf8 = (s) => encoder.encode(s);

// ---------------------------------------------------------------------------------------------
// Hashing (Web Crypto only)
// ---------------------------------------------------------------------------------------------

function subtle() {
  const s = globalThis.crypto && globalThis.crypto.subtle;
  if (!s) throw new Error('Web Crypto (crypto.subtle) is not available here: use Node.js 20 or later, or a browser on an https page');
  return s;
}

/** @param {Uint8Array<ArrayBuffer>} bytes @returns {Promise<Uint8Array<ArrayBuffer>>} SHA-256 of the bytes */
async function sha256(bytes) {
  return new Uint8Array(await subtle().digest('SHA-256', bytes));
}

/** @param {Uint8Array<ArrayBuffer>} keyBytes an HMAC-SHA256 key's bytes */
function hmacKey(keyBytes) {
  return subtle().importKey('raw', keyBytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

/** @param {Awaited<ReturnType<typeof hmacKey>>} key @param {Uint8Array<ArrayBuffer>} data @returns {Promise<Uint8Array<ArrayBuffer>>} HMAC-SHA256(key, data) */
async function hmac(key, data) {
  return new Uint8Array(await subtle().sign('HMAC', key, data));
}

const HEX_DIGITS = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** @param {Uint8Array<ArrayBuffer>} bytes @returns {string} lower-case hex */
function toHex(bytes) {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX_DIGITS[/** @type {number} */ (bytes[i])];
  return out;
}

/** @param {string} hex lower-case hex of even length @returns {Uint8Array<ArrayBuffer>} */
function fromHex(hex) {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** @param {Uint8Array<ArrayBuffer>[]} parts @returns {Uint8Array<ArrayBuffer>} the parts one after the other */
function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Runs `task` on every item with at most CONCURRENCY running at once; the answers in item order.
 * @template T, R
 * @param {readonly T[]} items
 * @param {(item: T, index: number) => Promise<R>} task
 * @returns {Promise<R[]>}
 */
async function mapConcurrently(items, task) {
  /** @type {R[]} */
  const out = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await task(/** @type {T} */ (items[i]), i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Text: UTF-8 byte order and the hashed line lists
// ---------------------------------------------------------------------------------------------

/** @param {number} unit a UTF-16 code unit */
const isSurrogate = (unit) => unit >= 0xd800 && unit <= 0xdfff;

/**
 * Compares two strings by their UTF-8 bytes (code point order). JavaScript's own `<` compares
 * UTF-16 code units, which disagrees for characters above U+FFFF: `Ａ` (U+FF21) comes before
 * `😀` (U+1F600) in UTF-8 but after it in UTF-16.
 * @param {string} a @param {string} b @returns {number} negative, 0 or positive
 */
function byUtf8(a, b) {
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

/** @param {unknown} list @returns {list is string[]} */
const isStringList = (list) => Array.isArray(list) && list.every((x) => typeof x === 'string');

/**
 * The index of the first item that is not strictly after the one before it in UTF-8 byte
 * order (so out of order or repeated), or -1.
 * @param {readonly string[]} list
 */
function firstUnsorted(list) {
  for (let i = 1; i < list.length; i++) if (byUtf8(/** @type {string} */ (list[i - 1]), /** @type {string} */ (list[i])) >= 0) return i;
  return -1;
}

/**
 * SHA-256 of a text of lines, each ending with "\n": for each group its header line (when it
 * has one) and then one line per item. The text is encoded in large pieces into one byte array,
 * so that a million lines cost one hash call.
 * @param {{ header?: string, lines: readonly string[] }[]} groups
 * @returns {Promise<string>} lower-case hex
 */
async function hashOfLines(groups) {
  const PIECE = 16384;
  /** @type {Uint8Array<ArrayBuffer>[]} */
  const pieces = [];
  for (const g of groups) {
    if (g.header !== undefined) pieces.push(utf8(`${g.header}\n`));
    for (let i = 0; i < g.lines.length; i += PIECE) pieces.push(utf8(`${g.lines.slice(i, i + PIECE).join('\n')}\n`));
  }
  return toHex(await sha256(concat(...pieces)));
}

/** @param {unknown} s @returns {boolean} whether s is 64 lower-case hex digits (32 bytes) */
function isHex64(s) {
  if (typeof s !== 'string' || s.length !== 64) return false;
  for (let i = 0; i < 64; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Random streams and the selection
// ---------------------------------------------------------------------------------------------

/**
 * The random stream named `name`: block i (i = 0, 1, …) is SHA-256(seed ‖ UTF-8(name) ‖
 * uint32be(i)); each block gives eight big-endian 32-bit words, used in order. Blocks are
 * computed ahead, several at once.
 */
class RandomStream {
  /** @param {Uint8Array<ArrayBuffer>} seed @param {string} name */
  constructor(seed, name) {
    this.prefix = concat(seed, utf8(name));
    this.block = 0;
    /** @type {Uint32Array} */
    this.words = new Uint32Array(0);
    this.used = 0;
  }

  /** @param {number} blocks how many more blocks to compute */
  async fill(blocks) {
    const start = this.block;
    this.block += blocks;
    /** @param {number} index */
    const blockOf = (index) => {
      const input = new Uint8Array(this.prefix.length + 4);
      input.set(this.prefix);
      new DataView(input.buffer).setUint32(this.prefix.length, index);
      return sha256(input);
    };
    const digests = blocks === 1 ? [await blockOf(start)] : await mapConcurrently(Array.from({ length: blocks }, (_, i) => start + i), blockOf);
    const left = this.words.length - this.used;
    const words = new Uint32Array(left + 8 * blocks);
    words.set(this.words.subarray(this.used));
    digests.forEach((d, b) => {
      const view = new DataView(d.buffer, d.byteOffset, d.byteLength);
      for (let w = 0; w < 8; w++) words[left + 8 * b + w] = view.getUint32(4 * w);
    });
    this.words = words;
    this.used = 0;
  }

  /** @returns {number} the next word, or -1 when the blocks computed so far are used up */
  next() {
    return this.used < this.words.length ? /** @type {number} */ (this.words[this.used++]) : -1;
  }
}

/**
 * Replays the selection of k of the candidates with the stream `name`: partial Fisher–Yates —
 * for j = 0 … k−1 swap item j with item j + uniform(n − j), where uniform(m) takes the next word
 * w, skips it when w ≥ ⌊2³²/m⌋·m and otherwise answers w mod m; the first k items, in that order.
 * (Only the swapped places are remembered, so a million candidates are not copied.)
 * @param {Uint8Array<ArrayBuffer>} seed @param {string} name @param {readonly string[]} candidates @param {number} k
 * @returns {Promise<string[]>}
 */
async function replaySelection(seed, name, candidates, k) {
  const stream = new RandomStream(seed, name);
  if (k > 0) await stream.fill(Math.ceil(k / 8));
  /** @type {Map<number, string>} */
  const moved = new Map();
  /** @param {number} i */
  const at = (i) => (moved.has(i) ? /** @type {string} */ (moved.get(i)) : /** @type {string} */ (candidates[i]));
  const n = candidates.length;
  /** @type {string[]} */
  const selected = [];
  for (let j = 0; j < k; j++) {
    const m = n - j;
    const limit = Math.floor(TWO_32 / m) * m;
    let word = stream.next();
    while (word < 0 || word >= limit) {
      if (word < 0) await stream.fill(Math.max(1, Math.ceil((k - j) / 8)));
      word = stream.next();
    }
    const r = j + (word % m);
    const item = at(r);
    moved.set(r, at(j));
    selected.push(item);
  }
  return selected;
}

// ---------------------------------------------------------------------------------------------
// Mismatches
// ---------------------------------------------------------------------------------------------

/** A failed check: `field` names the check, `message` says precisely what is wrong. */
class Mismatch extends Error {
  /** @param {string} field @param {string} message */
  constructor(field, message) {
    super(message);
    this.field = field;
  }
}

/** @param {unknown} v a value of the record, for a message */
const show = (v) => (v === undefined ? 'nothing' : typeof v === 'string' ? v : JSON.stringify(v));

/** @param {readonly unknown[]} list @returns {string} the list, at most ten items of it */
function preview(list) {
  const items = list.slice(0, 10).map(show).join(', ');
  return list.length > 10 ? `${items}, … (${list.length} in all)` : list.length === 0 ? '(none)' : items;
}

/**
 * Null when the two lists are equal, otherwise a message saying how they differ.
 * @param {string} what @param {readonly string[]} replayed @param {unknown} recorded
 */
function listDifference(what, replayed, recorded) {
  if (!Array.isArray(recorded)) return `${what}: the record has no list of selected items`;
  const n = Math.max(replayed.length, recorded.length);
  for (let i = 0; i < n; i++) {
    if (replayed[i] === recorded[i]) continue;
    const where = n > 10 ? ` (they first differ at position ${i + 1}: ${show(replayed[i])} against ${show(recorded[i])})` : '';
    return `${what}: the replay selects ${preview(replayed)}; the record says ${preview(recorded)}${where}`;
  }
  return null;
}

/**
 * Runs the checks of a list of items in order and throws the first failure. `now` checks one item
 * at once and answers null, a message, or a Mismatch of another field; `later` (run only when
 * `now` passed) answers a promise of null or a message. Items are taken in batches whose `later`
 * checks run concurrently; a failure is still the first in item order.
 * @template T
 * @param {string} field
 * @param {readonly T[]} items
 * @param {(item: T, index: number) => string | Mismatch | null} now
 * @param {(item: T, index: number) => Promise<string | null>} later
 */
async function checkInOrder(field, items, now, later) {
  const BATCH = 1024;
  for (let start = 0; start < items.length; start += BATCH) {
    const end = Math.min(items.length, start + BATCH);
    /** @type {string | Mismatch | null} */
    let failure = null;
    /** @type {number[]} */
    const passed = [];
    for (let i = start; i < end && failure === null; i++) {
      failure = now(/** @type {T} */ (items[i]), i);
      if (failure === null) passed.push(i);
    }
    const messages = await mapConcurrently(passed, (i) => later(/** @type {T} */ (items[i]), i));
    const first = messages.find((m) => m !== null);
    if (first) throw new Mismatch(field, first);
    if (failure instanceof Mismatch) throw failure;
    if (failure !== null) throw new Mismatch(field, failure);
  }
}

// ---------------------------------------------------------------------------------------------
// Verification
// ---------------------------------------------------------------------------------------------

/**
 * @typedef {{ ok: true, version: string, status: 'revealed' | 'committed', audit: boolean, checks: string[] }
 *   | { ok: false, field: string, message: string }} VerifyResult
 */

/**
 * Replays a draw record (`zhijian-draw/1` or `zhijian-draw/2`, public or auditors', revealed or
 * only committed) and answers `{ ok: true, … }` or the first mismatch `{ ok: false, field,
 * message }`. With `options.statement` (the commit statement handed out at commit) it also
 * checks the record against it, last.
 * @param {unknown} record the parsed JSON of the record
 * @param {{ statement?: string }} [options]
 * @returns {Promise<VerifyResult>}
 */
export async function verifyDrawRecord(record, options = {}) {
  /** @type {string[]} */
  const checks = [];
  const run = new Run(checks);
  try {
    run.field = 'version';
    if (record === null || typeof record !== 'object' || Array.isArray(record)) throw new Mismatch('version', 'the record is not a JSON object');
    const r = /** @type {Record<string, any>} */ (record);
    /** @type {{ status: 'revealed' | 'committed', audit: boolean }} */
    let outcome;
    if (r.version === VERSION_1) outcome = await verifyVersion1(r, run);
    else if (r.version === VERSION_2) outcome = await verifyVersion2(r, run);
    else throw new Mismatch('version', `unknown version ${show(r.version)} (expected ${VERSION_1} or ${VERSION_2})`);
    const statement = options?.statement;
    if (typeof statement === 'string' && statement.trim() !== '') {
      run.begin('commit statement');
      checkStatement(r, statement);
    }
    return { ok: true, version: r.version, status: outcome.status, audit: outcome.audit, checks };
  } catch (err) {
    if (err instanceof Mismatch) return { ok: false, field: err.field, message: err.message };
    // Anything else is a record whose shape the check in progress could not read.
    return { ok: false, field: run.field, message: `the record cannot be read here: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** The check in progress and the list of checks begun. */
class Run {
  /** @param {string[]} checks */
  constructor(checks) {
    this.checks = checks;
    this.field = 'version';
  }

  /** @param {string} field */
  begin(field) {
    this.field = field;
    this.checks.push(field);
  }
}

/**
 * Whether a record is only committed: it has no secret, and does not claim to be revealed. (A
 * `zhijian-draw/1` record without a status is always a revealed one.)
 * @param {Record<string, any>} r
 */
function isCommittedOnly(r) {
  if (r.secret !== undefined && r.secret !== null) return false;
  if (r.status === 'committed' || r.status === 'cancelled') return true;
  return r.version === VERSION_2 && r.status === undefined;
}

/** @param {Record<string, any>} r @returns {any[]} the strata, checked to be a list of objects */
function strataOf(r) {
  if (!Array.isArray(r.strata) || r.strata.some((/** @type {unknown} */ s) => s === null || typeof s !== 'object')) throw new Error('"strata" is not a list of objects');
  return r.strata;
}

/** @param {Record<string, any>} r @param {string} field */
async function checkCandidateHash(r, field) {
  const strata = strataOf(r);
  for (const s of strata) {
    if (typeof s.name !== 'string') throw new Mismatch(field, `a stratum has no name`);
    if (!isStringList(s.candidates)) throw new Mismatch(field, `stratum ${s.name}: "candidates" is not a list of strings`);
  }
  const hash = await hashOfLines(strata.map((s) => ({ header: `# ${s.name}`, lines: s.candidates })));
  if (hash !== r.candidatesHash) throw new Mismatch(field, `the candidates hash to ${hash}, the record says ${show(r.candidatesHash)}`);
}

/**
 * `zhijian-draw/1`: the semantics of the first published records, unchanged.
 * @param {Record<string, any>} r @param {Run} run
 * @returns {Promise<{ status: 'revealed' | 'committed', audit: boolean }>}
 */
async function verifyVersion1(r, run) {
  run.begin('version');
  if (isCommittedOnly(r)) {
    run.begin('candidate hash');
    await checkCandidateHash(r, 'candidate hash');
    run.begin('unsorted candidates');
    for (const s of strataOf(r)) {
      if (firstUnsorted(s.candidates) >= 0) throw new Mismatch('unsorted candidates', `stratum ${s.name}: candidates are not unique and sorted by UTF-8 bytes`);
    }
    return { status: 'committed', audit: false };
  }

  run.begin('commitment');
  if (!isHex64(r.secret)) throw new Mismatch('commitment', 'secret is not 32 bytes of lower-case hex');
  const secret = fromHex(r.secret);
  const commitment = toHex(await sha256(secret));
  if (commitment !== r.commitment) throw new Mismatch('commitment', `SHA-256(secret) is ${commitment}, the record says ${show(r.commitment)}`);

  run.begin('seed');
  const witness = r.witnessInput ?? '';
  if (typeof witness !== 'string') throw new Mismatch('seed', 'the witness input is not a string');
  const seed = await sha256(concat(secret, utf8(witness)));
  if (toHex(seed) !== r.seed) throw new Mismatch('seed', `SHA-256(secret ‖ witness input) is ${toHex(seed)}, the record says ${show(r.seed)}`);

  run.begin('candidate hash');
  await checkCandidateHash(r, 'candidate hash');

  // Checked stratum by stratum: its order, then its selection.
  run.begin('unsorted candidates');
  run.begin('selection');
  /** @type {Set<string>} */
  const drawn = new Set();
  for (const s of strataOf(r)) {
    run.field = 'unsorted candidates';
    if (firstUnsorted(s.candidates) >= 0) throw new Mismatch('unsorted candidates', `stratum ${s.name}: candidates are not unique and sorted by UTF-8 bytes`);
    run.field = 'selection';
    if (!Number.isInteger(s.k) || s.k < 0 || s.k > s.candidates.length) throw new Mismatch('selection', `stratum ${s.name}: k = ${show(s.k)} is not in 0…${s.candidates.length}`);
    const selected = await replaySelection(seed, s.name, s.candidates, s.k);
    const difference = listDifference(`stratum ${s.name}`, selected, s.selected);
    if (difference) throw new Mismatch('selection', difference);
    for (const key of selected) drawn.add(key);
  }

  run.begin('assignment');
  const assignments = r.assignments ?? [];
  if (!Array.isArray(assignments)) throw new Mismatch('assignment', '"assignments" is not a list');
  await checkInOrder(
    'assignment',
    assignments,
    (a) => {
      if (a === null || typeof a !== 'object') return 'an assignment is not an object';
      if (!drawn.has(a.objectKey)) return `${show(a.objectKey)} was not selected by the draw`;
      if (!isStringList(a.candidates) || !Array.isArray(a.excluded) || !isStringList(a.selected)) return `assignment of ${a.objectKey}: "candidates", "excluded" or "selected" is not a list`;
      if (firstUnsorted(a.candidates) >= 0) return new Mismatch('unsorted candidates', `assignment of ${a.objectKey}: inspectors are not unique and sorted by UTF-8 bytes`);
      const both = a.excluded.find((/** @type {any} */ x) => a.candidates.includes(x?.inspector));
      if (both) return `assignment of ${a.objectKey}: ${both.inspector} is both excluded (${show(both.rule)}) and a candidate`;
      if (a.selected.length > a.candidates.length) return `assignment of ${a.objectKey}: more inspectors selected than eligible`;
      return null;
    },
    async (a) => {
      const selected = await replaySelection(seed, `inspectors/${a.objectKey}`, a.candidates, a.selected.length);
      return listDifference(`assignment of ${a.objectKey}`, selected, a.selected);
    },
  );
  return { status: 'revealed', audit: false };
}

/**
 * `zhijian-draw/2`: blinded candidates, openings, the frozen inspector pool.
 * @param {Record<string, any>} r @param {Run} run
 * @returns {Promise<{ status: 'revealed' | 'committed', audit: boolean }>}
 */
async function verifyVersion2(r, run) {
  run.begin('version');
  const committedOnly = isCommittedOnly(r);
  const audit = r.blindSecret !== undefined || r.labels !== undefined || (Array.isArray(r.strata) && r.strata.some((/** @type {any} */ s) => s?.keys !== undefined));

  run.begin('commitment');
  /** @type {Uint8Array<ArrayBuffer> | null} */
  let seed = null;
  if (committedOnly) {
    if (!isHex64(r.commitment)) throw new Mismatch('commitment', `the commitment ${show(r.commitment)} is not 64 lower-case hex digits`);
  } else {
    if (r.secret === undefined || r.secret === null) throw new Mismatch('commitment', `the record's status is ${show(r.status)} but it has no secret`);
    if (!isHex64(r.secret)) throw new Mismatch('commitment', 'secret is not 32 bytes of lower-case hex');
    const secret = fromHex(r.secret);
    const commitment = toHex(await sha256(secret));
    if (commitment !== r.commitment) throw new Mismatch('commitment', `SHA-256(secret) is ${commitment}, the record says ${show(r.commitment)}`);

    run.begin('seed');
    if (typeof r.witnessInput !== 'string') throw new Mismatch('seed', 'the record has no witness input (it may be empty, but must be there)');
    seed = await sha256(concat(secret, utf8(r.witnessInput.normalize('NFC'))));
    if (toHex(seed) !== r.seed) throw new Mismatch('seed', `SHA-256(secret ‖ UTF-8(NFC(witness input))) is ${toHex(seed)}, the record says ${show(r.seed)}`);
  }

  run.begin('candidate hash');
  await checkCandidateHash(r, 'candidate hash');
  const strata = strataOf(r);

  run.begin('candidates');
  /** @type {Set<string>} */
  const labels = new Set();
  for (const s of strata) {
    if (labels.has(s.name)) throw new Mismatch('candidates', `two strata are labelled ${s.name}`);
    labels.add(s.name);
    /** @type {string[]} */
    const candidates = s.candidates;
    const bad = candidates.findIndex((c) => !isHex64(c));
    if (bad >= 0) throw new Mismatch('candidates', `stratum ${s.name}: candidate ${show(candidates[bad])} is not a blinded id (64 lower-case hex digits)`);
    const unsorted = firstUnsorted(candidates);
    if (unsorted >= 0) {
      const what = candidates[unsorted] === candidates[unsorted - 1] ? `${candidates[unsorted]} appears twice` : `${candidates[unsorted]} comes after ${candidates[unsorted - 1]}`;
      throw new Mismatch('candidates', `stratum ${s.name}: the candidates are not sorted and unique (${what})`);
    }
    if (s.n !== undefined && s.n !== candidates.length) throw new Mismatch('candidates', `stratum ${s.name}: n = ${show(s.n)}, but it lists ${candidates.length} candidates`);
    if (!Number.isInteger(s.k) || s.k < 0 || s.k > candidates.length) throw new Mismatch('candidates', `stratum ${s.name}: k = ${show(s.k)} is not in 0…${candidates.length}`);
  }

  /** @type {{ blindedId: string, stratum: string }[]} */
  const selectedIds = [];
  /** @type {string[]} */
  const openedKeys = [];
  if (seed) {
    run.begin('selection');
    for (const s of strata) {
      const selected = await replaySelection(seed, s.name, s.candidates, s.k);
      const difference = listDifference(`stratum ${s.name}`, selected, s.selected);
      if (difference) throw new Mismatch('selection', difference);
      for (const blindedId of selected) selectedIds.push({ blindedId, stratum: s.name });
    }

    run.begin('openings');
    await checkOpenings(r, selectedIds, openedKeys);
  }

  run.begin('inspector pool');
  const pool = r.inspectorPool;
  if (!isStringList(pool)) throw new Mismatch('inspector pool', '"inspectorPool" is not a list of user ids');
  const badId = pool.findIndex((id) => id === '' || /[\r\n]/.test(id));
  if (badId >= 0) throw new Mismatch('inspector pool', `pool member ${show(pool[badId])} is empty or contains a line break`);
  const unsortedPool = firstUnsorted(pool);
  if (unsortedPool >= 0) throw new Mismatch('inspector pool', `the pool is not sorted by UTF-8 bytes and unique (${pool[unsortedPool] === pool[unsortedPool - 1] ? `${pool[unsortedPool]} appears twice` : `${pool[unsortedPool]} comes after ${pool[unsortedPool - 1]}`})`);
  const poolHash = await hashOfLines([{ lines: pool }]);
  if (poolHash !== r.inspectorPoolHash) throw new Mismatch('inspector pool', `the pool hashes to ${poolHash}, the record says ${show(r.inspectorPoolHash)}`);
  if (!Number.isInteger(r.inspectorsPerTask) || r.inspectorsPerTask < 0) throw new Mismatch('inspector pool', `inspectorsPerTask = ${show(r.inspectorsPerTask)} is not a whole number`);

  if (seed) {
    run.begin('assignment');
    await checkAssignments(r, seed, selectedIds, openedKeys, pool);
  }

  if (audit) {
    run.begin('blinding');
    await checkBlinding(r, strata);
  }
  return { status: seed ? 'revealed' : 'committed', audit };
}

/**
 * One opening per selected blinded id, in the order of the selection (strata in record order,
 * each in draw order): SHA-256(nonce ‖ UTF-8(key)) = blindedId, no key twice.
 * @param {Record<string, any>} r @param {{ blindedId: string, stratum: string }[]} selectedIds @param {string[]} openedKeys filled in
 */
async function checkOpenings(r, selectedIds, openedKeys) {
  const openings = r.openings;
  if (!Array.isArray(openings)) throw new Mismatch('openings', '"openings" is not a list');
  const selected = new Set(selectedIds.map((s) => s.blindedId));
  /** @type {Set<string>} */
  const keys = new Set();
  await checkInOrder(
    'openings',
    openings,
    (o, i) => {
      if (o === null || typeof o !== 'object') return `opening ${i + 1} is not an object`;
      const expected = selectedIds[i];
      if (!selected.has(o.blindedId)) return `opening ${i + 1} is for ${show(o.blindedId)}, which was not selected`;
      if (!expected || o.blindedId !== expected.blindedId) return `opening ${i + 1} is for ${o.blindedId}; in the order of the selection it should be for ${show(expected?.blindedId)}`;
      if (typeof o.key !== 'string' || o.key === '') return `opening ${i + 1} (${o.blindedId}) has no key`;
      if (!isHex64(o.nonce)) return `opening of ${o.key}: the nonce is not 64 lower-case hex digits`;
      if (keys.has(o.key)) return `the key ${o.key} is opened twice`;
      keys.add(o.key);
      openedKeys.push(o.key);
      return null;
    },
    async (o) => {
      const id = toHex(await sha256(concat(fromHex(o.nonce), utf8(o.key))));
      return id === o.blindedId ? null : `opening of ${o.key}: SHA-256(nonce ‖ key) is ${id}, not the selected id ${o.blindedId}`;
    },
  );
  if (openings.length < selectedIds.length) {
    const missing = /** @type {{ blindedId: string, stratum: string }} */ (selectedIds[openings.length]);
    throw new Mismatch('openings', `the selected id ${missing.blindedId} (stratum ${missing.stratum}) is not opened`);
  }
}

/**
 * Exactly one assignment per selected object, in the order of the openings: its inspectors and
 * excluded inspectors together are exactly the pool, and its selection replays. Objects that share
 * one list of candidates (the usual case) have that list checked once.
 * @param {Record<string, any>} r @param {Uint8Array<ArrayBuffer>} seed @param {{ blindedId: string, stratum: string }[]} selectedIds
 * @param {string[]} openedKeys @param {string[]} pool
 */
async function checkAssignments(r, seed, selectedIds, openedKeys, pool) {
  const assignments = r.assignments;
  if (!Array.isArray(assignments)) throw new Mismatch('assignment', '"assignments" is not a list');
  const members = new Set(pool);
  const perTask = /** @type {number} */ (r.inspectorsPerTask);
  /**
   * Answers of the pool check by the lists' content: looked up by a short fingerprint, then
   * compared item by item, so that 100,000 objects sharing a few lists cost one check per list.
   * @type {Map<string, { candidates: string[], excluded: string[], answer: string | null }[]>}
   */
  const checked = new Map();
  /** @param {readonly string[]} a @param {readonly string[]} b */
  const same = (a, b) => {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  };

  /** @param {string[]} candidates @param {string[]} excluded @returns {string | null} */
  const checkAgainstPool = (candidates, excluded) => {
    const unsorted = firstUnsorted(candidates);
    if (unsorted >= 0) return `the candidates are not sorted by UTF-8 bytes and unique (${show(candidates[unsorted])})`;
    const stranger = candidates.find((id) => !members.has(id));
    if (stranger !== undefined) return `candidate ${stranger} is not in the inspector pool`;
    /** @type {Set<string>} */
    const seen = new Set();
    const inCandidates = new Set(candidates);
    for (const id of excluded) {
      if (!members.has(id)) return `excluded inspector ${id} is not in the inspector pool`;
      if (inCandidates.has(id)) return `${id} is both excluded and a candidate`;
      if (seen.has(id)) return `${id} is excluded twice`;
      seen.add(id);
    }
    if (candidates.length + excluded.length !== pool.length) {
      const missing = pool.find((id) => !inCandidates.has(id) && !seen.has(id));
      return `pool member ${show(missing)} is neither a candidate nor excluded`;
    }
    return null;
  };

  await checkInOrder(
    'assignment',
    assignments,
    (a, i) => {
      if (a === null || typeof a !== 'object') return `assignment ${i + 1} is not an object`;
      const expected = openedKeys[i];
      if (expected === undefined) return `assignment ${i + 1} (${show(a.objectKey)}) is one more than the ${selectedIds.length} selected objects`;
      if (a.objectKey !== expected) return `assignment ${i + 1} is for ${show(a.objectKey)}; in the order of the selection it should be for ${expected}`;
      if (!isStringList(a.candidates) || !isStringList(a.selected) || !Array.isArray(a.excluded)) return `assignment of ${expected}: "candidates", "excluded" or "selected" is not a list`;
      /** @type {string[]} */
      const excluded = [];
      for (const x of a.excluded) {
        if (x === null || typeof x !== 'object' || typeof x.inspector !== 'string') return `assignment of ${expected}: an exclusion has no inspector`;
        if (typeof x.rule !== 'string' || x.rule === '') return `assignment of ${expected}: the exclusion of ${x.inspector} has no rule`;
        excluded.push(x.inspector);
      }
      const c = a.candidates;
      const fingerprint = `${c.length} ${c[0]} ${c[c.length - 1]} ${excluded.length} ${excluded[0]}`;
      let bucket = checked.get(fingerprint);
      if (!bucket) checked.set(fingerprint, (bucket = []));
      let known = bucket.find((e) => same(e.candidates, c) && same(e.excluded, excluded));
      if (!known) bucket.push((known = { candidates: c, excluded, answer: checkAgainstPool(c, excluded) }));
      return known.answer === null ? null : `assignment of ${expected}: ${known.answer}`;
    },
    async (a) => {
      const k = Math.min(perTask, a.candidates.length);
      const selected = await replaySelection(seed, `inspectors/${a.objectKey}`, a.candidates, k);
      return listDifference(`assignment of ${a.objectKey}`, selected, a.selected);
    },
  );
  if (assignments.length < openedKeys.length) throw new Mismatch('assignment', `the selected object ${openedKeys[assignments.length]} has no assignment`);
}

/**
 * Auditors' record: every stratum's blinded candidates are exactly blind(key) of its keys, where
 * nonce(key) = HMAC-SHA256(blindSecret, UTF-8(key)) and blind(key) = hex(SHA-256(nonce(key) ‖
 * UTF-8(key))); the keys are sorted and unique, no key is in two strata; and the strata, in record
 * order, are ordered by hex(HMAC-SHA256(blindSecret, UTF-8(class name))) of their labels' classes.
 * @param {Record<string, any>} r @param {any[]} strata
 */
async function checkBlinding(r, strata) {
  if (!isHex64(r.blindSecret)) throw new Mismatch('blinding', 'the auditors\' record has no blind secret of 64 lower-case hex digits');
  const labels = r.labels;
  if (labels === null || typeof labels !== 'object' || Array.isArray(labels)) throw new Mismatch('blinding', 'the auditors\' record has no "labels" object');
  const key = await hmacKey(fromHex(r.blindSecret));

  /** @type {Set<string>} */
  const allKeys = new Set();
  for (const s of strata) {
    if (!isStringList(s.keys)) throw new Mismatch('blinding', `stratum ${s.name}: "keys" is not a list of strings`);
    const unsorted = firstUnsorted(s.keys);
    if (unsorted >= 0) throw new Mismatch('blinding', `stratum ${s.name}: the keys are not sorted by UTF-8 bytes and unique (${show(s.keys[unsorted])})`);
    for (const k of s.keys) {
      if (allKeys.has(k)) throw new Mismatch('blinding', `the key ${k} is in two strata`);
      allKeys.add(k);
    }
  }

  const names = strata.map((s) => s.name);
  const labelNames = Object.keys(labels);
  const unlabelled = names.find((n) => typeof labels[n] !== 'string' || labels[n] === '');
  if (unlabelled !== undefined) throw new Mismatch('blinding', `stratum ${unlabelled} has no class in "labels"`);
  const extra = labelNames.find((n) => !names.includes(n));
  if (extra !== undefined) throw new Mismatch('blinding', `"labels" names ${extra}, which is not a stratum of the record`);
  const order = await Promise.all(names.map(async (n) => toHex(await hmac(key, utf8(labels[n])))));
  for (let i = 1; i < order.length; i++) {
    if (/** @type {string} */ (order[i - 1]) >= /** @type {string} */ (order[i])) {
      throw new Mismatch('blinding', `the strata are not in the order of HMAC(blind secret, class): ${names[i - 1]} (${labels[names[i - 1]]}) comes before ${names[i]} (${labels[names[i]]}), but ${order[i - 1]} ≥ ${order[i]}`);
    }
  }

  for (const s of strata) {
    /** @type {string[]} */
    const keys = s.keys;
    /** @type {string[]} */
    const candidates = s.candidates;
    if (keys.length !== candidates.length) throw new Mismatch('blinding', `stratum ${s.name} has ${keys.length} keys but ${candidates.length} blinded candidates`);
    const expected = new Set(candidates);
    await checkInOrder(
      'blinding',
      keys,
      () => null,
      async (k) => {
        const bytes = utf8(k);
        const blinded = toHex(await sha256(concat(await hmac(key, bytes), bytes)));
        return expected.has(blinded) ? null : `stratum ${s.name}: blind(${k}) = ${blinded} is not among the stratum's candidates`;
      },
    );
  }
}

// ---------------------------------------------------------------------------------------------
// The commit statement
// ---------------------------------------------------------------------------------------------

const STATEMENT_FIELDS = /** @type {const} */ (['id', 'commitment', 'candidatesHash', 'inspectorPoolHash', 'inspectorsPerTask', 'committedAt']);
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** @param {string | Date} when @returns {string} ISO 8601 in UTC with milliseconds */
function isoOf(when) {
  const date = when instanceof Date ? when : new Date(when);
  if (Number.isNaN(date.getTime())) throw new Error(`committedAt ${show(when)} is not a date`);
  return date.toISOString();
}

/**
 * The one-line commit statement handed out at commit (printed and as a QR code):
 * `zhijian-draw/2 commit id=… commitment=… candidatesHash=… inspectorPoolHash=… inspectorsPerTask=… committedAt=…`.
 * @param {{ id: string, commitment: string, candidatesHash: string, inspectorPoolHash: string, inspectorsPerTask: number, committedAt: string | Date }} v
 * @returns {string}
 */
export function commitStatementOf(v) {
  for (const name of ['commitment', 'candidatesHash', 'inspectorPoolHash']) {
    if (!isHex64(v[/** @type {'commitment'} */ (name)])) throw new Error(`${name} must be 64 lower-case hex digits`);
  }
  if (typeof v.id !== 'string' || v.id === '' || /\s/.test(v.id)) throw new Error('id must be a non-empty string without spaces');
  if (!Number.isInteger(v.inspectorsPerTask) || v.inspectorsPerTask < 0) throw new Error('inspectorsPerTask must be a whole number');
  return `${VERSION_2} commit id=${v.id} commitment=${v.commitment} candidatesHash=${v.candidatesHash} inspectorPoolHash=${v.inspectorPoolHash} inspectorsPerTask=${v.inspectorsPerTask} committedAt=${isoOf(v.committedAt)}`;
}

/**
 * Reads a commit statement (surrounding whitespace and runs of spaces or line breaks between the
 * parts are allowed). Throws an Error saying what is wrong when it is not one.
 * @param {string} text
 * @returns {{ id: string, commitment: string, candidatesHash: string, inspectorPoolHash: string, inspectorsPerTask: number, committedAt: string }}
 */
export function parseCommitStatement(text) {
  if (typeof text !== 'string') throw new Error('the commit statement is not text');
  const tokens = text.trim().split(/\s+/);
  if (tokens[0] !== VERSION_2 || tokens[1] !== 'commit') throw new Error(`a commit statement starts with "${VERSION_2} commit"`);
  /** @type {Record<string, string>} */
  const values = {};
  for (const token of tokens.slice(2)) {
    const eq = token.indexOf('=');
    const name = eq > 0 ? token.slice(0, eq) : token;
    if (eq <= 0 || !STATEMENT_FIELDS.includes(/** @type {any} */ (name))) throw new Error(`unexpected part ${show(token)} (expected ${STATEMENT_FIELDS.map((f) => `${f}=…`).join(' ')})`);
    if (name in values) throw new Error(`${name} is given twice`);
    values[name] = token.slice(eq + 1);
  }
  const missing = STATEMENT_FIELDS.filter((f) => !(f in values));
  if (missing.length > 0) throw new Error(`${missing.join(', ')} missing`);
  const v = /** @type {Record<typeof STATEMENT_FIELDS[number], string>} */ (values);
  if (v.id === '') throw new Error('id is empty');
  for (const name of /** @type {const} */ (['commitment', 'candidatesHash', 'inspectorPoolHash'])) {
    if (!isHex64(v[name].toLowerCase())) throw new Error(`${name} is not 64 hex digits`);
  }
  if (!/^\d+$/.test(v.inspectorsPerTask)) throw new Error(`inspectorsPerTask ${show(v.inspectorsPerTask)} is not a whole number`);
  if (!ISO_MS.test(v.committedAt) || Number.isNaN(Date.parse(v.committedAt))) throw new Error(`committedAt ${show(v.committedAt)} is not a UTC time like 2026-12-05T08:00:00.000Z`);
  return {
    id: v.id,
    commitment: v.commitment.toLowerCase(),
    candidatesHash: v.candidatesHash.toLowerCase(),
    inspectorPoolHash: v.inspectorPoolHash.toLowerCase(),
    inspectorsPerTask: Number(v.inspectorsPerTask),
    committedAt: v.committedAt,
  };
}

/**
 * The record against the commit statement: commitment, candidate hash, inspector pool hash and
 * inspectors per task always; the draw id and the commit time when the record carries them.
 * @param {Record<string, any>} r @param {string} text
 */
function checkStatement(r, text) {
  /** @type {ReturnType<typeof parseCommitStatement>} */
  let st;
  try {
    st = parseCommitStatement(text);
  } catch (err) {
    throw new Mismatch('commit statement', `the commit statement is malformed: ${err instanceof Error ? err.message : String(err)}`);
  }
  /** @param {string} name @param {unknown} ours @param {unknown} theirs */
  const differ = (name, ours, theirs) => new Mismatch('commit statement', `${name}: the record says ${show(ours)}, the commit statement says ${show(theirs)}`);
  if (r.id !== undefined && r.id !== null && r.id !== st.id) throw differ('id', r.id, st.id);
  for (const name of /** @type {const} */ (['commitment', 'candidatesHash', 'inspectorPoolHash'])) {
    if (r[name] !== st[name]) throw differ(name, r[name], st[name]);
  }
  if (r.inspectorsPerTask !== st.inspectorsPerTask) throw differ('inspectorsPerTask', r.inspectorsPerTask, st.inspectorsPerTask);
  if (r.committedAt !== undefined && r.committedAt !== null) {
    const ours = typeof r.committedAt === 'string' ? Date.parse(r.committedAt) : NaN;
    if (ours !== Date.parse(st.committedAt)) throw differ('committedAt', r.committedAt, st.committedAt);
  }
}

// ---------------------------------------------------------------------------------------------
// The command line (Node.js)
// ---------------------------------------------------------------------------------------------

const USAGE =
  'usage: node zhijian-verify.mjs <record.json | address of the draw page or record> [commit statement | file holding it]\n' +
  '  addresses: …/public/draws/<id> or …/api/public/draws/<id>; spot checks: …/public/spotcheck-draws/<id> or …/api/public/spotcheck-draws/<id>';

/**
 * Loads a Node.js module (only on the command-line path, so that browsers never ask for one).
 * @param {string} name
 * @returns {Promise<any>}
 */
const nodeModule = (name) => import(/* @vite-ignore */ `node:${name}`);

/** @param {string} source */
const notARecord = (source) =>
  new Error(`${source} is an HTML page, not a draw record: give the draw page's address (…/public/draws/<id> or …/public/spotcheck-draws/<id>), the record's address (…/api/public/draws/<id> or …/api/public/spotcheck-draws/<id>) or a saved record file`);

/** @param {string} text @param {string} source @returns {unknown} the record */
function parseRecord(text, source) {
  if (/^\s*</.test(text)) throw notARecord(source);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`${source} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** @param {string} source a file name or an http(s) address @returns {Promise<unknown>} */
async function readRecord(source) {
  if (/^https?:\/\//i.test(source)) {
    const url = new URL(source);
    // The public page /public/draws/<id> shows the record whose JSON is at /api/public/draws/<id>;
    // a spot check's page /public/spotcheck-draws/<id> the one at /api/public/spotcheck-draws/<id>.
    const page = /^\/public\/(draws|spotcheck-draws)\/([^/]+)\/?$/.exec(url.pathname);
    if (page) url.pathname = `/api/public/${page[1]}/${page[2]}`;
    const res = await fetch(url, { headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`${url.href}: HTTP ${res.status} ${res.statusText}`);
    const text = await res.text();
    if (/text\/html/i.test(res.headers.get('content-type') ?? '')) throw notARecord(url.href);
    return parseRecord(text, url.href);
  }
  const fs = await nodeModule('fs/promises');
  return parseRecord(await fs.readFile(source, 'utf8'), source);
}

/** @param {string} arg the statement itself or a file holding it @returns {Promise<string>} */
async function readStatement(arg) {
  if (arg.trim().startsWith('zhijian-draw/')) return arg;
  const fs = await nodeModule('fs/promises');
  try {
    return await fs.readFile(arg, 'utf8');
  } catch (err) {
    const code = /** @type {{ code?: string }} */ (err).code;
    if (code === 'ENOENT') throw new Error(`${arg}: no such file, and not a commit statement (one starts with "${VERSION_2} commit")`);
    throw err;
  }
}

/**
 * The command: `node zhijian-verify.mjs <record.json | URL> [statement]`. Prints "valid" (answer
 * 0) or "mismatch (<field>): <message>" (answer 1); a usage or read error goes to stderr (answer 2).
 * @param {string[]} argv the arguments after the script's name
 * @returns {Promise<number>} the exit code
 */
export async function main(argv) {
  const [source, statementArg, ...rest] = argv;
  if (!source || rest.length > 0 || source === '-h' || source === '--help') {
    console.error(USAGE);
    return 2;
  }
  /** @type {unknown} */
  let record;
  /** @type {string | undefined} */
  let statement;
  try {
    record = await readRecord(source);
    if (statementArg !== undefined) statement = await readStatement(statementArg);
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    return 2;
  }
  const result = await verifyDrawRecord(record, { statement });
  if (!result.ok) {
    console.log(`mismatch (${result.field}): ${result.message}`);
    return 1;
  }
  console.log('valid');
  const what = result.status === 'revealed' ? 'revealed draw' : 'committed draw, not revealed (check it again after the reveal)';
  console.log(`${result.version}, ${what}${result.audit ? ', auditors\' record' : ''}; checked: ${result.checks.join(', ')}`);
  return 0;
}

/** Whether this file is the script Node.js was started with (`node zhijian-verify.mjs …`). */
function isMainScript() {
  if (typeof process !== 'object' || !process || !Array.isArray(process.argv) || !process.argv[1]) return false;
  const self = import.meta.filename;
  // Bundled into another program (e.g. the benchmark server), this file is not the verifier script.
  if (!self || !/verify[^/\\]*$/i.test(self)) return false;
  if (process.argv[1] === self) return true;
  try {
    // The script's path may go through a symbolic link (e.g. /tmp on macOS).
    const fs = process.getBuiltinModule?.('node:fs');
    return fs ? fs.realpathSync(process.argv[1]) === self : false;
  } catch {
    return false;
  }
}

if (isMainScript()) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exitCode = 2;
    },
  );
}
