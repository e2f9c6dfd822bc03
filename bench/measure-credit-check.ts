import { performance } from 'node:perf_hooks';
import { type Session, json, request } from './http-client.js';
import { median } from './stats.js';

/** The batch size the issue names (the API's maximum). */
const BATCH = 1000;
/** Measured rounds; each is one batch check and one series of sequential lookups, alternating. */
const ROUNDS = 5;

/** Issue 20: one batch check of 1,000 USCCs against 1,000 sequential public lookups of the same codes. */
export interface CreditCheckMeasurement {
  batch: number;
  rounds: number;
  /** Each round's times (ms): the batch check's call, and the 1,000 lookups one after another. */
  runs: { batchMs: number; sequentialMs: number }[];
  batchMs: number;
  sequentialMs: number;
  /** Median batch ÷ median sequential (target ≤ 0.2). */
  ratio: number;
  /** Items of the last batch answered `found` (all should be: the codes come from the register). */
  found: number;
}

async function batchCheck(baseUrl: string, session: Session, usccs: string[]): Promise<{ ms: number; found: number }> {
  const text = JSON.stringify({ usccs });
  const startedAt = performance.now();
  const reply = await request(`${baseUrl}/api/credit/check`, { method: 'POST', headers: { ...session.headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }, body: text });
  const ms = performance.now() - startedAt;
  const { items } = json<{ items: { found: boolean }[] }>(reply);
  if (items.length !== usccs.length) throw new Error(`credit check: ${items.length} items for ${usccs.length} codes`);
  return { ms, found: items.filter((i) => i.found).length };
}

async function sequentialLookups(baseUrl: string, usccs: string[]): Promise<number> {
  const startedAt = performance.now();
  for (const uscc of usccs) json(await request(`${baseUrl}/api/public/enterprises/${uscc}`));
  return performance.now() - startedAt;
}

/**
 * The batch check (`POST /api/credit/check`, as the administrator, who holds `credit.check`) of
 * 1,000 codes of the loaded register against the same codes looked up one after another on the
 * public route, both on a warm cache (one untimed round first), alternating over `ROUNDS` rounds;
 * medians. The server must run with a credit-check limit above `ROUNDS + 1` a minute and an
 * unlimited public lookup (run.ts sets both).
 */
export async function measureCreditCheck(baseUrl: string, session: Session, usccs: string[]): Promise<CreditCheckMeasurement> {
  const codes = usccs.slice(0, BATCH);
  if (codes.length < BATCH) throw new Error(`credit check: only ${codes.length} sample codes`);
  await batchCheck(baseUrl, session, codes);
  await sequentialLookups(baseUrl, codes);
  const runs: CreditCheckMeasurement['runs'] = [];
  let found = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const batch = await batchCheck(baseUrl, session, codes);
    found = batch.found;
    runs.push({ batchMs: Math.round(batch.ms * 10) / 10, sequentialMs: Math.round(await sequentialLookups(baseUrl, codes)) });
  }
  const batchMs = median(runs.map((r) => r.batchMs));
  const sequentialMs = median(runs.map((r) => r.sequentialMs));
  return { batch: BATCH, rounds: ROUNDS, runs, batchMs, sequentialMs, ratio: Math.round((batchMs / sequentialMs) * 1000) / 1000, found };
}
