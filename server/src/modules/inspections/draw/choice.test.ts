import { describe, expect, it } from 'vitest';
import { verifyDrawRecord } from '../../../../../packages/draw-verify/zhijian-verify.mjs';
import { commitChoice, revealChoice } from './choice.js';

describe('a choice on the draw engine', () => {
  it('commits a record the verifier accepts as committed, reveals one it accepts as revealed, and answers the chosen keys', async () => {
    const keys = ['inst-c', 'inst-a', 'inst-b'];
    const c = await commitChoice({ id: 'd1', committedAt: new Date('2026-12-01T02:00:00Z'), strata: [{ className: '同分机构', keys, k: 1 }] });
    const committed = await verifyDrawRecord(c.record, { statement: c.stored.commitStatement });
    expect(committed).toMatchObject({ ok: true, status: 'committed' });
    expect(JSON.stringify(c.record)).not.toContain('inst-a'); // candidates are blinded
    const r = await revealChoice(c.stored, c.record, { secret: c.secret, blindSecret: c.blindSecret }, '见证人 123', new Date('2026-12-01T02:05:00Z'));
    expect(await verifyDrawRecord(r.record, { statement: c.stored.commitStatement })).toMatchObject({ ok: true, status: 'revealed' });
    expect(r.chosen).toHaveLength(1);
    expect(r.chosen[0]!.keys).toHaveLength(1);
    expect(keys).toContain(r.chosen[0]!.keys[0]);
    // The same secrets and witness input choose the same key; a changed record no longer verifies.
    const again = await revealChoice(c.stored, c.record, { secret: c.secret, blindSecret: c.blindSecret }, '见证人 123', new Date());
    expect(again.chosen).toEqual(r.chosen);
    const forged = { ...r.record, openings: r.record.openings!.map((o) => ({ ...o, key: 'inst-x' })) };
    expect(await verifyDrawRecord(forged)).toMatchObject({ ok: false, field: 'openings' });
  });

  it('draws several of many keys over two strata', async () => {
    const a = Array.from({ length: 30 }, (_, i) => `913208000000000${String(i).padStart(3, '0')}`);
    const c = await commitChoice({ id: 'd2', committedAt: new Date(), strata: [{ className: '生产企业', keys: a, k: 5 }] });
    const r = await revealChoice(c.stored, c.record, c, '', new Date());
    expect(new Set(r.chosen[0]!.keys).size).toBe(5);
    expect(await verifyDrawRecord(r.record)).toMatchObject({ ok: true });
  });
});
