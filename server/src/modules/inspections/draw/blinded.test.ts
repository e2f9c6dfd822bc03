import { describe, expect, it } from 'vitest';
import { assignBlindedInspectors, commitBlindedDraw, revealBlindedDraw } from './blinded.js';
import { blindLists, blindOf, blindSorted, idsOf, labelClasses, nonceOf, openKeys } from './blinding.js';
import type { FrozenInspector } from './pool.js';

const secret = Buffer.from(Array.from({ length: 32 }, (_, i) => i));
const blindSecret = Buffer.from(Array.from({ length: 32 }, (_, i) => 32 + i));
const S1 = ['91320800MA1000000A', '91320800MA1000001B', '91320800MA1000002C', '91320800MA1000003D'];
const S2 = ['91320826MA2000000X', '91320826MA2000001Y', '91320826MA2000002Y'];
const inspector = (userId: string): FrozenInspector => ({ userId, regionCode: '320800', activePeriods: [], specialties: [], conflicts: [], accountActive: true });

/** The test vector of issue 13 and docs/DRAW.md, through the server's own commit and reveal. */
describe('zhijian-draw/2 test vector', () => {
  it('blinds, commits, selects, opens and assigns exactly as the vector says', async () => {
    // The classes are labelled in their secret order: give the S1 keys to whichever class comes first.
    const [first, second] = labelClasses(blindSecret, ['甲', '乙']);
    const strata = [
      { className: first!.className, keys: S1, k: 2 },
      { className: second!.className, keys: S2, k: 1 },
    ];
    const committed = await commitBlindedDraw({ strata, secret, blindSecret, pool: ['u3', 'u1', 'u2'].map(inspector), inspectorsPerTask: 2 });
    expect(committed.strata.map((s) => s.name)).toEqual(['S1', 'S2']);
    expect(committed.candidatesHash).toBe('845aeedc05490ee21a690c82309b23230f5eba4bd6dea1ed7fe5f43ae8c1edff');
    expect(committed.inspectorPoolHash).toBe('51e81da11b468d9cc8b5b9796fa783101dcbdbd59ec76bc9357c5db16bbf6881');
    expect(committed.inspectorPool.map((i) => i.userId)).toEqual(['u1', 'u2', 'u3']);
    expect(nonceOf(blindSecret, '91320800MA1000000A').toString('hex')).toBe('a783a76baadebd928cb86e8bd8ff715525f7d4017b0887533bf78498f236e5d6');
    expect(blindOf(blindSecret, '91320800MA1000000A')).toBe('31be03a290b742763153064527ca9638312b38b43ad464f5dbfe3ee768492916');

    const record = await revealBlindedDraw(committed, { secret, blindSecret }, '2026-12-05 淮安');
    expect(record.seed).toBe('7709f630dc204a4037ce6b209308a6157e65de18c19236724241ea010abb5fbd');
    expect(record.openings.map((o) => o.key)).toEqual(['91320800MA1000000A', '91320800MA1000001B', '91320826MA2000001Y']);
    expect(record.strata[0]!.selected[0]!.slice(0, 8)).toBe('31be03a2');
    expect(record.strata[0]!.selected[1]!.slice(0, 8)).toBe('b0acc7c2');
    expect(record.strata[1]!.selected[0]!.slice(0, 8)).toBe('7a5cded2');
    record.assignments = assignBlindedInspectors(record, () => ({ eligible: ['u1', 'u2', 'u3'], excluded: [] }));
    expect(record.assignments.map((a) => [a.objectKey, a.selected])).toEqual([
      ['91320800MA1000000A', ['u1', 'u3']],
      ['91320800MA1000001B', ['u1', 'u3']],
      ['91320826MA2000001Y', ['u3', 'u1']],
    ]);
  });

  it('takes the witness input NFC-normalised: a decomposed é gives the seed of the composed one', async () => {
    const committed = await commitBlindedDraw({ strata: [{ className: 'A', keys: S1, k: 1 }], secret, blindSecret, pool: [], inspectorsPerTask: 1 });
    expect((await revealBlindedDraw(committed, { secret, blindSecret }, 'Cafe\u0301')).seed).toBe((await revealBlindedDraw(committed, { secret, blindSecret }, 'Caf\u00e9')).seed);
  });

  it('leaves empty classes out, refuses a key in two classes, and hashes an empty pool as SHA-256 of nothing', async () => {
    const committed = await commitBlindedDraw({ strata: [{ className: 'A', keys: S1, k: 1 }, { className: 'B', keys: [], k: 0 }], secret, blindSecret, pool: [], inspectorsPerTask: 2 });
    expect(committed.strata.map((s) => s.className)).toEqual(['A']);
    expect(committed.inspectorPoolHash).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    await expect(commitBlindedDraw({ strata: [{ className: 'A', keys: S1, k: 1 }, { className: 'B', keys: [S1[0]!], k: 1 }], secret, blindSecret, pool: [], inspectorsPerTask: 2 })).rejects.toThrow(/appears twice/);
  });

  it('blinds and sorts a large pool in parallel workers with the same answer as one by one, keys of any length', async () => {
    const keys = Array.from({ length: 3_000 }, (_, i) => (i === 7 ? `设备${'长'.repeat(80)}` : `91320800MA${String(i).padStart(7, '0')}X`));
    const parallel = await blindSorted(blindSecret, keys, { parallelFrom: 1_000 });
    expect(parallel).toEqual(await blindSorted(blindSecret, keys, { parallelFrom: Infinity }));
    expect(parallel.candidates).toEqual(keys.map((k) => blindOf(blindSecret, k)).sort());
    expect(parallel.keys.map((k) => blindOf(blindSecret, k))).toEqual(parallel.candidates);
  });

  it('opens many keys in parallel workers as one by one, in their order', async () => {
    const keys = Array.from({ length: 2_500 }, (_, i) => (i === 11 ? `设备${'长'.repeat(70)}` : `91320800MA${String(i).padStart(7, '0')}X`));
    const parallel = await openKeys(blindSecret, keys, { parallelFrom: 1_000 });
    expect(parallel).toEqual(await openKeys(blindSecret, keys, { parallelFrom: Infinity }));
    expect(parallel.map((o) => o.key)).toEqual(keys);
    expect(parallel[11]).toEqual({ key: keys[11], nonce: nonceOf(blindSecret, keys[11]!).toString('hex'), blindedId: blindOf(blindSecret, keys[11]!) });
  });

  it('blinds several lists in parallel workers as one by one, each sorted with its keys, and finds a key repeated in two lists or in one', async () => {
    const lists = [0, 1, 2].map((l) => Array.from({ length: 900 + l * 300 }, (_, i) => `9132080${l}MA${String(i).padStart(7, '0')}X`));
    const parallel = await blindLists(blindSecret, lists, { parallelFrom: 1_000 });
    expect(parallel).toEqual(await blindLists(blindSecret, lists, { parallelFrom: Infinity }));
    // Ids that agree on the bits sorted as numbers are put in order by their whole id.
    expect(await blindLists(blindSecret, lists, { parallelFrom: 1_000, sortBits: 19 })).toEqual(parallel);
    // A list much larger than a worker's share is sorted in parts, merged.
    const uneven = [[...lists[0]!, ...lists[1]!, ...lists[2]!], lists[0]!.slice(0, 5).map((k) => `${k}9`)];
    expect(await blindLists(blindSecret, uneven, { parallelFrom: 1_000, sortBits: 19 })).toEqual(await blindLists(blindSecret, uneven, { parallelFrom: Infinity }));
    expect(parallel.repeated).toBeUndefined();
    parallel.lists.forEach((list, l) => {
      expect(idsOf(list.lines)).toEqual(lists[l]!.map((k) => blindOf(blindSecret, k)).sort());
      expect(list.keys.map((k) => blindOf(blindSecret, k))).toEqual(idsOf(list.lines));
    });
    const twice = lists[0]![500]!;
    for (const parallelFrom of [1_000, Infinity]) {
      expect((await blindLists(blindSecret, [lists[0]!, [...lists[2]!, twice]], { parallelFrom })).repeated).toBe(twice);
      expect((await blindLists(blindSecret, [[...lists[1]!, twice, ...lists[0]!]], { parallelFrom })).repeated).toBe(twice);
    }
  });
});
