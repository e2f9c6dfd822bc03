/**
 * `npm run bench`: the numbers of issue 3 on a generated register, the draw of issue 5 (and issues 11, 16, 20), on
 * PostgreSQL and/or PGlite, each database in a fresh real server process (the draw in one of its
 * own, on a database of its own). See bench/README.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../server/src/config.js';
import { importLimitsOf } from '../server/src/platform/files/limits.js';
import { readRows } from '../server/src/platform/files/read-rows.js';
import { type Samples, drawSamples, writeRegisterCsv } from './data.js';
import { type Session, benchPost, json, login, request } from './http-client.js';
import { type DrawMeasurement, measureDraw, writeDrawCsv } from './measure-draw.js';
import { writeEquipmentRegisterCsv, writeUnitsCsv } from './equipment-data.js';
import { measureEquipment } from './equipment-measure.js';
import { measureCreditCheck } from './measure-credit-check.js';
import { measureCreditRescore } from './credit-rescore.js';
import { measureBombs } from './measure-bombs.js';
import { measureImport } from './measure-import.js';
import { measureLookup } from './measure-lookup.js';
import { measureSearch } from './measure-search.js';
import { type BenchOptions, commandOf, readOptions } from './options.js';
import { type BenchDatabase, createBenchDatabase } from './postgres.js';
import { type BenchDb, type DbResult, writeResults } from './report.js';
import { type BenchServer, startServer } from './server-process.js';

const ADMIN_PASSWORD = 'Bench#Admin2026';
const started = performance.now();
const log = (message: string) => console.error(`[bench ${((performance.now() - started) / 1000).toFixed(1).padStart(7)} s] ${message}`);

const machine = () => ({ node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model.trim() ?? '?', memoryGb: Math.round(os.totalmem() / 2 ** 30) });

/** Decoding and parsing the file alone, in this process: the floor of the import's work in Node. */
async function timeCsvRead(file: string): Promise<{ ms: number; rows: number }> {
  const startedAt = performance.now();
  let rows = 0;
  for await (const _row of readRows(fs.createReadStream(file), 'csv', importLimitsOf(loadConfig({})))) rows++;
  return { ms: Math.round(performance.now() - startedAt), rows };
}

async function adminSession(server: BenchServer): Promise<Session> {
  return login(server.baseUrl, 'admin', ADMIN_PASSWORD);
}

/**
 * Runs `measure` against a fresh server on a fresh database (a new PostgreSQL database, or a new
 * PGlite data directory), then stops the server and drops the database. A failure is recorded in
 * `result.error`, so that the other measurements still run.
 */
async function withFreshServer(db: BenchDb, o: BenchOptions, env: Record<string, string>, result: DbResult, what: string, measure: (server: BenchServer) => Promise<void>): Promise<void> {
  let database: BenchDatabase | undefined;
  let dataDir: string | undefined;
  let server: BenchServer | undefined;
  try {
    if (db === 'postgres') {
      database = await createBenchDatabase(o.pgUrl);
      result.machine.postgres = database.serverVersion;
      // A PostgreSQL server requires ZJ_SECRET_KEY (it keys the audit chain); a fresh one per bench database.
      env = { ...env, DATABASE_URL: database.url, ZJ_SECRET_KEY: Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('hex') };
      log(`postgres: ${what}: database ${database.name}`);
    } else {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zj-bench-pglite-'));
      env = { ...env, DATA_DIR: dataDir };
    }
    server = await startServer({ ZJ_ADMIN_PASSWORD: ADMIN_PASSWORD, ...env }, db);
    log(`${db}: ${what}: server ${server.pid} at ${server.baseUrl}`);
    await measure(server);
  } catch (err) {
    const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
    result.error = result.error ? `${result.error}\n${message}` : message;
    log(`${db}: ${what} FAILED: ${message}`);
  } finally {
    await server?.stop();
    await database?.drop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Issue 3: the import through the API, the name search and the public lookup, in that order, on one server; then issue 20's batch credit check. */
async function runRegister(db: BenchDb, o: BenchOptions, file: string, samples: Samples, csvRead: { ms: number }, result: DbResult): Promise<void> {
  await withFreshServer(db, o, { ZJ_PUBLIC_RATE_LIMIT: '1000000000', ZJ_CREDIT_CHECK_RATE_LIMIT: '1000000' }, result, 'register', async (server) => {
    log(`${db}: importing ${o.rows} rows`);
    result.import = { ...(await measureImport(server, await adminSession(server), file, o.rows)), csvReadOnlyMs: csvRead.ms };
    log(`${db}: import ${result.import.importMs} ms, COPY ${result.import.copy.ms} ms, peak RSS ${result.import.peakRssMb} MB`);

    const session = await adminSession(server);
    const statsBeforeAnalyze = json(await request(`${server.baseUrl}/bench/stats`));
    const { ms: analyzeMs } = await benchPost<{ ms: number }>(server.baseUrl, '/bench/analyze');
    log(`${db}: name search (${JSON.stringify(statsBeforeAnalyze)}; analyze ${analyzeMs} ms)`);
    result.search = { ...(await measureSearch(server.baseUrl, session, samples)), statsBeforeAnalyze, analyzeMs };

    log(`${db}: public lookup, ${o.seconds} s per route`);
    result.lookup = await measureLookup(server.baseUrl, samples.usccs, o.seconds);

    log(`${db}: credit batch check of 1,000 codes against 1,000 sequential public lookups`);
    result.creditCheck = await measureCreditCheck(server.baseUrl, await adminSession(server), samples.usccs);
  });
}

/** Issue 20: the nightly credit re-scoring of BENCH_ROWS enterprises against a plain UPDATE (PostgreSQL only; a database of its own, in this process). */
async function runCreditRescore(o: BenchOptions, result: DbResult): Promise<void> {
  try {
    log(`postgres: credit re-scoring of ${o.rows} enterprises against a plain UPDATE`);
    result.creditRescore = await measureCreditRescore(o.pgUrl, o.rows, (m) => log(`postgres: ${m}`));
  } catch (err) {
    const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
    result.error = result.error ? `${result.error}\n${message}` : message;
    log(`postgres: credit re-scoring FAILED: ${message}`);
  }
}

/** Issue 5: the draw, on a server and database of its own (the register loaded by COPY, with credit classes). */
async function runDraw(db: BenchDb, o: BenchOptions, file: string, result: DbResult): Promise<void> {
  await withFreshServer(db, o, {}, result, 'draw', async (server) => {
    log(`${db}: loading ${o.draw.rows} enterprises for the draw`);
    result.draw = await measureDraw(server, file, o.draw, (message) => log(`${db}: ${message}`));
    const m: DrawMeasurement['median'] = result.draw.median;
    log(`${db}: draw median: commit ${m.commitMs} ms + reveal ${m.revealMs} ms = ${m.totalMs} ms; baseline ${m.baselineMs} ms; ratio ${result.draw.ratioToBaseline}`);
  });
}

/** Issue 16: the unit import and the due list, on a server and database of their own. */
async function runEquipment(db: BenchDb, o: BenchOptions, files: Parameters<typeof measureEquipment>[2], result: DbResult): Promise<void> {
  await withFreshServer(db, o, {}, result, 'equipment', async (server) => {
    await measureEquipment(server, { ...o.equipment, seconds: o.seconds }, files, () => adminSession(server), (message) => log(`${db}: ${message}`), result);
  });
}

async function main() {
  const o = readOptions();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'zj-bench-'));
  fs.chmodSync(work, 0o755); // the PostgreSQL server reads the files for its COPY
  const file = path.join(work, 'enterprises.csv');
  const drawFile = path.join(work, 'draw-enterprises.csv');
  try {
    let samples: Samples | undefined;
    let csvRead: { ms: number } | undefined;
    if (o.parts.includes('register')) {
      log(`writing ${o.rows} enterprises to ${file}`);
      await writeRegisterCsv(file, o.rows);
      samples = drawSamples(o.rows);
      csvRead = await timeCsvRead(file);
      log(`file ${(fs.statSync(file).size / 1e6).toFixed(1)} MB; decoding and parsing it alone takes ${csvRead.ms} ms`);
    }
    if (o.parts.includes('draw')) {
      log(`writing ${o.draw.rows} enterprises with credit classes to ${drawFile}`);
      await writeDrawCsv(drawFile, o.draw.rows);
    }
    // The unit file is written once the first server is up: its due dates follow the due rules the server holds.
    let unitsWritten: Promise<void> | undefined;
    let unitUsers: Awaited<ReturnType<typeof writeEquipmentRegisterCsv>> = [];
    const equipmentFiles: Parameters<typeof measureEquipment>[2] = {
      register: path.join(work, 'equipment-register.csv'),
      units: path.join(work, 'equipment-units.csv'),
      writeUnits: (rules) => {
        unitsWritten ??= (async () => {
          log(`writing ${o.equipment.importRows} units to import`);
          await writeUnitsCsv(equipmentFiles.units, o.equipment.importRows, unitUsers, rules);
        })();
        return unitsWritten;
      },
    };
    if (o.parts.includes('equipment')) {
      log(`writing ${o.equipment.enterprises} enterprises for the equipment bench`);
      unitUsers = await writeEquipmentRegisterCsv(equipmentFiles.register, o.equipment.enterprises);
    }
    const results: DbResult[] = [];
    let bombs: DbResult['bombs'];
    if (o.parts.includes('bombs')) {
      log(`.xlsx bombs, each refused ${o.bombRepeats} times`);
      bombs = await measureBombs(o.bombRepeats, log);
    }
    for (const db of o.dbs) {
      const result: DbResult = { db, startedAt: new Date().toISOString(), rows: o.rows, seconds: o.seconds, machine: machine(), ...(results.length === 0 && bombs ? { bombs } : {}) };
      if (samples && csvRead) await runRegister(db, o, file, samples, csvRead, result);
      if (samples && db === 'postgres') await runCreditRescore(o, result);
      if (o.parts.includes('draw')) await runDraw(db, o, drawFile, result);
      if (o.parts.includes('equipment')) await runEquipment(db, o, equipmentFiles, result);
      results.push(result);
    }
    console.log(writeResults(results, commandOf(o)));
    process.exitCode = results.some((r) => r.error) ? 1 : 0;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
