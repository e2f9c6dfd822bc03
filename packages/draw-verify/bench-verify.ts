/**
 * Times zhijian-verify.mjs on a synthetic `zhijian-draw/2` record of the benchmark's size:
 * 1,000,000 blinded candidates in four strata, 100,000 selected objects (10 %), a pool of 50
 * inspectors with a few exclusion patterns. Run: `npx tsx packages/draw-verify/bench-verify.ts [candidates] [selected]`.
 * The record goes through JSON text and back, as a downloaded one would.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { buildV2, type Exclusion } from './reference.js';
import { verifyDrawRecord } from './zhijian-verify.mjs';

const total = Number(process.argv[2] ?? 1_000_000);
const selected = Number(process.argv[3] ?? total / 10);
const classes = ['A类', 'B类', 'C类', 'D类'];
const share = [0.4, 0.3, 0.2, 0.1];
let next = 0;
const strata = classes.map((className, c) => {
  const n = c === classes.length - 1 ? total - next : Math.round(total * share[c]!);
  const keys = Array.from({ length: n }, () => `913208${String(next++).padStart(10, '0')}X`);
  return { className, keys, k: Math.round((selected * n) / total) };
});
const pool = Array.from({ length: 50 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
const patterns: Exclusion[][] = Array.from({ length: 20 }, (_, p) => [
  { inspector: pool[p]!, rule: 'conflict', evidence: { declared: true } },
  { inspector: pool[49 - p]!, rule: 'region', evidence: { inspectorRegion: '320826', objectRegion: '320803' } },
]);
const exclusions = (key: string) => patterns[Number(key.slice(12, 16)) % patterns.length]!;

let t = performance.now();
const built = buildV2({ secret: Buffer.alloc(32, 1), blindSecret: Buffer.alloc(32, 2), witnessInput: 'bench', strata, pool, perTask: 2, exclusions });
console.log(`built the records in ${Math.round(performance.now() - t)} ms`);

for (const [name, record] of [
  ['public, revealed', built.revealed],
  ['public, committed', built.committed],
  ["auditors', revealed", built.audit],
] as const) {
  const text = JSON.stringify(record);
  const parsed: unknown = JSON.parse(text);
  t = performance.now();
  const cpu = process.cpuUsage();
  const result = await verifyDrawRecord(parsed, { statement: built.commitStatement });
  const used = process.cpuUsage(cpu);
  console.log(
    `${name}: ${Math.round(text.length / 1e6)} MB of JSON, verified in ${Math.round(performance.now() - t)} ms (CPU ${Math.round((used.user + used.system) / 1000)} ms, load average ${os.loadavg()[0]!.toFixed(1)}) → ${result.ok ? 'valid' : `${result.field}: ${result.message}`}`,
  );
}
