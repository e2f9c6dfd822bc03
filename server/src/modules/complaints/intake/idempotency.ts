import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { keyedHash, sha256 } from './codes.js';
import { complaintIdempotency } from './idempotency.schema.js';

/** How long a key answers its first answer again (and then may be used anew). */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;
export const IDEMPOTENCY_KEY_MAX = 200;

/** JSON with every object's keys sorted and undefined left out: the same body gives the same text whatever the order of its fields. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The hash a repeated request must match: the channel, the body as canonical JSON and each file's name and SHA-256, in order. */
export function requestHash(channel: string, input: unknown, files: readonly { fileName: string; content: Buffer }[]): string {
  return sha256(canonicalJson({ channel, input, files: files.map((f) => ({ name: f.fileName, sha256: sha256(f.content) })) }));
}

/** The stored key: a keyed hash of the client and its key, so neither is readable in the table. */
export const idempotencyKeyHash = (hashKey: Buffer, client: string, key: string) => keyedHash(hashKey, 'idempotency', `${client}\u0000${key}`);

const cutoff = (now: Date) => new Date(now.getTime() - IDEMPOTENCY_TTL_MS);

/** The key's row if it is younger than a day. */
export async function freshEntry(tx: Db, keyHash: string, now = new Date()) {
  const [row] = await tx
    .select()
    .from(complaintIdempotency)
    .where(and(eq(complaintIdempotency.keyHash, keyHash), gt(complaintIdempotency.createdAt, cutoff(now))));
  return row ?? null;
}

/**
 * Records the first answer under the key. False when another request holds the key already (a
 * concurrent one waits here for the other's commit): its transaction must then roll back. A row
 * older than a day is taken over.
 */
export async function claimKey(tx: Db, entry: typeof complaintIdempotency.$inferInsert, now = new Date()): Promise<boolean> {
  const rows = await tx
    .insert(complaintIdempotency)
    .values({ ...entry, createdAt: now })
    .onConflictDoUpdate({
      target: complaintIdempotency.keyHash,
      set: { bodyHash: entry.bodyHash, trackingNo: entry.trackingNo, accessCodeSealed: entry.accessCodeSealed, open311TokenSealed: entry.open311TokenSealed ?? null, createdAt: now },
      setWhere: lt(complaintIdempotency.createdAt, cutoff(now)),
    })
    .returning({ keyHash: complaintIdempotency.keyHash });
  return rows.length === 1;
}

/** Removes the rows older than a day (called now and then by submissions). */
export async function purgeExpired(db: Db, now = new Date()): Promise<number> {
  const rows = await db.delete(complaintIdempotency).where(lt(complaintIdempotency.createdAt, cutoff(now))).returning({ keyHash: complaintIdempotency.keyHash });
  return rows.length;
}

/** For tests: makes a key's row look `ms` older. */
export async function ageEntry(db: Db, keyHash: string, ms: number) {
  await db
    .update(complaintIdempotency)
    .set({ createdAt: sql`${complaintIdempotency.createdAt} - make_interval(secs => ${ms / 1000})` })
    .where(eq(complaintIdempotency.keyHash, keyHash));
}
