import fs from 'node:fs';
import path from 'node:path';

/**
 * A checkpoint of the audit chain kept outside the database: the newest event's id and hash and
 * the number of events up to it. Events the chain has lost since (a truncated tail) or rewritten
 * (another hash at that id) no longer match it.
 */
export interface AuditAnchor {
  lastId: number;
  lastHash: string;
  count: number;
  /** When it was taken (ISO 8601). */
  at: string;
}

const FILE_RE = /^anchors-\d{4}-\d{2}-\d{2}\.jsonl$/;

/** The day's anchor file (UTC date), e.g. `anchors-2026-05-01.jsonl`. */
export const anchorFileName = (at: string) => `anchors-${at.slice(0, 10)}.jsonl`;

/**
 * Appends an anchor as one JSON line to the day's file in `dir` (created if needed) and syncs it
 * to disk. Files are only ever appended to: never rewritten, never truncated. Returns the file.
 */
export function appendAnchor(dir: string, anchor: AuditAnchor): string {
  return appendLine(dir, anchor.at, { lastId: anchor.lastId, lastHash: anchor.lastHash, count: anchor.count, at: anchor.at });
}

/**
 * A statement that must leave the database as it is made — e.g. a draw's commit statement
 * (draw id, commitment, hashes), so that a record rewritten later no longer matches it — appended
 * to the day's anchor file as `{ "kind", "statement", "at" }`.
 */
export interface AnchoredStatement {
  kind: string;
  statement: string;
  at: string;
}

export function appendStatement(dir: string, entry: AnchoredStatement): string {
  return appendLine(dir, entry.at, { kind: entry.kind, statement: entry.statement, at: entry.at });
}

/** The statements in the anchor files of `dir`, oldest first. */
export function readStatements(dir: string): AnchoredStatement[] {
  return anchorLines(dir).flatMap((line) => {
    const v = parseLine(line) as Partial<AnchoredStatement> | undefined;
    return typeof v?.statement === 'string' && typeof v.kind === 'string' && typeof v.at === 'string' ? [{ kind: v.kind, statement: v.statement, at: v.at }] : [];
  });
}

function appendLine(dir: string, at: string, value: object): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, anchorFileName(at));
  const line = `${JSON.stringify(value)}\n`;
  // One write of one short line to a file opened for appending: lines of concurrent writers do not interleave.
  const fd = fs.openSync(file, 'a');
  try {
    fs.writeSync(fd, line);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return file;
}

/** A line of an anchor file, if it is a well-formed anchor. */
function parseLine(line: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(line);
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function parseAnchor(line: string): AuditAnchor | undefined {
  const v = parseLine(line);
  if (!v) return undefined;
  const { lastId, lastHash, count, at } = v as Record<string, unknown>;
  if (!Number.isSafeInteger(lastId) || (lastId as number) < 1) return undefined;
  if (typeof lastHash !== 'string' || !/^[0-9a-f]{64}$/.test(lastHash)) return undefined;
  if (!Number.isSafeInteger(count) || (count as number) < 1) return undefined;
  if (typeof at !== 'string' || Number.isNaN(Date.parse(at))) return undefined;
  return { lastId: lastId as number, lastHash, count: count as number, at };
}

/**
 * Every anchor in `dir` (all `anchors-*.jsonl` files), ordered by lastId then time; `unreadable`
 * counts lines that are neither anchors nor statements. A missing directory holds no anchors.
 */
export function readAnchors(dir: string): { anchors: AuditAnchor[]; unreadable: number } {
  const anchors: AuditAnchor[] = [];
  let unreadable = 0;
  for (const line of anchorLines(dir)) {
    const anchor = parseAnchor(line);
    if (anchor) anchors.push(anchor);
    else if (typeof parseLine(line)?.statement !== 'string') unreadable++;
  }
  anchors.sort((a, b) => a.lastId - b.lastId || (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return { anchors, unreadable };
}

/** The non-empty lines of every anchor file in `dir`, file by file (by day); none when the directory is missing. */
function anchorLines(dir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => FILE_RE.test(n));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return names.sort().flatMap((name) => fs.readFileSync(path.join(dir, name), 'utf8').split('\n').filter((line) => line.trim() !== ''));
}
