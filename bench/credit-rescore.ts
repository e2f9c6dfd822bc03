/**
 * Issue 20's number: the nightly re-scoring of every enterprise (`rescoreAll`: the aggregates in
 * SQL, one statement per 50,000 enterprises) against a plain `UPDATE enterprises SET credit_class =
 * …` of every row, in the same run on the same fresh PostgreSQL database (target: ratio ≤ 3); then
 * the minute run (`rescoreEvents`) with nothing new recorded, against the nightly run with nothing
 * changed (target ≤ 0.05: it runs every minute, so it must not cost a fraction of a night's work).
 *
 * Standalone: `BENCH_CREDIT_ENTERPRISES=100000 npx tsx bench/credit-rescore.ts` (PostgreSQL at
 * `BENCH_PG_URL`, as the other benches; the database `zj_bench_<random>` is created, migrated and
 * dropped). `run.ts` may call `measureCreditRescore` too. The register is generated in SQL: every
 * enterprise in one of the eight counties; 30 % with a third-party rating (a `credit.rating` event),
 * 1 % listed (`credit.listed`), 0.5 % with an override in force. The other modules' event sources
 * read their own (empty) tables: their cost here is that of an empty scan per chunk.
 */
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../server/src/db/client.js';
import { rescoreAll, rescoreEvents } from '../server/src/modules/credit/model/scoring.js';
import { createBenchDatabase } from './postgres.js';

const COUNTIES = ['320803', '320804', '320812', '320813', '320826', '320830', '320831', '320871'];

export interface CreditRescoreMeasurement {
  enterprises: number;
  /** `UPDATE enterprises SET credit_class = …` of every row, ms. */
  plainUpdateMs: number;
  /** The first nightly run (every score row inserted, every class written), ms. */
  firstRunMs: number;
  /** A second nightly run right after (nothing changed: scores compared, nothing written), ms. */
  secondRunMs: number;
  /** firstRunMs ÷ plainUpdateMs (target ≤ 3). */
  ratio: number;
  secondRatio: number;
  firstRun: { scored: number; changed: number; classChanged: number };
  /** The minute run (`rescoreEvents`) when nothing new was recorded, after the nightly runs (median of 5), ms. */
  idleMinuteMs: number;
  /** idleMinuteMs ÷ secondRunMs (the nightly run with nothing changed). */
  idleMinuteRatio: number;
}

const positiveInt = (name: string, fallback: number) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a positive integer`);
  return v;
};

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: Math.round(performance.now() - started), value };
}

/** Generates the register and the credit module's own records in a migrated database. */
async function generate(exec: (q: ReturnType<typeof sql>) => Promise<unknown>, n: number) {
  await exec(sql`insert into regions (code, name, parent_code, level) values ('320800', '淮安市', null, 2) on conflict do nothing`);
  for (const c of COUNTIES) await exec(sql`insert into regions (code, name, parent_code, level) values (${c}, ${`县区${c}`}, '320800', 3) on conflict do nothing`);
  await exec(sql`insert into enterprises (uscc, name, region_code, status)
    select '91' || (${sql.raw(`array['${COUNTIES.join("','")}']`)})[1 + i % 8] || lpad(to_hex(i), 10, '0'), '基准企业' || i || '有限公司',
      (${sql.raw(`array['${COUNTIES.join("','")}']`)})[1 + i % 8], 'active'
    from generate_series(1, ${n}) i`);
  await exec(sql`insert into credit_evaluators (name, uscc) values ('基准信用评价机构', '91320800BENCH00001')`);
  await exec(sql`insert into credit_ratings (evaluator_id, enterprise_id, uscc, region_code, grade, rated_on, valid_until, report_no, entered_by_name)
    select (select id from credit_evaluators limit 1), e.id, e.uscc, e.region_code, (array['AAA','AA','A','B','C'])[1 + abs(hashtext(e.uscc)) % 5],
      current_date - (abs(hashtext(e.uscc || 'r')) % 700), current_date + 365, 'R' || e.uscc, 'bench'
    from enterprises e where abs(hashtext(e.uscc)) % 10 < 3`);
  await exec(sql`insert into credit_listings (listing_no, enterprise_id, uscc, region_code, enterprise_name, source, reason, legal_basis, status, proposed_by_name, listed_on, until)
    select 'SXB' || e.uscc, e.id, e.uscc, e.region_code, e.name, 'manual', '基准', '基准', 'listed', 'bench', current_date - 30, current_date + 1000
    from enterprises e where abs(hashtext(e.uscc || 'l')) % 100 = 0`);
  await exec(sql`insert into credit_overrides (enterprise_id, uscc, region_code, class, reason, until, created_by_name)
    select e.id, e.uscc, e.region_code, 'C', '基准', current_date + 100, 'bench' from enterprises e where abs(hashtext(e.uscc || 'o')) % 200 = 0`);
  // Entered before tonight, as a real register's records are: the minute run looks only at what is recorded after its cursor.
  await exec(sql`update credit_ratings set created_at = created_at - interval '1 day'`);
  await exec(sql`update credit_listings set created_at = created_at - interval '1 day', updated_at = updated_at - interval '1 day'`);
  await exec(sql`vacuum analyze`);
}

/** Measures on a fresh database at `pgUrl` (a maintenance URL allowed to create databases). */
export async function measureCreditRescore(pgUrl: string, n: number, log: (m: string) => void = console.error): Promise<CreditRescoreMeasurement> {
  const bench = await createBenchDatabase(pgUrl);
  const database = await openDatabase({ databaseUrl: bench.url });
  try {
    await database.migrate(fileURLToPath(new URL('../server/drizzle', import.meta.url)));
    const exec = (q: ReturnType<typeof sql>) => database.db.execute(q);
    log(`credit: generating ${n} enterprises in ${bench.name}`);
    await generate(exec, n);
    const plain = await timed(() => exec(sql`update enterprises set credit_class = 'B'`));
    log(`credit: plain UPDATE of ${n} rows: ${plain.ms} ms`);
    await exec(sql`update enterprises set credit_class = null`);
    await exec(sql`vacuum analyze enterprises`);
    const first = await timed(() => rescoreAll(database.db));
    log(`credit: first nightly run: ${first.ms} ms (${JSON.stringify(first.value)})`);
    await exec(sql`vacuum analyze`);
    const second = await timed(() => rescoreAll(database.db));
    log(`credit: second nightly run: ${second.ms} ms`);
    await rescoreEvents(database.db); // the first events run starts from the nightly run
    const idle: number[] = [];
    for (let i = 0; i < 5; i++) idle.push((await timed(() => rescoreEvents(database.db))).ms);
    const idleMinuteMs = idle.sort((a, b) => a - b)[2]!;
    log(`credit: idle minute run (nothing new): ${idleMinuteMs} ms (median of ${idle.join(', ')})`);
    const { scored, changed, classChanged } = first.value;
    return {
      enterprises: n,
      plainUpdateMs: plain.ms,
      firstRunMs: first.ms,
      secondRunMs: second.ms,
      ratio: Math.round((first.ms / plain.ms) * 100) / 100,
      secondRatio: Math.round((second.ms / plain.ms) * 100) / 100,
      firstRun: { scored, changed, classChanged },
      idleMinuteMs,
      idleMinuteRatio: Math.round((idleMinuteMs / second.ms) * 1000) / 1000,
    };
  } finally {
    await database.close();
    await bench.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = positiveInt('BENCH_CREDIT_ENTERPRISES', 1_000_000);
  const pgUrl = process.env.BENCH_PG_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/postgres';
  const m = await measureCreditRescore(pgUrl, n);
  console.log(JSON.stringify(m, null, 2));
}
