import { createHash } from 'node:crypto';
import { once } from 'node:events';
import zlib from 'node:zlib';
import type { Exclusion, Opening } from './blinded.js';
import type { Assignment } from './record.js';

/** A draw's record as JSON, in parts: the big arrays are written piece by piece, never as one string. */
export interface RecordParts {
  /** Small fields first (display, state, hashes, secrets when revealed), in this order. */
  head: Record<string, unknown>;
  strata: { name: string; n: number; k: number; candidates: readonly string[]; selected?: readonly string[]; keys?: readonly string[] }[];
  openings?: readonly Opening[];
  inspectorPool?: readonly string[];
  /** Small fields after the pool (its hash, inspectors per task). */
  poolFields?: Record<string, unknown>;
  assignments?: readonly Assignment[];
  /** Whether exclusions carry their evidence (the auditors' record) or only their rule (the public one). */
  evidence: boolean;
  inspectors: readonly { id: string; name: string; certificateNo: string | null }[];
  objects?: readonly { key: string; name: string | null }[];
}

export interface BuiltDocument {
  /** gzip of the JSON. */
  body: Buffer;
  /** Strong validator of the JSON (quoted). */
  etag: string;
  bytes: number;
}

const CHUNK = 64 * 1024;
const ITEMS = 5_000;

/** JSON of a long array, as pieces of `ITEMS` items. */
function* arrayPieces<T>(items: readonly T[], json: (item: T) => string = (item) => JSON.stringify(item)): Generator<string> {
  yield '[';
  for (let i = 0; i < items.length; i += ITEMS) {
    const part = items.slice(i, i + ITEMS).map(json).join(',');
    yield i === 0 ? part : `,${part}`;
  }
  yield ']';
}

const fields = (o: Record<string, unknown>) =>
  Object.entries(o)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);

/** The record's JSON in pieces, in the field order of docs/DRAW.md. */
function* recordPieces(parts: RecordParts): Generator<string> {
  yield `{${fields(parts.head).join(',')}`;
  yield ',"strata":[';
  for (const [i, s] of parts.strata.entries()) {
    yield `${i === 0 ? '' : ','}{"name":${JSON.stringify(s.name)},"n":${s.n},"k":${s.k},"candidates":`;
    yield* arrayPieces(s.candidates);
    if (s.selected) yield `,"selected":${JSON.stringify(s.selected)}`;
    if (s.keys) {
      yield ',"keys":';
      yield* arrayPieces(s.keys);
    }
    yield '}';
  }
  yield ']';
  if (parts.openings) {
    yield ',"openings":';
    yield* arrayPieces(parts.openings, (o) => `{"blindedId":"${o.blindedId}","key":${JSON.stringify(o.key)},"nonce":"${o.nonce}"}`);
  }
  if (parts.inspectorPool) yield `,"inspectorPool":${JSON.stringify(parts.inspectorPool)}`;
  if (parts.poolFields) for (const f of fields(parts.poolFields)) yield `,${f}`;
  if (parts.assignments) {
    // Objects share their candidate and exclusion lists (one per region, in the usual draw): each list's JSON is made once.
    const listJson = new Map<unknown, string>();
    const once = <T>(list: T, json: () => string) => {
      let text = listJson.get(list);
      if (text === undefined) listJson.set(list, (text = json()));
      return text;
    };
    const excludedJson = (excluded: readonly Exclusion[]) =>
      JSON.stringify(excluded.map((x) => (parts.evidence && x.evidence ? { inspector: x.inspector, rule: x.rule, evidence: x.evidence } : { inspector: x.inspector, rule: x.rule })));
    yield ',"assignments":';
    yield* arrayPieces(
      parts.assignments,
      (a) =>
        `{"objectKey":${JSON.stringify(a.objectKey)},"candidates":${once(a.candidates, () => JSON.stringify(a.candidates))},"excluded":${once(a.excluded, () => excludedJson(a.excluded))},"selected":${JSON.stringify(a.selected)}}`,
    );
  }
  yield ',"inspectors":';
  yield* arrayPieces(parts.inspectors);
  if (parts.objects) {
    yield ',"objects":';
    yield* arrayPieces(parts.objects);
  }
  yield '}';
}

/** Writes the record's JSON, gzip-compressed, to `out` (a response or a buffer), honouring back-pressure. */
export async function writeRecord(parts: RecordParts, out: NodeJS.WritableStream & { end(): unknown }, onText?: (text: string) => void): Promise<void> {
  let pending = '';
  const flush = async () => {
    if (!out.write(pending)) await once(out, 'drain');
    pending = '';
  };
  for (const piece of recordPieces(parts)) {
    onText?.(piece);
    pending += piece;
    if (pending.length >= CHUNK) await flush();
  }
  if (pending) await flush();
  out.end();
}

/** The record built once: its gzip, its ETag (SHA-256 of the JSON) and its size. */
export async function buildDocument(parts: RecordParts): Promise<BuiltDocument> {
  const gzip = zlib.createGzip({ level: 6 });
  const chunks: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = once(gzip, 'end');
  const hash = createHash('sha256');
  let bytes = 0;
  await writeRecord(parts, gzip, (text) => {
    hash.update(text, 'utf8');
    bytes += Buffer.byteLength(text, 'utf8');
  });
  await done;
  return { body: Buffer.concat(chunks), etag: `"${hash.digest('hex').slice(0, 32)}"`, bytes };
}
