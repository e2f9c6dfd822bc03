import { performance } from 'node:perf_hooks';
import { FRAGMENT_LENGTHS, type Samples } from './data.js';
import { type Session, json, request } from './http-client.js';
import { type Latency, latency, median } from './stats.js';

/** First-page latency of name searches by fragment length, and how many rows they match. */
export type SearchMeasurement = Record<`${(typeof FRAGMENT_LENGTHS)[number]}`, Latency & { medianTotal: number; maxTotal: number; slowest: { q: string; ms: number; total: number }[] }>;

/** One search as the register page makes it: first page of 20, as admin (no region filter). */
async function search(baseUrl: string, session: Session, q: string): Promise<{ ms: number; total: number }> {
  const startedAt = performance.now();
  const reply = await request(`${baseUrl}/api/enterprises?q=${encodeURIComponent(q)}&pageSize=20`, { headers: session.headers });
  const ms = performance.now() - startedAt;
  const { total } = json<{ total: number }>(reply);
  return { ms, total };
}

/** Runs the warm-up fragments, then each length's fragments one after another. */
export async function measureSearch(baseUrl: string, session: Session, samples: Samples): Promise<SearchMeasurement> {
  for (const q of samples.warmup) await search(baseUrl, session, q);
  const out = {} as SearchMeasurement;
  for (const length of FRAGMENT_LENGTHS) {
    const runs: { q: string; ms: number; total: number }[] = [];
    for (const q of samples.fragments[length]) runs.push({ q, ...(await search(baseUrl, session, q)) });
    const totals = runs.map((r) => r.total);
    const slowest = [...runs].sort((a, b) => b.ms - a.ms).slice(0, 5).map((r) => ({ ...r, ms: Math.round(r.ms) }));
    out[`${length}`] = { ...latency(runs.map((r) => r.ms)), medianTotal: median(totals), maxTotal: Math.max(...totals), slowest };
  }
  return out;
}
