import { describe, expect, it } from 'vitest';
import { addMonths, addYears } from './period.js';

describe('listing periods', () => {
  it('end on the corresponding day, or the month’s last day when it has none (民法典 §202)', () => {
    expect(addYears('2026-12-06', 3)).toBe('2029-12-06');
    expect(addYears('2028-02-29', 1)).toBe('2029-02-28');
    expect(addYears('2028-02-29', 4)).toBe('2032-02-29');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-12-15', 12)).toBe('2027-12-15');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
  });
});
