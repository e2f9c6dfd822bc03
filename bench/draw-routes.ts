import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { makeServices } from '../server/src/app.js';
import type { Database } from '../server/src/db/client.js';
import type { Actor } from '../server/src/platform/access/actor.js';
import zlib from 'node:zlib';
import { verifyDrawRecord } from '../packages/draw-verify/zhijian-verify.mjs';
import { poolMembersWhere } from '../server/src/modules/inspections/pools/pools.service.js';
import { type SqlTrace, type StatementTime, pgliteOf } from './sql-trace.js';

type Services = ReturnType<typeof makeServices>;

/** The columns of the draw's register file, in its order, as columns of `enterprises`. */
export const DRAW_CSV_COLUMNS = ['uscc', 'name', 'legal_representative', 'address', 'region_code', 'status', 'established_on', 'industry_code', 'credit_class'];

/** The region every draw object and the pool lie in: Huai'an (the whole generated register). */
export const DRAW_REGION = '320800';

/** What one measured draw took, inside the server (ms). */
export interface DrawTiming {
  planId: string;
  drawId: string;
  /** `select uscc from enterprises where <pool filter> order by uscc`, every row fetched. */
  baselineMs: number;
  baselineRows: number;
  commitMs: number;
  revealMs: number;
  totalMs: number;
  /** The selection's tasks, created just after the reveal (`services.draws.createPendingTasks`, as the reveal route does); 0 when the reveal created them. */
  tasksMs: number;
  strata: { name: string; n: number; k: number }[];
  selected: number;
  assignments: number;
  tasks: number;
  /** SQL statements of the commit and the reveal by time (top 8): where the draw waits on the database. */
  sql: { totalMs: number; statements: StatementTime[] };
  /** The public record built once after the reveal and stored (what GET /api/public/draws/:id serves): build time, JSON and gzip sizes. */
  record: { ms: number; mb: number; gzMb: number };
  /** Replayed with the standalone verifier (packages/draw-verify) from the served record, when asked; null = valid. */
  verify?: { mismatch: string | null; ms: number };
}

export interface DrawSetup {
  itemId: string;
  poolId: string;
  inspectors: number;
  conflicts: number;
  setupMs: number;
}

/**
 * Bench-only routes of the draw benchmark (issue 5): load a register with credit classes by COPY,
 * create the item, inspectors and pool through the services, and run one draw — commit then reveal
 * through `services.draws` exactly as the API handlers call them — timed inside the server with
 * its baseline query on the same driver.
 */
export function registerDrawRoutes(app: FastifyInstance, deps: { database: Database; services: Services; trace: SqlTrace }) {
  const { database, services } = deps;
  const run = (text: string, values?: unknown[]) => database.executeSql(text, values);
  let admin: Actor | undefined;
  const adminCtx = async () => {
    if (!admin) {
      const user = (await services.users.byUsername('admin'))!;
      admin = (await services.users.loadActor(user.id))! as Actor;
    }
    return { actor: admin };
  };

  /** COPY of the generated file straight into `enterprises` (no history, no audit: bench data), then ANALYZE and CHECKPOINT. */
  app.post('/bench/draw/load', async (request) => {
    const { file } = request.body as { file: string };
    const copy = `copy enterprises (${DRAW_CSV_COLUMNS.join(', ')}) from `;
    const startedAt = performance.now();
    if (database.kind === 'postgres') {
      await run(`${copy}'${file.replace(/'/g, "''")}' with (format csv, header)`);
    } else {
      const blob = await fs.openAsBlob(file);
      await pgliteOf(database).query(`${copy}'/dev/blob' with (format csv, header)`, [], { blob });
    }
    const copyMs = Math.round(performance.now() - startedAt);
    await run('analyze enterprises');
    await run('checkpoint');
    const { rows } = await run(`select coalesce(credit_class, '未分类') as stratum, count(*)::int as n from enterprises group by 1 order by 1`);
    return { copyMs, ms: Math.round(performance.now() - startedAt), strata: rows };
  });

  /**
   * The item, `inspectors` inspectors spread over the city bureau and the county bureaus (some
   * with a specialty the item does not need, some on leave in the past, each with a few declared
   * conflicts drawn from the register), and a pool of the whole city.
   */
  app.post('/bench/draw/setup', async (request): Promise<DrawSetup> => {
    const { inspectors, conflictsPerInspector } = request.body as { inspectors: number; conflictsPerInspector: number };
    const startedAt = performance.now();
    const ctx = await adminCtx();
    const page = { page: 1, pageSize: 100 };
    const section = (await services.jurisdiction.listOrgs(ctx.actor, { type: 'city_section' }, page)).items[0]!;
    const bureaus = [
      ...(await services.jurisdiction.listOrgs(ctx.actor, { type: 'city_bureau' }, page)).items,
      ...(await services.jurisdiction.listOrgs(ctx.actor, { type: 'county_bureau' }, page)).items,
    ].filter((o) => o.regionCode.startsWith(DRAW_REGION.slice(0, 4)));
    if (bureaus.length === 0) throw new Error('no bureau in the draw region');
    const item = await services.inspectionItems.create(ctx, {
      name: `产品质量监督抽查（基准）${Date.now()}`,
      sectionId: section.id,
      legalBasis: '《中华人民共和国产品质量法》第十五条',
      targetKind: 'enterprise',
      checklist: [{ key: 'licence_valid', text: '是否持有有效许可证', answerType: 'yes_no', required: true, finding: { text: '无有效许可证', severity: 'major' } }],
      resultCategories: ['未发现问题', '发现问题已责令整改'],
    });
    // Conflicts: every 997th enterprise (by USCC) of the register, dealt out to the inspectors.
    const conflictRows = (await run(`select uscc from (select uscc, row_number() over (order by uscc) as i from enterprises) t where i % 997 = 0 limit $1`, [inspectors * conflictsPerInspector])).rows as { uscc: string }[];
    let conflicts = 0;
    for (let i = 0; i < inspectors; i++) {
      const org = bureaus[i % bureaus.length]!;
      const user = await services.users.create(ctx, { username: `bench_inspector_${i}`, password: 'Bench#Inspector2026', displayName: `检查员${i}`, orgId: org.id, roles: ['inspector'] });
      const mine = conflictRows.slice(i * conflictsPerInspector, (i + 1) * conflictsPerInspector).map((r) => r.uscc);
      conflicts += mine.length;
      await services.inspectors.put(ctx, user.id, {
        certificateNo: `苏执基准${String(i).padStart(4, '0')}`,
        specialties: i % 3 === 0 ? ['特种设备'] : ['产品质量'],
        activePeriods: i % 10 === 9 ? [{ from: '2020-01-01', to: '2020-12-31' }, { from: '2021-06-01', to: null }] : [],
        conflicts: mine,
      });
    }
    const pool = await services.pools.create(ctx, { name: `淮安全市企业（基准）${Date.now()}`, filter: {}, regionCode: DRAW_REGION });
    return { itemId: item.id, poolId: pool.id, inspectors, conflicts, setupMs: Math.round(performance.now() - startedAt) };
  });

  /**
   * One measured draw on a fresh plan (ratio mode, `ratio` % of every class): the baseline query,
   * then commit, then reveal with a witness input, each timed here. With `verify`, the public
   * record is read back and replayed (not timed).
   */
  app.post('/bench/draw/run', async (request): Promise<DrawTiming> => {
    const { itemId, poolId, ratio, verify, index } = request.body as { itemId: string; poolId: string; ratio: number; verify: boolean; index: number };
    const ctx = await adminCtx();
    const plan = await services.plans.create(ctx, { name: `基准抽查计划 ${index} ${Date.now()}`, year: 2026, itemId, poolId, quarters: [4], mode: 'ratio', ratios: { A: ratio, B: ratio, C: ratio, D: ratio } });
    const pool = await services.pools.find(database.db, ctx.actor, poolId);

    // The baseline: the pool's keys in key order, fetched completely through the same driver.
    let startedAt = performance.now();
    const baseline = (await database.db.execute(sql`select uscc from enterprises where ${poolMembersWhere(pool)} order by uscc`)) as unknown as { rows: unknown[] };
    const baselineMs = performance.now() - startedAt;

    deps.trace.start();
    startedAt = performance.now();
    const committed = await services.draws.commit(ctx, plan.id);
    const commitMs = performance.now() - startedAt;

    startedAt = performance.now();
    const revealed = await services.draws.reveal(ctx, committed.id, '见证人：基准 2026-11-28');
    const revealMs = performance.now() - startedAt;
    const statements = deps.trace.stop();

    startedAt = performance.now();
    if (!revealed.tasksCreatedAt) await services.draws.createPendingTasks(committed.id);
    const tasksMs = revealed.tasksCreatedAt ? 0 : performance.now() - startedAt;

    startedAt = performance.now();
    const doc = await services.drawRecords.publicDocument(committed.id);
    const recordMs = performance.now() - startedAt;
    const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;

    const { rows: taskRows } = await run('select count(*)::int as n from inspection_tasks where draw_id = $1', [committed.id]);
    const timing: DrawTiming = {
      planId: plan.id,
      drawId: committed.id,
      baselineMs: Math.round(baselineMs),
      baselineRows: baseline.rows.length,
      commitMs: Math.round(commitMs),
      revealMs: Math.round(revealMs),
      totalMs: Math.round(commitMs + revealMs),
      tasksMs: Math.round(tasksMs),
      strata: revealed.strata.map((s) => ({ name: s.name, n: s.n, k: s.k })),
      selected: revealed.selectedCount ?? 0,
      assignments: 0,
      tasks: (taskRows[0] as { n: number }).n,
      sql: { totalMs: Math.round(statements.reduce((sum, st) => sum + st.ms, 0)), statements: statements.slice(0, 8) },
      record: { ms: Math.round(recordMs), mb: mb(doc.bytes), gzMb: mb(doc.body.length) },
    };
    const record = JSON.parse(zlib.gunzipSync(doc.body).toString('utf8')) as { assignments: unknown[] };
    timing.assignments = record.assignments.length;
    if (verify) {
      const verifyStarted = performance.now();
      const result = await verifyDrawRecord(record);
      timing.verify = { mismatch: result.ok ? null : `${result.field}: ${result.message.slice(0, 300)}`, ms: Math.round(performance.now() - verifyStarted) };
    }
    return timing;
  });
}
