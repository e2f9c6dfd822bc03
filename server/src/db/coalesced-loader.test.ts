import { describe, expect, it } from 'vitest';
import { coalescedLoader } from './coalesced-loader.js';

/** A load function that records its batches and answers each key with its double; `hold` keeps a batch at the "database" until released. */
function recorder(opts: { hold?: boolean } = {}) {
  const batches: number[][] = [];
  const releases: (() => void)[] = [];
  let running = 0;
  let mostAtOnce = 0;
  const load = async (keys: readonly number[]) => {
    batches.push([...keys]);
    mostAtOnce = Math.max(mostAtOnce, ++running);
    await (opts.hold ? new Promise<void>((resolve) => releases.push(resolve)) : new Promise((resolve) => setImmediate(resolve)));
    running--;
    if (keys.includes(-1)) throw new Error('database down');
    return keys.map((k) => (k === 0 ? null : k * 2));
  };
  return { load, batches, releases, mostAtOnce: () => mostAtOnce };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('coalesced loader', () => {
  it('answers each caller with its own key, in batches of at most maxBatch, one batch at a time', async () => {
    const r = recorder();
    const one = coalescedLoader(r.load, { inFlight: 1, maxBatch: 100 });
    const keys = Array.from({ length: 250 }, (_, i) => i + 1);
    expect(await Promise.all(keys.map(one))).toEqual(keys.map((k) => k * 2));
    expect(r.batches.map((b) => b.length)).toEqual([100, 100, 50]);
    expect(r.mostAtOnce()).toBe(1);
  });

  it('sends a lone call at once, and gathers the calls made while a batch is out into the next', async () => {
    const r = recorder({ hold: true });
    const one = coalescedLoader(r.load, { inFlight: 1, maxBatch: 100 });
    const first = one(1);
    await settle();
    expect(r.batches).toEqual([[1]]);
    const later = [one(2), one(3), one(2)];
    await settle();
    expect(r.batches).toEqual([[1]]); // waiting for the first to come back
    r.releases.shift()!();
    expect(await first).toBe(2);
    await settle();
    expect(r.batches).toEqual([[1], [2, 3, 2]]);
    r.releases.shift()!();
    expect(await Promise.all(later)).toEqual([4, 6, 4]);
  });

  it('runs up to inFlight batches at once', async () => {
    const r = recorder({ hold: true });
    const one = coalescedLoader(r.load, { inFlight: 2, maxBatch: 2 });
    const all = Promise.all([1, 2, 3, 4, 5].map(one));
    await settle();
    expect(r.batches).toEqual([[1, 2], [3, 4]]);
    while (r.releases.length > 0 || r.batches.length < 3) {
      r.releases.shift()?.();
      await settle();
    }
    r.releases.shift()?.();
    expect(await all).toEqual([2, 4, 6, 8, 10]);
    expect(r.batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('answers null for a key without an answer, fails only the callers of a failed batch, and caches nothing', async () => {
    const r = recorder();
    const one = coalescedLoader(r.load, { inFlight: 1, maxBatch: 2 });
    const results = await Promise.allSettled([one(0), one(5), one(7), one(-1)]);
    expect(results[0]).toEqual({ status: 'fulfilled', value: null });
    expect(results[1]).toEqual({ status: 'fulfilled', value: 10 });
    // the batch with the failing key fails for both its callers
    expect(results[2]).toMatchObject({ status: 'rejected', reason: { message: 'database down' } });
    expect(results[3]).toMatchObject({ status: 'rejected', reason: { message: 'database down' } });
    expect(await one(5)).toBe(10);
    expect(r.batches).toEqual([[0, 5], [7, -1], [5]]);
  });
});
