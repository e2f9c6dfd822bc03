import { describe, expect, it } from 'vitest';
import { type Applicant, effectiveWeights, recordPart, scoreApplicants, topTied } from './scoring.js';

const lot = { productCode: 'RY-001', batches: 4, dueOn: '2027-03-31' };
const base = { active: true, cmaScope: ['RY-001'], cmaValidUntil: '2028-01-01', quarterCapacityLeft: 50 };
const app = (x: Partial<Applicant> & { institutionId: string; name: string }): Applicant => ({
  applicationId: `app-${x.institutionId}`,
  local: true,
  price: 2000,
  capacity: 4,
  onTimeRate: null,
  recentUpheld: 0,
  ...base,
  ...x,
});

/** The worked example of README.md § The score. */
const applicants = [
  app({ institutionId: 'a', name: '甲检测', local: true, price: 2000, capacity: 4, onTimeRate: 0.9, recentUpheld: 1 }),
  app({ institutionId: 'b', name: '乙检测', local: false, price: 1600, capacity: 2 }),
  app({ institutionId: 'c', name: '丙检测', local: true, price: 1800, capacity: 6, quarterCapacityLeft: 3, onTimeRate: 1 }),
  app({ institutionId: 'd', name: '丁检测', price: 1000, cmaScope: ['JC-002'] }),
];

describe('the score of a lot’s applicants', () => {
  it('computes every part and the total of the worked example (weights 40/30/20/10), best first', () => {
    const { exact } = effectiveWeights({ price: 40, capability: 30, record: 20, locality: 10 });
    const scores = scoreApplicants(applicants, lot, exact);
    expect(scores.map((s) => [s.institutionId, s.parts, s.total])).toEqual([
      // price 100×1600/1800, capability min(6 offered, 3 left)/4, record 100 % on time, inside the city
      ['c', { price: 88.89, capability: 75, record: 100, locality: 100 }, 88.06],
      // the lowest qualified price is 1600 (丁's 1000 does not count: not qualified); 90 % on time − 20 for an upheld objection
      ['a', { price: 80, capability: 100, record: 70, locality: 100 }, 86],
      // no history: 80; outside the city: 0
      ['b', { price: 100, capability: 50, record: 80, locality: 0 }, 71],
      ['d', { price: 0, capability: 0, record: 0, locality: 0 }, 0],
    ]);
    expect(scores[3]).toMatchObject({ qualified: false, disqualified: [{ code: 'NOT_IN_CMA_SCOPE' }] });
    expect(topTied(scores).map((s) => s.institutionId)).toEqual(['c']);
  });

  it('with the locality weight set to 0 rescales the other weights to 100 and ranks anew', () => {
    const { exact, shown } = effectiveWeights({ price: 40, capability: 30, record: 20, locality: 10 }, 0);
    expect(shown).toEqual({ price: 44.44, capability: 33.33, record: 22.22, locality: 0 });
    const scores = scoreApplicants(applicants, lot, exact);
    // (88.89×40 + 75×30 + 100×20) / 90 = 86.73; (80×40 + 100×30 + 70×20) / 90 = 84.44; (100×40 + 50×30 + 80×20) / 90 = 78.89
    expect(scores.slice(0, 3).map((s) => [s.institutionId, s.total])).toEqual([['c', 86.73], ['a', 84.44], ['b', 78.89]]);
    // Locality still scores (shown), it weighs nothing.
    expect(scores.find((s) => s.institutionId === 'b')!.parts.locality).toBe(0);
    expect(scores.find((s) => s.institutionId === 'a')!.parts.locality).toBe(100);
  });

  it('disqualifies an inactive institution, a CMA expiring before the lot is due, a quarter without capacity', () => {
    const scores = scoreApplicants(
      [
        app({ institutionId: 'x', name: '停用', active: false }),
        app({ institutionId: 'y', name: '过期', cmaValidUntil: '2027-03-30' }),
        app({ institutionId: 'z', name: '满额', quarterCapacityLeft: 0 }),
        app({ institutionId: 'ok', name: '合格', cmaValidUntil: '2027-03-31' }),
      ],
      lot,
      { price: 40, capability: 30, record: 20, locality: 10 },
    );
    const reasons = Object.fromEntries(scores.map((s) => [s.institutionId, (s.disqualified ?? []).map((r) => r.code)]));
    expect(reasons).toEqual({ x: ['INACTIVE'], y: ['CMA_EXPIRES'], z: ['CAPACITY_FULL'], ok: [] });
    expect(scores[0]).toMatchObject({ institutionId: 'ok', qualified: true, total: 96 });
  });

  it('finds equal totals at the top', () => {
    const scores = scoreApplicants([app({ institutionId: 'p', name: '甲' }), app({ institutionId: 'q', name: '乙' }), app({ institutionId: 'r', name: '丙', price: 2500 })], lot, { price: 40, capability: 30, record: 20, locality: 10 });
    expect(topTied(scores).map((s) => s.institutionId).sort()).toEqual(['p', 'q']);
    expect(topTied([])).toEqual([]);
  });

  it('takes 20 points per upheld objection off the record, never below 0; 80 without history', () => {
    expect(recordPart(null, 0)).toBe(80);
    expect(recordPart(0.95, 0)).toBe(95);
    expect(recordPart(0.95, 2)).toBe(55);
    expect(recordPart(0.3, 2)).toBe(0);
  });
});
