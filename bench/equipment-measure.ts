import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import type { UnitCopyBaseline, UnitLoad } from './equipment-routes.js';
import type { DemoDueRule } from '../server/src/demo/equipment-generator.js';
import { UNIT_FILE } from './equipment-data.js';
import { type Session, benchPost, json, login, postMultipart, request } from './http-client.js';
import type { BenchServer } from './server-process.js';
import type { StatementTime } from './sql-trace.js';
import { type Latency, latency } from './stats.js';

/** The county whose due list is measured (涟水县, one of eight counties). */
export const DUE_REGION = '320826';
export const DUE_PATH = `/api/equipment/due?within=30&regionCode=${DUE_REGION}&page=1&pageSize=20`;
export const BARE_PATH = `/bench/equipment/due-bare?within=30&regionCode=${DUE_REGION}&page=1&pageSize=20`;
const CONNECTIONS = 20;
const SEQUENTIAL = 300;
const OFFICER_PASSWORD = 'Bench#County2026';

export interface EquipmentOptions {
  units: number;
  importRows: number;
  enterprises: number;
  seconds: number;
}

/** The unit import through the API against a raw COPY of the same file (as the register's import bench). */
export interface UnitImportMeasurement {
  rows: number;
  fileMb: number;
  importMs: number;
  result: unknown;
  peakRssMb: number;
  rssBeforeMb: number;
  copy: UnitCopyBaseline & { clientMs: number };
  /** importMs ÷ copy.ms (target ≤ 1.5). */
  ratio: number;
  sql: { totalMs: number; statements: StatementTime[] };
  outsideSqlMs: number;
}

export interface DueLoadResult {
  path: string;
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP97_5Ms: number;
  latencyP99Ms: number;
  requests: number;
}

/** The due list of one county as a signed-in county officer against the bare route running the same SQL. */
export interface DueMeasurement {
  load: UnitLoad;
  regionCode: string;
  /** Units the first page's `total` reports (county, in use, due within 30 days, overdue included). */
  total: number;
  /** One request at a time (after warm-up): HTTP time per request, ms. p95 of `api` is the target (≤ 50 ms). */
  sequential: { api: Latency; bare: Latency };
  connections: number;
  seconds: number;
  /** Under load, ABBA (bare, api, api, bare), each the mean of its two runs. */
  bare: DueLoadResult & { runs: number[] };
  api: DueLoadResult & { runs: number[] };
  /** api ÷ bare requests per second (target ≥ 0.5). */
  ratio: number;
  /** Statements of one API request (the trace, after warm-up): what the route runs. */
  sql: StatementTime[];
}

export interface EquipmentMeasurement {
  enterprises: number;
  register: { ms: number; n: number; users: number };
  import?: UnitImportMeasurement;
  due?: DueMeasurement;
}

async function loadRun(baseUrl: string, path: string, headers: Record<string, string>, run: { seconds: number }): Promise<DueLoadResult> {
  const result = await autocannon({ url: `${baseUrl}${path}`, connections: CONNECTIONS, duration: run.seconds, headers });
  if (result.non2xx || result.errors) throw new Error(`${path}: ${result.non2xx} non-2xx responses, ${result.errors} errors under load`);
  return {
    path: path.replace(/\?.*/, ''),
    requestsPerSecond: Math.round(result.requests.average),
    latencyP50Ms: result.latency.p50,
    latencyP97_5Ms: result.latency.p97_5,
    latencyP99Ms: result.latency.p99,
    requests: result.requests.total,
  };
}

function mean(a: DueLoadResult, b: DueLoadResult): DueLoadResult & { runs: number[] } {
  return {
    path: a.path,
    requestsPerSecond: Math.round((a.requestsPerSecond + b.requestsPerSecond) / 2),
    latencyP50Ms: (a.latencyP50Ms + b.latencyP50Ms) / 2,
    latencyP97_5Ms: (a.latencyP97_5Ms + b.latencyP97_5Ms) / 2,
    latencyP99Ms: (a.latencyP99Ms + b.latencyP99Ms) / 2,
    requests: a.requests + b.requests,
    runs: [a.requestsPerSecond, b.requestsPerSecond],
  };
}

async function sequential(url: string, headers: Record<string, string>, n: number): Promise<Latency> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const startedAt = performance.now();
    const reply = await request(url, { headers });
    times.push(performance.now() - startedAt);
    if (reply.status !== 200) throw new Error(`${url}: HTTP ${reply.status}: ${reply.body.slice(0, 300)}`);
  }
  return latency(times);
}

/** POST /api/equipment/import (all-or-nothing) of the file as admin, then the raw COPY baseline of the same file. */
export async function measureUnitImport(server: BenchServer, session: Session, file: string, rows: number): Promise<UnitImportMeasurement> {
  await benchPost(server.baseUrl, '/bench/checkpoint');
  await benchPost(server.baseUrl, '/bench/trace/start');
  const memory = server.watchMemory();
  const startedAt = performance.now();
  const reply = await postMultipart(`${server.baseUrl}/api/equipment/import`, session, { mode: 'all-or-nothing' }, { path: file, filename: 'equipment.csv', type: 'text/csv' });
  const importMs = Math.round(performance.now() - startedAt);
  const { peakRssMb } = memory.stop();
  const { statements } = await benchPost<{ statements: StatementTime[] }>(server.baseUrl, '/bench/trace/stop');
  const result = json<{ imported?: number; created?: number; rejected: unknown[] | number }>(reply);
  const imported = result.imported ?? result.created;
  const rejected = Array.isArray(result.rejected) ? result.rejected.length : result.rejected;
  if (imported !== rows || rejected > 0) throw new Error(`unit import: expected ${rows} new units, got ${JSON.stringify(result).slice(0, 600)}`);
  const sqlMs = statements.reduce((sum, s) => sum + s.ms, 0);

  const copyStartedAt = performance.now();
  const copy = await benchPost<UnitCopyBaseline>(server.baseUrl, '/bench/equipment/copy-baseline', { file, columns: UNIT_FILE.map((c) => c.column) });
  const clientMs = Math.round(performance.now() - copyStartedAt);
  if (copy.rows !== rows) throw new Error(`unit COPY baseline loaded ${copy.rows} rows, expected ${rows}`);
  return {
    rows,
    fileMb: Math.round(fs.statSync(file).size / 1e5) / 10,
    importMs,
    result: { imported, rejected },
    peakRssMb,
    rssBeforeMb: memory.startRssMb,
    copy: { ...copy, clientMs },
    ratio: Math.round((importMs / copy.ms) * 100) / 100,
    sql: { totalMs: sqlMs, statements: statements.slice(0, 12) },
    outsideSqlMs: importMs - sqlMs,
  };
}

/**
 * Loads `units` units in bulk, signs in as a county officer of DUE_REGION, checks that the API and
 * the bare route answer the same page, then: one request at a time (SEQUENTIAL each, after a warm-up)
 * for the latency, and under load (CONNECTIONS connections, ABBA) for the ratio.
 */
export async function measureDue(server: BenchServer, units: number, seconds: number, log: (message: string) => void): Promise<DueMeasurement> {
  const load = await benchPost<UnitLoad>(server.baseUrl, '/bench/equipment/load', { units });
  if (load.units !== units) throw new Error(`unit load: ${load.units} units, expected ${units}`);
  log(`equipment: ${units} units loaded in ${load.ms} ms (insert ${load.insertMs} ms, vacuum analyze ${load.vacuumMs} ms); ${DUE_REGION}: ${JSON.stringify(load.byRegion.find((r) => r.regionCode === DUE_REGION))}`);
  const { username } = await benchPost<{ username: string }>(server.baseUrl, '/bench/equipment/officer', { regionCode: DUE_REGION, password: OFFICER_PASSWORD });
  const officer = await login(server.baseUrl, username, OFFICER_PASSWORD);
  const headers = { cookie: officer.headers.cookie! };

  const api = json<{ items: { id: string }[]; total: number }>(await request(`${server.baseUrl}${DUE_PATH}`, { headers }));
  const bare = json<{ items: { id: string }[]; total: number }>(await request(`${server.baseUrl}${BARE_PATH}`));
  if (api.items.length !== 20 || api.total !== bare.total || api.items.map((i) => i.id).join() !== bare.items.map((i) => i.id).join()) {
    throw new Error(`the due list and the bare route differ: ${api.items.length} items, total ${api.total} vs ${bare.items.length}, ${bare.total}`);
  }
  for (let i = 0; i < 50; i++) {
    await request(`${server.baseUrl}${DUE_PATH}`, { headers });
    await request(`${server.baseUrl}${BARE_PATH}`);
  }
  await benchPost(server.baseUrl, '/bench/trace/start');
  await request(`${server.baseUrl}${DUE_PATH}`, { headers });
  const { statements: sql } = await benchPost<{ statements: StatementTime[] }>(server.baseUrl, '/bench/trace/stop');

  const seqApi = await sequential(`${server.baseUrl}${DUE_PATH}`, headers, SEQUENTIAL);
  const seqBare = await sequential(`${server.baseUrl}${BARE_PATH}`, {}, SEQUENTIAL);
  log(`equipment: due list one at a time: API p95 ${seqApi.p95} ms (p50 ${seqApi.p50}), bare p95 ${seqBare.p95} ms (p50 ${seqBare.p50}); total ${api.total}`);

  const warm = { seconds: Math.min(2, seconds) };
  const timed = async (path: string, h: Record<string, string>) => {
    await loadRun(server.baseUrl, path, h, warm);
    return loadRun(server.baseUrl, path, h, { seconds });
  };
  const bare1 = await timed(BARE_PATH, {});
  const api1 = await timed(DUE_PATH, headers);
  const api2 = await timed(DUE_PATH, headers);
  const bare2 = await timed(BARE_PATH, {});
  const results = { bare: mean(bare1, bare2), api: mean(api1, api2) };
  const ratio = Math.round((results.api.requestsPerSecond / results.bare.requestsPerSecond) * 1000) / 1000;
  log(`equipment: due list under load: API ${results.api.requestsPerSecond} req/s, bare ${results.bare.requestsPerSecond} req/s, ratio ${ratio}`);
  return { load, regionCode: DUE_REGION, total: api.total, sequential: { api: seqApi, bare: seqBare }, connections: CONNECTIONS, seconds, ...results, ratio, sql };
}

/**
 * The special-equipment bench on one server: the register by COPY, the unit import (into the empty
 * unit table) against its COPY baseline, then the table emptied and `units` units loaded in bulk for
 * the due list.
 */
export async function measureEquipment(server: BenchServer, o: EquipmentOptions, files: { register: string; units: string; writeUnits: (rules: DemoDueRule[]) => Promise<void> }, adminSession: () => Promise<Session>, log: (message: string) => void, result: { equipment?: EquipmentMeasurement }): Promise<void> {
  const register = await benchPost<EquipmentMeasurement['register']>(server.baseUrl, '/bench/equipment/register', { file: files.register });
  if (register.n !== o.enterprises) throw new Error(`equipment register: ${register.n} enterprises loaded, expected ${o.enterprises}`);
  log(`equipment: register of ${register.n} enterprises (${register.users} users of equipment) loaded in ${register.ms} ms`);
  const m: EquipmentMeasurement = { enterprises: register.n, register };
  result.equipment = m;
  await files.writeUnits(json<DemoDueRule[]>(await request(`${server.baseUrl}/bench/equipment/rules`)));
  log(`equipment: importing ${o.importRows} units (${(fs.statSync(files.units).size / 1e6).toFixed(1)} MB)`);
  // A failed import is reported after the due list, which does not depend on it.
  let importError: unknown;
  try {
    m.import = await measureUnitImport(server, await adminSession(), files.units, o.importRows);
    log(`equipment: import ${m.import.importMs} ms, COPY ${m.import.copy.ms} ms, ratio ${m.import.ratio}; peak RSS ${m.import.peakRssMb} MB`);
  } catch (err) {
    importError = err;
    log(`equipment: import FAILED: ${err instanceof Error ? err.message : String(err)}`);
  }
  await benchPost(server.baseUrl, '/bench/equipment/truncate');
  m.due = await measureDue(server, o.units, o.seconds, log);
  if (importError) throw importError;
}
