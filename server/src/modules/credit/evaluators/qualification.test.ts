import { describe, expect, it } from 'vitest';
import { qualificationProblems } from './qualification.js';

/** Who may enter ratings on a day: an active evaluator whose accreditation is dated and not over. */
describe('qualificationProblems', () => {
  const day = '2026-06-15';
  it('none for an active evaluator valid through that day or later', () => {
    expect(qualificationProblems({ active: true, validUntil: day }, day)).toEqual([]);
    expect(qualificationProblems({ active: true, validUntil: '2027-01-01' }, day)).toEqual([]);
  });
  it('each problem alone, and both together', () => {
    expect(qualificationProblems({ active: false, validUntil: '2027-01-01' }, day)).toEqual(['本机构已停用']);
    expect(qualificationProblems({ active: true, validUntil: '2026-06-14' }, day)).toEqual(['本机构资质有效期至 2026-06-14，已过期']);
    expect(qualificationProblems({ active: true, validUntil: null }, day)).toEqual(['本机构资质有效期未登记']);
    expect(qualificationProblems({ active: false, validUntil: null }, day)).toHaveLength(2);
  });
});
