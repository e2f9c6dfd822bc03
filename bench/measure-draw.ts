import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { generateEnterprises } from '../server/src/demo/generator.js';
import { withSyntheticCreditClass } from '../server/src/demo/synthetic-credit.js';
import { DATA_SEED } from './data.js';
import type { DrawSetup, DrawTiming } from './draw-routes.js';
import { benchPost } from './http-client.js';
import type { BenchServer } from './server-process.js';
import { median } from './stats.js';

/** Sampling ratio of every credit class, in percent (issue 5: a draw of 10 %). */
export const DRAW_RATIO = 10;

export interface DrawOptions {
  rows: number;
  repeats: number;
  inspectors: number;
  conflictsPerInspector: number;
}

/** The draw of issue 5 on one database: the register load, the setup, and each measured draw with its baseline. */
export interface DrawMeasurement {
  rows: number;
  ratio: number;
  load: { copyMs: number; ms: number; strata: { stratum: string; n: number }[] };
  setup: DrawSetup;
  runs: DrawTiming[];
  /** Medians over the runs (each figure on its own). */
  median: { commitMs: number; revealMs: number; totalMs: number; baselineMs: number; tasksMs: number };
  /** median total ÷ median baseline. */
  ratioToBaseline: number;
}

/**
 * Writes `rows` generated enterprises (the seed of the register bench, so the same USCCs) with
 * their credit class — A 30 %, B 50 %, C 15 %, D 5 %: four non-empty strata, none unclassified —
 * as a CSV in the column order of DRAW_CSV_COLUMNS.
 */
export async function writeDrawCsv(file: string, rows: number): Promise<void> {
  function* records() {
    for (const e of withSyntheticCreditClass(generateEnterprises({ seed: DATA_SEED, count: rows }), DATA_SEED)) {
      yield [e.uscc, e.name, e.legalRepresentative, e.address, e.regionCode, e.status, e.establishedOn, e.industryCode, e.creditClass];
    }
  }
  await pipeline(Readable.from(records()), stringify({ header: true, columns: ['uscc', 'name', 'legal_representative', 'address', 'region_code', 'status', 'established_on', 'industry_code', 'credit_class'] }), fs.createWriteStream(file));
}

/** Loads the register, sets up the item, inspectors and pool, then runs `repeats` draws on fresh plans. */
export async function measureDraw(server: BenchServer, file: string, o: DrawOptions, log: (message: string) => void): Promise<DrawMeasurement> {
  const load = await benchPost<DrawMeasurement['load']>(server.baseUrl, '/bench/draw/load', { file });
  const loaded = load.strata.reduce((sum, s) => sum + s.n, 0);
  if (loaded !== o.rows) throw new Error(`draw register: loaded ${loaded} rows, expected ${o.rows}`);
  log(`draw: register loaded in ${load.ms} ms (COPY ${load.copyMs} ms): ${load.strata.map((s) => `${s.stratum} ${s.n}`).join(', ')}`);
  const setup = await benchPost<DrawSetup>(server.baseUrl, '/bench/draw/setup', { inspectors: o.inspectors, conflictsPerInspector: o.conflictsPerInspector });
  log(`draw: item, ${setup.inspectors} inspectors (${setup.conflicts} conflicts) and pool in ${setup.setupMs} ms`);
  const runs: DrawTiming[] = [];
  for (let i = 0; i < o.repeats; i++) {
    const run = await benchPost<DrawTiming>(server.baseUrl, '/bench/draw/run', { itemId: setup.itemId, poolId: setup.poolId, ratio: DRAW_RATIO, verify: i === 0, index: i + 1 });
    if (run.baselineRows !== o.rows) throw new Error(`draw baseline fetched ${run.baselineRows} rows, expected ${o.rows}`);
    if (run.tasks !== run.selected || run.assignments !== run.selected) throw new Error(`draw ${run.drawId}: ${run.selected} selected, ${run.assignments} assignments, ${run.tasks} tasks`);
    if (run.verify && run.verify.mismatch !== null) throw new Error(`draw ${run.drawId}: the public record does not verify: ${run.verify.mismatch}`);
    log(
      `draw ${i + 1}/${o.repeats}: commit ${run.commitMs} ms, reveal ${run.revealMs} ms, total ${run.totalMs} ms; tasks after it ${run.tasksMs} ms; baseline ${run.baselineMs} ms; ${run.selected} selected` +
        `; public record built in ${run.record.ms} ms, ${run.record.mb} MB (gzip ${run.record.gzMb} MB)` +
        (run.verify ? `, verified in ${run.verify.ms} ms` : '') +
        `; SQL ${run.sql.totalMs} ms, most in: ${run.sql.statements
          .slice(0, 4)
          .map((st) => `${Math.round(st.ms)} ms ${st.statement.slice(0, 50)}`)
          .join(' | ')}`,
    );
    runs.push(run);
  }
  const med = {
    commitMs: median(runs.map((r) => r.commitMs)),
    revealMs: median(runs.map((r) => r.revealMs)),
    totalMs: median(runs.map((r) => r.totalMs)),
    baselineMs: median(runs.map((r) => r.baselineMs)),
    tasksMs: median(runs.map((r) => r.tasksMs)),
  };
  return { rows: o.rows, ratio: DRAW_RATIO, load, setup, runs, median: med, ratioToBaseline: Math.round((med.totalMs / med.baselineMs) * 100) / 100 };
}
