import { describe, expect, it } from 'vitest';
import { type PoolInspector, eligibilityByRegion, eligibleInspectors } from './eligibility.js';

const pool: PoolInspector[] = [
  { userId: 'city', regionCode: '320800' },
  { userId: 'ls1', regionCode: '320826', specialties: ['计量'] },
  { userId: 'ls2', regionCode: '320826', specialties: ['计量'] },
  { userId: 'ls3', regionCode: '320826', activePeriods: [{ from: '2026-01-01', to: '2026-06-30' }] },
  { userId: 'xy1', regionCode: '320830' },
];
const object = { key: '91320826MA1000000A', regionCode: '320826' };
const ctx = { on: '2026-11-28', perTask: 2, conflicts: new Set<string>(), lastTime: new Set<string>() };

describe('inspector eligibility for one object', () => {
  it('excludes the inactive, those outside the object’s region, those lacking the specialty and those in conflict, naming the rule', () => {
    expect(eligibleInspectors(pool, object, ctx)).toEqual({
      eligible: ['city', 'ls1', 'ls2'],
      excluded: [
        { inspector: 'ls3', rule: 'inactive', evidence: { accountActive: true, activePeriods: [{ from: '2026-01-01', to: '2026-06-30' }], on: '2026-11-28' } },
        { inspector: 'xy1', rule: 'region', evidence: { inspectorRegion: '320830', objectRegion: '320826' } },
      ],
    });
    expect(eligibleInspectors(pool, object, { ...ctx, specialty: '计量', conflicts: new Set(['ls2']) })).toEqual({
      eligible: ['ls1'],
      excluded: [
        { inspector: 'city', rule: 'specialty', evidence: { specialties: [], required: '计量' } },
        { inspector: 'ls2', rule: 'conflict', evidence: { declared: object.key } },
        { inspector: 'ls3', rule: 'inactive', evidence: expect.objectContaining({ accountActive: true }) },
        { inspector: 'xy1', rule: 'region', evidence: expect.objectContaining({ inspectorRegion: '320830' }) },
      ],
    });
  });

  it('excludes a disabled account as inactive, whatever its periods', () => {
    const disabled = [{ userId: 'off', regionCode: '320826', accountActive: false }];
    expect(eligibleInspectors(disabled, object, ctx).excluded).toEqual([{ inspector: 'off', rule: 'inactive', evidence: { accountActive: false, activePeriods: [], on: '2026-11-28' } }]);
  });

  it('avoids last time’s inspector only while enough others remain', () => {
    expect(eligibleInspectors(pool, object, { ...ctx, lastTime: new Set(['ls1']), lastTaskId: 'task-1' })).toMatchObject({ eligible: ['city', 'ls2'], excluded: expect.arrayContaining([{ inspector: 'ls1', rule: 'last_time', evidence: { taskId: 'task-1' } }]) });
    const few = eligibleInspectors(pool, object, { ...ctx, lastTime: new Set(['ls1', 'ls2']) });
    expect(few.eligible).toEqual(['city', 'ls1', 'ls2']);
    expect(few.excluded.some((x) => x.rule === 'last_time')).toBe(false);
  });

  it('answers many objects of a draw as one by one: shared per region, less last time’s inspectors, own answers for conflicts', () => {
    const byRegion = eligibilityByRegion(pool, { on: ctx.on, perTask: 2 });
    const cases = [
      { object, conflicts: undefined, last: undefined },
      { object: { ...object, key: 'K2' }, conflicts: undefined, last: { inspectors: new Set(['ls1']), taskId: 'task-1' } },
      { object: { ...object, key: 'K3' }, conflicts: undefined, last: { inspectors: new Set(['ls1', 'ls2']), taskId: 'task-2' } },
      { object: { ...object, key: 'K4' }, conflicts: new Set(['city']), last: { inspectors: new Set(['ls2']), taskId: 'task-3' } },
      { object: { key: 'K5', regionCode: '320830' }, conflicts: undefined, last: undefined },
    ];
    for (const c of cases) {
      const one = eligibleInspectors(pool, c.object, { ...ctx, conflicts: c.conflicts ?? new Set(), lastTime: c.last?.inspectors ?? new Set(), lastTaskId: c.last?.taskId });
      expect(byRegion(c.object, c.conflicts, c.last)).toEqual(one);
    }
    expect(byRegion({ ...object, key: 'K6' })).toBe(byRegion(object));
  });
});
