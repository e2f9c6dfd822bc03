import fs from 'node:fs';
import path from 'node:path';
import { ROOT_DIR } from '../server/src/config.js';
import type { EquipmentMeasurement } from './equipment-measure.js';
import type { BombMeasurement } from './measure-bombs.js';
import type { CreditRescoreMeasurement } from './credit-rescore.js';
import type { CreditCheckMeasurement } from './measure-credit-check.js';
import type { DrawMeasurement } from './measure-draw.js';
import type { ImportMeasurement } from './measure-import.js';
import type { LookupMeasurement } from './measure-lookup.js';
import type { SearchMeasurement } from './measure-search.js';
import { median } from './stats.js';

export type BenchDb = 'pglite' | 'postgres';

/** Everything one database's run measured (written as bench/results/<date>-<db>.json). */
export interface DbResult {
  db: BenchDb;
  startedAt: string;
  rows: number;
  seconds: number;
  machine: { node: string; cpus: number; cpuModel: string; memoryGb: number; postgres?: string };
  import?: ImportMeasurement;
  search?: SearchMeasurement & { statsBeforeAnalyze: unknown; analyzeMs: number };
  lookup?: LookupMeasurement;
  /** Issue 20's batch credit check against sequential public lookups (on the register's server). */
  creditCheck?: CreditCheckMeasurement;
  /** Issue 20's nightly credit re-scoring against a plain UPDATE (PostgreSQL, a database of its own). */
  creditRescore?: CreditRescoreMeasurement;
  /** Issue 5's draw (on a database of its own). */
  draw?: DrawMeasurement;
  /** Issue 16's special equipment: the unit import and the due list (on a database of their own). */
  equipment?: EquipmentMeasurement;
  /** Issue 11's .xlsx bombs, refused by the import's reader in the bench process (no database: on the first result only). */
  bombs?: BombMeasurement[];
  error?: string;
}

interface Row {
  number: string;
  db: BenchDb;
  target: string;
  measured: string;
  result: 'pass' | 'FAIL' | 'info' | 'ERROR';
}

const RESULTS_DIR = path.join(ROOT_DIR, 'bench/results');
const n = (x: number) => x.toLocaleString('en-US');
const pass = (ok: boolean) => (ok ? 'pass' : 'FAIL');

/** One row per number: the issue's targets, and the measurements they are ratios of. */
export function rowsOf(r: DbResult): Row[] {
  const rows: Row[] = [];
  const add = (number: string, target: string, measured: string, result: Row['result']) => rows.push({ number, db: r.db, target, measured, result });
  if (r.import) {
    const i = r.import;
    add('Import through the API ÷ raw COPY', '≤ 1.5×', `${i.ratio}× (import ${n(i.importMs)} ms, COPY ${n(i.copy.ms)} ms)`, pass(i.ratio <= 1.5));
    add('Server peak RSS during the import', '< 600 MB', `${n(i.peakRssMb)} MB (${n(i.rssBeforeMb)} MB before the upload)`, pass(i.peakRssMb < 600));
  }
  if (r.search) {
    for (const [length, s] of Object.entries(r.search).filter(([k]) => /^\d$/.test(k)) as [string, Omit<SearchMeasurement['2'], 'slowest'>][]) {
      const measured = `p95 ${s.p95} ms (p50 ${s.p50}, max ${s.max}; median total ${n(s.medianTotal)})`;
      if (r.db === 'postgres') add(`Name search, ${length} characters, first page`, 'p95 < 50 ms', measured, pass(s.p95 < 50));
      else add(`Name search, ${length} characters, first page`, '— (PostgreSQL only)', measured, 'info');
    }
  }
  if (r.lookup) {
    const l = r.lookup;
    add('Public lookup ÷ bare route (req/s)', '≥ 0.90', `${l.publicVsBare} (${n(l.public.requestsPerSecond)} ÷ ${n(l.bare.requestsPerSecond)})`, pass(l.publicVsBare >= 0.9));
    add('Public lookup ÷ hello route (req/s)', '≥ 0.25', `${l.publicVsHello} (${n(l.public.requestsPerSecond)} ÷ ${n(l.hello.requestsPerSecond)})`, pass(l.publicVsHello >= 0.25));
  }
  if (r.draw) {
    const d = r.draw;
    const m = d.median;
    const k = d.runs[0]?.selected ?? 0;
    const what = `${n(m.totalMs)} ms (commit ${n(m.commitMs)} + reveal ${n(m.revealMs)}; ${n(k)} of ${n(d.rows)} in ${d.load.strata.length} strata; median of ${d.runs.length})`;
    const ratio = `${d.ratioToBaseline}× (draw ${n(m.totalMs)} ms ÷ SELECT … ORDER BY key ${n(m.baselineMs)} ms)`;
    if (r.db === 'postgres') {
      // zhijian-draw/2 blinds every candidate at commit (issue 13): the target is the ratio alone.
      add(`Draw of ${d.ratio} %, commit to reveal`, '— (recorded)', what, 'info');
      add('Draw ÷ plain ordered SELECT of the pool', '≤ 4×', ratio, pass(d.ratioToBaseline <= 4));
    } else {
      add(`Draw of ${d.ratio} %, commit to reveal`, '— (recorded)', what, 'info');
      add('Draw ÷ plain ordered SELECT of the pool', '— (recorded)', ratio, 'info');
    }
    const largest = Math.max(...d.runs.map((run) => run.record.gzMb));
    add('Public record as served (gzip, stored once)', '≤ 60 MB', `${largest} MB (${Math.max(...d.runs.map((run) => run.record.mb))} MB of JSON; built in ${n(median(d.runs.map((run) => run.record.ms)))} ms)`, pass(largest <= 60));
    add('Tasks of the selection, created just after the reveal', '— (recorded)', `${n(m.tasksMs)} ms (${n(k)} tasks; median of ${d.runs.length})`, 'info');
  }
  if (r.equipment) {
    const e = r.equipment;
    const pg = r.db === 'postgres';
    const target = (t: string) => (pg ? t : '— (PostgreSQL only)');
    const result = (ok: boolean) => (pg ? pass(ok) : 'info');
    if (e.due) {
      const d = e.due;
      add(`Equipment due list ÷ bare route (req/s; ${n(d.load.units)} units, one county, as its officer)`, target('≥ 0.5'), `${d.ratio} (${n(d.api.requestsPerSecond)} ÷ ${n(d.bare.requestsPerSecond)}; ${d.connections} connections)`, result(d.ratio >= 0.5));
      add('Equipment due list, first page, p95 (one request at a time)', target('≤ 50 ms'), `p95 ${d.sequential.api.p95} ms (p50 ${d.sequential.api.p50}, max ${d.sequential.api.max}; bare p95 ${d.sequential.bare.p95}; total ${n(d.total)})`, result(d.sequential.api.p95 <= 50));
    }
    if (e.import) {
      const i = e.import;
      add(`Equipment import through the API ÷ raw COPY (${n(i.rows)} units)`, target('≤ 1.5×'), `${i.ratio}× (import ${n(i.importMs)} ms, COPY ${n(i.copy.ms)} ms; peak RSS ${n(i.peakRssMb)} MB)`, result(i.ratio <= 1.5));
    }
  }
  if (r.creditCheck) {
    const c = r.creditCheck;
    add(`Credit batch check of ${n(c.batch)} ÷ ${n(c.batch)} sequential public lookups`, '≤ 0.2', `${c.ratio} (${n(c.batchMs)} ms ÷ ${n(c.sequentialMs)} ms; median of ${c.rounds}; ${n(c.found)} found)`, pass(c.ratio <= 0.2));
  }
  if (r.creditRescore) {
    const c = r.creditRescore;
    add(`Nightly credit re-scoring ÷ plain UPDATE of one column (${n(c.enterprises)} enterprises)`, '≤ 3', `${c.ratio} first night (${n(c.firstRunMs)} ms ÷ ${n(c.plainUpdateMs)} ms), ${c.secondRatio} next night (${n(c.secondRunMs)} ms)`, pass(c.ratio <= 3 && c.secondRatio <= 3));
    add('Credit minute run with nothing new ÷ nightly run with nothing changed', '≤ 0.05', `${c.idleMinuteRatio} (${n(c.idleMinuteMs)} ms ÷ ${n(c.secondRunMs)} ms; median of 5)`, pass(c.idleMinuteRatio <= 0.05));
  }
  for (const b of r.bombs ?? []) {
    const what = `"${b.name}" (${b.fileMb} MB, ${n(b.xmlMb)} MB of XML)`;
    add(`.xlsx bomb refused ÷ reading its XML: ${what}`, '≤ 2×', `${b.ratio}× (refused for ${b.limit} in ${n(b.refusalMs)} ms ÷ ${n(b.readXmlMs)} ms)`, pass(b.ratio <= 2));
    add(`.xlsx bomb refused, time and memory: ${what}`, '< 5 s, < 256 MB (issue 11; time a note)', `${n(b.refusalMs)} ms, RSS +${n(b.rssGrowthMb)} MB`, b.rssGrowthMb < 256 ? 'info' : 'FAIL');
  }
  if (r.error) add('Bench run', 'completes', r.error.slice(0, 200), 'ERROR');
  return rows;
}

/** The results table in Markdown, with the conditions of the run. */
export function markdown(results: DbResult[], command: string): string {
  const first = results[0]!;
  const m = first.machine;
  const lines = [
    '# Zhijian benchmark — latest run',
    '',
    `${first.startedAt} · \`${command}\``,
    ...(results.some((r) => r.import) ? [`Register (issue 3): ${n(first.rows)} enterprises · autocannon ${results.find((r) => r.lookup)?.lookup?.connections ?? 50} connections × ${first.seconds} s`] : []),
    ...(results.some((r) => r.equipment)
      ? [`Special equipment (issue 16): register of ${n(results.find((r) => r.equipment)!.equipment!.enterprises)} enterprises by COPY · units by INSERT … SELECT generate_series · autocannon ${results.find((r) => r.equipment?.due)?.equipment?.due?.connections ?? 20} connections × ${first.seconds} s`]
      : []),
    ...(results.some((r) => r.bombs) ? [`.xlsx bombs (issue 11): refused by the import's reader in the bench process, default limits · medians of ${results.find((r) => r.bombs)!.bombs![0]?.repeats ?? 0} runs`] : []),
    ...(results.some((r) => r.draw) ? [`Draw (issue 5): ${n(results.find((r) => r.draw)!.draw!.rows)} enterprises loaded by COPY · ${results.find((r) => r.draw)!.draw!.setup.inspectors} inspectors · ${results.find((r) => r.draw)!.draw!.runs.length} draws on fresh plans, medians`] : []),
    `Node ${m.node} · ${m.cpus} × ${m.cpuModel} · ${m.memoryGb} GB${results.find((r) => r.machine.postgres) ? ` · PostgreSQL ${results.find((r) => r.machine.postgres)!.machine.postgres}` : ''}`,
    '',
    '| Number | Database | Target | Measured | Result |',
    '|---|---|---|---|---|',
    ...results.flatMap(rowsOf).map((row) => `| ${row.number} | ${row.db} | ${row.target} | ${row.measured} | ${row.result} |`),
    '',
    'See bench/README.md for what each number means; the JSON files beside this one hold the details',
    '(latencies, SQL time of the import by statement, indexes of the COPY baseline, every draw).',
    '',
  ];
  return lines.join('\n');
}

/** Writes one JSON file per database and bench/results/latest.md; returns the Markdown. */
export function writeResults(results: DbResult[], command: string): string {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  for (const r of results) {
    const stamp = r.startedAt.replace(/:/g, '-').replace(/\.\d+Z$/, 'Z');
    fs.writeFileSync(path.join(RESULTS_DIR, `${stamp}-${r.db}.json`), `${JSON.stringify(r, null, 2)}\n`);
  }
  const md = markdown(results, command);
  fs.writeFileSync(path.join(RESULTS_DIR, 'latest.md'), md);
  return md;
}
