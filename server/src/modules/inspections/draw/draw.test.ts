import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { candidatesHashOf } from './algorithm.js';
import { assignInspectors, commitDraw, revealDraw } from './draw.js';
import { verifyDrawRecord } from '../../../../../packages/draw-verify/zhijian-verify.mjs';
import type { DrawRecord } from './record.js';

const SECRET = Buffer.from('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f', 'hex');
const strataOf = () => [
  { name: 'A', candidates: ['91320800MA1000000A', '91320800MA1000001B', '91320800MA1000002C', '91320800MA1000003D'], k: 2 },
  { name: 'D', candidates: ['91320826MA2000000X', '91320826MA2000001Y'], k: 2 },
];
const inspectors = (key: string) => ({ eligible: ['u3', 'u1', 'u2'], excluded: key.endsWith('A') ? [{ inspector: 'u4', rule: 'conflict' }] : [], perTask: 2 });

/** A revealed draw with its inspectors assigned. */
const revealed = (witness: string) => {
  const record = revealDraw(commitDraw(strataOf(), SECRET), SECRET, witness);
  record.assignments = assignInspectors(record, inspectors);
  return record;
};
const clone = (r: DrawRecord): DrawRecord => JSON.parse(JSON.stringify(r)) as DrawRecord;

describe('a draw record', () => {
  it('is fixed by the secret, the witness input and the candidates (test vector of docs/DRAW.md)', async () => {
    const record = revealed('2026-11-28 淮安');
    expect(record).toMatchSnapshot();
    expect(await verifyDrawRecord(record)).toMatchObject({ ok: true, version: 'zhijian-draw/1', status: 'revealed' });
  });

  it('reports the first mismatch of a tampered record', async () => {
    const record = revealed('w');
    const tamper = async (change: (r: DrawRecord) => void) => {
      const r = clone(record);
      change(r);
      const result = await verifyDrawRecord(r);
      return result.ok ? null : result.field;
    };
    expect(await tamper((r) => (r.version = 'zhijian-draw/0'))).toBe('version');
    expect(await tamper((r) => (r.secret = `${r.secret.slice(0, 63)}${r.secret.endsWith('0') ? '1' : '0'}`))).toBe('commitment');
    expect(await tamper((r) => (r.witnessInput = 'x'))).toBe('seed');
    expect(await tamper((r) => r.strata[0]!.candidates.pop())).toBe('candidate hash');
    expect(
      await tamper((r) => {
        r.strata[0]!.candidates.reverse();
        r.candidatesHash = candidatesHashOf(r.strata); // a consistent hash, so that the order check is the one that fires
      }),
    ).toBe('unsorted candidates');
    expect(await tamper((r) => r.strata[1]!.selected.reverse())).toBe('selection');
    expect(await tamper((r) => r.assignments[0]!.selected.reverse())).toBe('assignment');
    expect(await tamper((r) => r.assignments[0]!.excluded.push({ inspector: r.assignments[0]!.candidates[0]!, rule: 'conflict' }))).toBe('assignment');
  });

  it('always replays to the same selection, and any change of input changes the record (property)', async () => {
    const strata = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 3 }).chain((names) =>
      fc.tuple(...names.map((name) => fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 30 }).chain((candidates) => fc.record({ name: fc.constant(name), candidates: fc.constant(candidates), k: fc.integer({ min: 0, max: candidates.length }) })))),
    );
    await fc.assert(
      fc.asyncProperty(strata, fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.string(), fc.string(), async (input, bytes, witness, other) => {
        const secret = Buffer.from(bytes);
        const record = revealDraw(commitDraw(input, secret), secret, witness);
        expect((await verifyDrawRecord(record)).ok).toBe(true);
        expect(revealDraw(commitDraw(input, secret), secret, witness)).toEqual(record);
        if (other !== witness) expect(revealDraw(commitDraw(input, secret), secret, other).seed).not.toBe(record.seed);
        const changed = clone(record);
        changed.witnessInput = `${witness}!`;
        expect((await verifyDrawRecord(changed)).ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
