import { type SQL, and, desc, eq, inArray, isNull, lt, lte, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { inTransaction } from '../../../db/sql.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { enterprises } from '../../enterprises/index.js';
import { type ClassChangeCause, creditModels, creditOverrides, creditRuns } from '../credit.schema.js';
import { creditEventsSql } from '../events/credit-events.js';
import type { CreditModelConfig } from './model-config.js';
import { type ScoreTarget, scoreStatement } from './score-sql.js';

/** Enterprises per statement of the nightly run (a range of USCCs). */
export const CHUNK_SIZE = 50_000;
/** Enterprises per statement of the events run and of `rescore`. */
const IDS_PER_STATEMENT = 5_000;

export interface ModelVersion {
  version: number;
  effectiveFrom: string;
  config: CreditModelConfig;
}

export interface ScoreCounts {
  scored: number;
  changed: number;
  classChanged: number;
}

const zero = (): ScoreCounts => ({ scored: 0, changed: 0, classChanged: 0 });
const add = (a: ScoreCounts, b: ScoreCounts) => ({ scored: a.scored + b.scored, changed: a.changed + b.changed, classChanged: a.classChanged + b.classChanged });

/** The version in effect on `day`: the latest `effectiveFrom` on or before it, then the highest version. */
export async function modelInEffect(db: Db, day: string): Promise<ModelVersion | null> {
  const [row] = await db
    .select({ version: creditModels.version, effectiveFrom: creditModels.effectiveFrom, config: creditModels.config })
    .from(creditModels)
    .where(lte(creditModels.effectiveFrom, day))
    .orderBy(desc(creditModels.effectiveFrom), desc(creditModels.version))
    .limit(1);
  return row ? { ...row, config: row.config as unknown as CreditModelConfig } : null;
}

async function run(tx: Db, model: ModelVersion, today: string, cause: ClassChangeCause, target: ScoreTarget): Promise<ScoreCounts> {
  // The union of every source makes the planner's estimates large enough to start JIT compilation,
  // which costs far more than the statement itself (seconds of LLVM for a few hundred ms of work).
  await tx.execute(sql`set local jit = off`);
  // The reasons' sorts of a 50,000-enterprise chunk fit in memory rather than spilling to disk.
  await tx.execute(sql`set local work_mem = '64MB'`);
  const { rows } = (await tx.execute(scoreStatement({ config: model.config, version: model.version, today, cause }, target))) as unknown as { rows: ScoreCounts[] };
  const r = rows[0]!;
  return { scored: Number(r.scored), changed: Number(r.changed), classChanged: Number(r.classChanged) };
}

/**
 * Scores these enterprises in the caller's transaction (a few statements of up to 5,000 each) with
 * the model in effect on `today` (or the one given).
 */
export async function rescoreIds(tx: Db, enterpriseIds: string[], cause: ClassChangeCause, today = todayInChina(), given?: ModelVersion): Promise<ScoreCounts> {
  const ids = [...new Set(enterpriseIds)];
  if (ids.length === 0) return zero();
  const model = given ?? (await modelInEffect(tx, today));
  if (!model) return zero();
  let counts = zero();
  for (let i = 0; i < ids.length; i += IDS_PER_STATEMENT) {
    const part = ids.slice(i, i + IDS_PER_STATEMENT);
    const usccs = (await tx.select({ uscc: enterprises.uscc }).from(enterprises).where(inArray(enterprises.id, part))).map((r) => r.uscc);
    if (usccs.length === 0) continue;
    const target = { enterprises: sql`e.id = any(${sql.param(part)}::uuid[])`, events: sql`ev.uscc = any(${sql.param(usccs)}::text[])` };
    counts = add(counts, await run(tx, model, today, cause, target));
  }
  return counts;
}

async function startRun(db: Db, kind: 'all' | 'events', cursor: SQL | null) {
  const [row] = await db.insert(creditRuns).values({ kind, cursor }).returning({ id: creditRuns.id, startedAt: creditRuns.startedAt });
  return row!;
}

async function finishRun(db: Db, id: string, counts: ScoreCounts) {
  await db.update(creditRuns).set({ finishedAt: sql`clock_timestamp()`, scored: counts.scored, changed: counts.changed }).where(eq(creditRuns.id, id));
}

/**
 * The nightly run: every enterprise of the register with the model in effect on `today`, in
 * ranges of 50,000 USCCs, each one statement in a transaction of its own; recorded in
 * `credit_runs` (kind `all`). Nothing to do without a model version.
 */
export async function rescoreAll(db: Db, today = todayInChina(), chunkSize = CHUNK_SIZE): Promise<ScoreCounts & { runId: string | null }> {
  const model = await modelInEffect(db, today);
  if (!model) return { ...zero(), runId: null };
  const runRow = await startRun(db, 'all', null);
  let counts = zero();
  let from: string | null = null;
  for (;;) {
    const after: string | null = from;
    const [bound]: { uscc: string }[] = await db
      .select({ uscc: enterprises.uscc })
      .from(enterprises)
      .where(after === null ? undefined : sql`${enterprises.uscc} > ${after}`)
      .orderBy(enterprises.uscc)
      .offset(chunkSize - 1)
      .limit(1);
    const upTo: string | null = bound?.uscc ?? null;
    const range = (column: string) =>
      sql.join([after === null ? sql`true` : sql`${sql.raw(column)} > ${after}`, upTo === null ? sql`true` : sql`${sql.raw(column)} <= ${upTo}`], sql` and `);
    counts = add(counts, await inTransaction(db, (tx) => run(tx, model, today, 'score', { enterprises: range('e.uscc'), events: range('ev.uscc') })));
    if (upTo === null) break;
    from = upTo;
  }
  await finishRun(db, runRow.id, counts);
  return { ...counts, runId: runRow.id };
}

/**
 * How far back each minute run looks before its previous cursor: a record written in a transaction
 * that was still open at the previous run (its `recorded_at` is its transaction's start) is picked up
 * by a later run. Rescoring an enterprise again changes nothing when nothing changed.
 */
const LATE_COMMIT_MINUTES = 10;

/**
 * The minute run, in one transaction (runs are serialised by an advisory lock): ends the overrides
 * whose `until` has passed (`到期`, history cause `override_ended`), then scores the enterprises
 * with events recorded after the previous events run's cursor and up to now (the new cursor). The
 * first events run starts from the last nightly run's start, or only sets the cursor when there
 * was none (the nightly run scores everything before it).
 */
export async function rescoreEvents(db: Db, today = todayInChina()): Promise<ScoreCounts & { expired: number }> {
  return inTransaction(db, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('credit.rescore-events'))`);
    // The cursor stays text with PostgreSQL's microseconds: a JS Date keeps milliseconds, and a record
    // committed in the same millisecond just before this run would fall above a truncated cursor.
    const { rows: clock } = (await tx.execute(sql`select clock_timestamp()::text as now`)) as unknown as { rows: { now: string }[] };
    const cursor = sql`${clock[0]!.now}::timestamptz`;
    const [previous] = await tx.select({ cursor: creditRuns.cursor, startedAt: creditRuns.startedAt, kind: creditRuns.kind }).from(creditRuns).orderBy(sql`${creditRuns.kind} = 'events' desc`, desc(creditRuns.startedAt)).limit(1);
    const since = previous ? (previous.kind === 'events' ? previous.cursor : previous.startedAt) : null;
    const runRow = await startRun(tx, 'events', cursor);

    const expired = await tx
      .update(creditOverrides)
      .set({ endedAt: cursor, endedByName: '系统', endReason: '到期' })
      .where(and(isNull(creditOverrides.endedAt), lt(creditOverrides.until, today)))
      .returning({ enterpriseId: creditOverrides.enterpriseId });
    let counts = await rescoreIds(tx, expired.map((r) => r.enterpriseId), 'override_ended', today);

    if (since) {
      const events = creditEventsSql({ today });
      const { rows } = (await tx.execute(
        sql`select distinct e.id from ${events} as ev join enterprises e on e.uscc = ev.uscc where ev.recorded_at > ${since}::timestamptz - make_interval(mins => ${LATE_COMMIT_MINUTES}) and ev.recorded_at <= ${cursor}`,
      )) as unknown as { rows: { id: string }[] };
      counts = add(counts, await rescoreIds(tx, rows.map((r) => r.id), 'score', today));
    }
    await finishRun(tx, runRow.id, counts);
    // One run a minute: keep a week of them (the latest is always newer).
    await tx.delete(creditRuns).where(and(eq(creditRuns.kind, 'events'), lt(creditRuns.startedAt, sql`${cursor} - interval '7 days'`)));
    return { ...counts, expired: expired.length };
  });
}
