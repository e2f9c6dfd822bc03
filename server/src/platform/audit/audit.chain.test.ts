import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asc, eq, gte, sql } from 'drizzle-orm';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { inTransaction } from '../../db/sql.js';
import { TEST_SECRET_KEY } from '../../test/app.js';
import { openTestDatabase } from '../../test/database.js';
import type { RequestContext } from '../access/actor.js';
import { secretKeyOf } from '../secrets/secret-key.js';
import { readAnchors } from './audit.anchors.js';
import { GENESIS_HASH, eventHash, keyedEventHash } from './audit.hash.js';
import { auditEvents } from './audit.schema.js';
import { makeAuditService } from './audit.service.js';
import { REKEYED_ACTION } from './audit.verify.js';

const KEY = secretKeyOf(Buffer.from(TEST_SECRET_KEY, 'hex'), 'env').derive('audit-chain');
const ctx: RequestContext = { actor: null, ip: '10.0.0.1', requestId: 'req-test' };

const opened: Database[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const database of opened.splice(0)) await database.close();
});
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh migrated database and an audit service with its own anchor directory. */
async function fresh(key = KEY) {
  const database = await openTestDatabase();
  opened.push(database);
  const anchorDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zj-anchors-'));
  dirs.push(anchorDir);
  return { database, db: database.db, anchorDir, audit: makeAuditService({ key, anchorDir }) };
}

type Fresh = Awaited<ReturnType<typeof fresh>>;

/** `n` events, in one transaction. */
async function recordMany({ db, audit }: Fresh, n: number, action = 'test.filler') {
  await inTransaction(db, async (tx) => {
    for (let i = 0; i < n; i++) await audit.record(tx, ctx, { action, targetId: String(i), after: { i } });
  });
}

const rows = (db: Database['db']) => db.select().from(auditEvents).orderBy(asc(auditEvents.id));

/**
 * What an intruder without the key does: recomputes every hash from `fromId` to `toId` with
 * `hash`, so that every link up to `toId` is right. Later events are left as they are.
 */
async function rehash(db: Database['db'], fromId: number, toId: number, hash: (prevHash: string, row: typeof auditEvents.$inferSelect) => string) {
  let prevHash = GENESIS_HASH;
  for (const row of await rows(db)) {
    if (row.id >= fromId && row.id <= toId) {
      const h = hash(prevHash, row);
      await db.update(auditEvents).set({ prevHash, hash: h }).where(eq(auditEvents.id, row.id));
      prevHash = h;
    } else {
      prevHash = row.hash;
    }
  }
}

/** Rows of the first, unkeyed form, as a database written before keying holds them. */
async function insertLegacy(db: Database['db'], n: number) {
  let prevHash = GENESIS_HASH;
  for (let i = 0; i < n; i++) {
    const fields = { at: new Date(Date.UTC(2026, 0, 1, 0, i)), actorId: null, actorName: 'system', orgId: null, regionCode: null, action: 'legacy.event', targetType: null, targetId: String(i), before: null, after: { i }, ip: null, requestId: null };
    const hash = eventHash(prevHash, fields);
    await db.insert(auditEvents).values({ ...fields, prevHash, hash });
    prevHash = hash;
  }
}

describe('keyed audit chain', () => {
  it('keys a new chain from its first event with HMAC-SHA256', async () => {
    const f = await fresh();
    await recordMany(f, 3);
    const [first, second] = await rows(f.db);
    expect(first!.prevHash).toBe(GENESIS_HASH);
    expect(first!.hash).toBe(keyedEventHash(KEY, GENESIS_HASH, first!));
    expect(first!.hash).not.toBe(eventHash(GENESIS_HASH, first!));
    expect(second!.prevHash).toBe(first!.hash);
    expect(await f.audit.verify(f.db)).toMatchObject({ ok: true, checked: 3, keyedFrom: String(first!.id), firstBroken: null });
  });

  it('catches event 260 given another actor and every later hash recomputed without the key (hash_mismatch)', async () => {
    const f = await fresh();
    await recordMany(f, 300);
    const [victim] = await f.db.select().from(auditEvents).where(eq(auditEvents.id, 260));
    expect(victim).toBeDefined();
    expect((await f.audit.verify(f.db)).ok).toBe(true);

    await f.db.update(auditEvents).set({ actorName: 'intruder' }).where(eq(auditEvents.id, 260));
    await rehash(f.db, 260, Infinity, (prevHash, row) => eventHash(prevHash, row));
    // Every link and every unkeyed hash is right again: what the unkeyed chain accepted.
    const all = await rows(f.db);
    expect(all.filter((r) => r.id >= 260).every((r, i, a) => r.hash === eventHash(r.prevHash, r) && (i === 0 || r.prevHash === a[i - 1]!.hash))).toBe(true);
    expect(await f.audit.verify(f.db, 100)).toMatchObject({ ok: false, checked: 259, firstBroken: { id: '260', reason: 'hash_mismatch' } });

    // Nor does an HMAC with a guessed key help.
    const guessed = Buffer.alloc(32, 7);
    await rehash(f.db, 260, Infinity, (prevHash, row) => keyedEventHash(guessed, prevHash, row));
    expect(await f.audit.verify(f.db)).toMatchObject({ ok: false, firstBroken: { id: '260', reason: 'hash_mismatch' } });
  });

  it('catches an anchored event rewritten even with the key', async () => {
    const f = await fresh();
    await recordMany(f, 30);
    const { anchor } = (await f.audit.anchor(f.db))!;
    await f.db.update(auditEvents).set({ actorName: 'intruder' }).where(eq(auditEvents.id, 10));
    await rehash(f.db, 10, Infinity, (prevHash, row) => keyedEventHash(KEY, prevHash, row));
    expect(await f.audit.verify(f.db)).toMatchObject({ ok: false, firstBroken: { id: String(anchor.lastId), reason: 'hash_mismatch' } });
  });

  it('catches the newest 20 events deleted (anchor_missing), even after new events hide the cut', async () => {
    const f = await fresh();
    await recordMany(f, 60);
    const written = (await f.audit.anchor(f.db))!;
    expect(written.anchor).toMatchObject({ lastId: 60, count: 60 });
    expect(await f.audit.verify(f.db)).toMatchObject({ ok: true, checked: 60, anchors: { checked: 1, unreadable: 0, latest: { lastId: '60', at: written.anchor.at } } });

    await f.db.execute(sql`delete from audit_events where id in (select id from audit_events order by id desc limit 20)`);
    expect(await f.audit.verify(f.db)).toMatchObject({ ok: false, checked: 40, firstBroken: { id: '60', reason: 'anchor_missing' } });

    // New events link to the new tail and are correctly keyed; the anchor still misses event 60.
    await recordMany(f, 5);
    expect(await f.audit.verify(f.db)).toMatchObject({ ok: false, firstBroken: { id: '60', reason: 'anchor_missing' } });

    // Without the anchor the cut is invisible: the anchors are what catch it.
    const blind = makeAuditService({ key: KEY, anchorDir: path.join(f.anchorDir, 'none') });
    expect((await blind.verify(f.db)).ok).toBe(true);
  });

  it('continues an unkeyed chain with an audit.rekeyed event that records its last hash, without rewriting it', async () => {
    const f = await fresh();
    await insertLegacy(f.db, 5);
    const legacy = await rows(f.db);
    await recordMany(f, 2, 'test.after');
    const all = await rows(f.db);
    expect(all.slice(0, 5)).toEqual(legacy);
    const [rekeyed, next, last] = all.slice(5);
    expect(rekeyed).toMatchObject({ id: 6, action: REKEYED_ACTION, actorName: 'system', prevHash: legacy[4]!.hash, targetType: 'audit_event', targetId: '5', after: { lastId: 5, lastHash: legacy[4]!.hash, count: 5 } });
    expect(rekeyed!.hash).toBe(keyedEventHash(KEY, legacy[4]!.hash, rekeyed!));
    expect(next).toMatchObject({ action: 'test.after', prevHash: rekeyed!.hash });
    expect(last).toMatchObject({ action: 'test.after', prevHash: next!.hash });
    expect(all.filter((r) => r.action === REKEYED_ACTION)).toHaveLength(1);
    expect(await f.audit.verify(f.db, 2)).toMatchObject({ ok: true, checked: 8, keyedFrom: '6', firstBroken: null });

    // The unkeyed prefix is checked as before...
    await f.db.update(auditEvents).set({ after: { i: 99 } }).where(eq(auditEvents.id, 3));
    expect(await f.audit.verify(f.db)).toMatchObject({ ok: false, firstBroken: { id: '3', reason: 'hash_mismatch' } });
    // ...and re-hashing it without the key breaks the link to the rekeyed event, which pins its last hash.
    await rehash(f.db, 3, 5, (prevHash, row) => eventHash(prevHash, row));
    expect(await f.audit.verify(f.db)).toMatchObject({ ok: false, firstBroken: { id: '6', reason: 'chain_broken' } });
  });

  it('refuses a chain whose keyed part was removed and replaced by unkeyed events', async () => {
    const f = await fresh();
    await insertLegacy(f.db, 5);
    await recordMany(f, 3);
    // The intruder deletes the rekeyed event and everything after it, and appends unkeyed events.
    await f.db.delete(auditEvents).where(gte(auditEvents.id, 6));
    await insertLegacyAfter(f.db, 2);
    expect(await f.audit.verify(f.db)).toMatchObject({ ok: false, keyedFrom: null, firstBroken: { reason: 'hash_mismatch' } });
  });

  it('ensureKeyed closes an unkeyed chain once; a wrong key never verifies', async () => {
    const f = await fresh();
    await insertLegacy(f.db, 4);
    await f.audit.ensureKeyed(f.db);
    await f.audit.ensureKeyed(f.db);
    await recordMany(f, 1);
    const all = await rows(f.db);
    expect(all.map((r) => r.action)).toEqual(['legacy.event', 'legacy.event', 'legacy.event', 'legacy.event', REKEYED_ACTION, 'test.filler']);
    expect((await f.audit.verify(f.db)).ok).toBe(true);
    const other = makeAuditService({ key: Buffer.alloc(32, 1), anchorDir: f.anchorDir });
    expect(await other.verify(f.db)).toMatchObject({ ok: false, firstBroken: { id: '5', reason: 'hash_mismatch' } });
  });

  it('writes anchors as appended lines of a daily file and reads them back', async () => {
    const f = await fresh();
    expect(await f.audit.anchor(f.db)).toBeNull();
    await recordMany(f, 3);
    const a = (await f.audit.anchor(f.db))!;
    await recordMany(f, 2);
    const b = (await f.audit.anchor(f.db))!;
    expect(path.dirname(a.file)).toBe(f.anchorDir);
    expect(path.basename(a.file)).toBe(`anchors-${a.anchor.at.slice(0, 10)}.jsonl`);
    expect(b.anchor).toMatchObject({ lastId: 5, count: 5 });
    const files = fs.readdirSync(f.anchorDir);
    const lines = files.flatMap((name) => fs.readFileSync(path.join(f.anchorDir, name), 'utf8').trim().split('\n'));
    expect(lines.map((l) => JSON.parse(l))).toEqual([a.anchor, b.anchor]);
    fs.appendFileSync(a.file, 'not an anchor\n{"lastId":-1}\n');
    expect(readAnchors(f.anchorDir)).toEqual({ anchors: [a.anchor, b.anchor], unreadable: 2 });
    expect(await f.audit.verify(f.db)).toMatchObject({ ok: true, anchors: { checked: 2, unreadable: 2 } });
  });

  it('keeps one chain under concurrent appends, and rekeys an unkeyed chain exactly once', async () => {
    const f = await fresh();
    await insertLegacy(f.db, 3);
    await Promise.all(Array.from({ length: 20 }, (_, i) => inTransaction(f.db, (tx) => f.audit.record(tx, ctx, { action: 'test.parallel', targetId: String(i) }))));
    const all = await rows(f.db);
    expect(all.filter((r) => r.action === REKEYED_ACTION)).toHaveLength(1);
    expect(all.filter((r) => r.action === 'test.parallel')).toHaveLength(20);
    expect(await f.audit.verify(f.db)).toMatchObject({ ok: true, checked: 24, keyedFrom: '4' });
  });
});

/** Unkeyed events appended to whatever the chain ends with now. */
async function insertLegacyAfter(db: Database['db'], n: number) {
  const all = await rows(db);
  let prevHash = all.at(-1)?.hash ?? GENESIS_HASH;
  for (let i = 0; i < n; i++) {
    const fields = { at: new Date(), actorId: null, actorName: 'intruder', orgId: null, regionCode: null, action: 'forged.event', targetType: null, targetId: String(i), before: null, after: null, ip: null, requestId: null };
    const hash = eventHash(prevHash, fields);
    await db.insert(auditEvents).values({ ...fields, prevHash, hash });
    prevHash = hash;
  }
}
