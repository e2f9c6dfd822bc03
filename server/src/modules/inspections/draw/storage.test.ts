import { describe, expect, it } from 'vitest';
import { verifyDrawRecord } from '../../../../../packages/draw-verify/zhijian-verify.mjs';
import { assignInspectors, commitDraw, revealDraw } from './draw.js';
import { packRecord, packStrata, unpackAssignments, unpackStrata } from './storage.js';

const SECRET = Buffer.alloc(32, 7);

describe('draw storage', () => {
  it('stores strata and the record compactly and gives back the same record', async () => {
    const committed = commitDraw(
      [
        { name: 'A', candidates: ['k3', 'k1', 'k2', 'Ａ', '😀', 'k\t5'], k: 4 },
        { name: 'empty', candidates: [], k: 0 },
        { name: '未分类', candidates: ['x1', 'x2'], k: 2 },
      ],
      SECRET,
    );
    const shared = { eligible: ['u3', 'u1', 'u2'], excluded: [{ inspector: 'u9', rule: 'region' }], perTask: 2 };
    const record = revealDraw(committed, SECRET, '见证');
    record.assignments = assignInspectors(record, (key) =>
      key === 'k1' ? { eligible: ['u1', 'u2'], excluded: [{ inspector: 'u3', rule: 'conflict' }, { inspector: 'u9', rule: 'region' }], perTask: 2 } : key === 'x2' ? { ...shared, eligible: ['u1', 'u2', 'u3'], excluded: [...shared.excluded] } : shared,
    );
    const strata = unpackStrata(JSON.parse(JSON.stringify(packStrata(committed.strata))));
    expect(strata).toEqual(committed.strata);
    const stored = JSON.parse(JSON.stringify(packRecord(record)));
    expect(stored.assignments.choices).toHaveLength(2); // x2's choice has other arrays but the same content
    expect(stored.strata).toEqual(record.strata.map((s) => ({ name: s.name, k: s.k, selected: s.selected })));
    const unpacked = { ...stored, strata: record.strata, assignments: unpackAssignments(stored) };
    expect(unpacked).toEqual(record);
    expect(await verifyDrawRecord(unpacked)).toMatchObject({ ok: true });
  });

  it('reads draws stored before the compact form', () => {
    const committed = commitDraw([{ name: 'A', candidates: ['a', 'b'], k: 1 }], SECRET);
    const record = revealDraw(committed, SECRET, '');
    expect(unpackStrata([{ name: 'A', k: 1, candidates: ['a', 'b'] }])).toEqual(committed.strata);
    expect(unpackAssignments(record)).toBe(record.assignments);
  });

  it('keeps a /2 stratum as its class and its keys in blinded-id order', () => {
    const stratum = { name: 'S1', className: 'A', k: 1, keys: ['k2', 'k1'] };
    expect(unpackStrata(JSON.parse(JSON.stringify(packStrata([stratum]))))).toEqual([stratum]);
  });

  it('refuses a candidate with a line break', () => {
    expect(() => commitDraw([{ name: 'A', candidates: ['a\nb'], k: 0 }], SECRET)).toThrow(/line break/);
  });
});
