import { describe, expect, it } from 'vitest';
import { addMonths, isOverdue, matchRule, type DueRuleLike } from './due-dates.js';

describe('addMonths', () => {
  it('adds calendar months; a day the month lacks becomes its last day', () => {
    expect(addMonths('2026-03-15', 12)).toBe('2027-03-15');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2024-02-29', 48)).toBe('2028-02-29');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-12-31', 72)).toBe('2032-12-31');
    expect(addMonths('2026-05-10', 0)).toBe('2026-05-10');
  });
});

describe('isOverdue', () => {
  it('is overdue only after the due day (China date), across a year boundary too', () => {
    expect(isOverdue('2026-12-31', '2026-12-31')).toBe(false);
    expect(isOverdue('2026-12-31', '2027-01-01')).toBe(true);
    expect(isOverdue(null, '2027-01-01')).toBe(false);
  });
});

describe('matchRule', () => {
  const rule = (id: string, r: Partial<DueRuleLike>): DueRuleLike => ({ id, category: '2000', subcategory: null, kind: null, safetyGrade: null, basis: 'periodic', intervalMonths: 12, ...r });
  const rules = [rule('generic', {}), rule('grade3', { safetyGrade: 3 }), rule('sub', { subcategory: '2100' }), rule('sub-grade3', { subcategory: '2100', safetyGrade: 3 }), rule('first', { basis: 'first' })];
  it('picks the most specific rule whose set fields all match', () => {
    expect(matchRule(rules, { category: '2000', subcategory: null, safetyGrade: null }, 'periodic')?.id).toBe('generic');
    expect(matchRule(rules, { category: '2000', subcategory: null, safetyGrade: 3 }, 'periodic')?.id).toBe('grade3');
    expect(matchRule(rules, { category: '2000', subcategory: '2100', safetyGrade: 1 }, 'periodic')?.id).toBe('sub');
    expect(matchRule(rules, { category: '2000', subcategory: '2100', safetyGrade: 3 }, 'periodic')?.id).toBe('sub-grade3');
    expect(matchRule(rules, { category: '2000', subcategory: '2100', safetyGrade: 3 }, 'first')?.id).toBe('first');
    expect(matchRule(rules, { category: '3000', subcategory: null, safetyGrade: null }, 'periodic')).toBeNull();
  });
  it('matches a kind only to an inspection of that kind', () => {
    const boiler = [rule('any', { category: '1000' }), rule('internal', { category: '1000', kind: 'internal', intervalMonths: 24 })];
    expect(matchRule(boiler, { category: '1000', subcategory: null, safetyGrade: null }, 'periodic', 'internal')?.id).toBe('internal');
    expect(matchRule(boiler, { category: '1000', subcategory: null, safetyGrade: null }, 'periodic', 'external')?.id).toBe('any');
  });
});
