import { describe, expect, it } from 'vitest';
import { addMonths, periodOf, publicUntilOf, warningOnly } from './period.js';

const rules = { lowFineYuan: 10_000 };

describe('addMonths (calendar months)', () => {
  it('keeps the day of the month, or takes the month’s last day', () => {
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29'); // leap year
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
    expect(addMonths('2026-05-15', 3)).toBe('2026-08-15');
    expect(addMonths('2026-12-06', 1)).toBe('2027-01-06');
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
    expect(addMonths('2026-10-31', 36)).toBe('2029-10-31');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-03-15', 0)).toBe('2026-03-15');
  });

  it('refuses a malformed date', () => {
    expect(() => addMonths('2026-02-30', 1)).toThrow();
    expect(() => addMonths('2026-2-3', 1)).toThrow();
  });
});

describe('the public period', () => {
  it('is short (3 months) for only criticism or a fine up to the low-fine threshold (issue 18, Order 45 §13)', () => {
    expect(periodOf([{ type: 'criticism' }], rules)).toBe('short');
    expect(periodOf([{ type: 'fine', amount: 10_000 }], rules)).toBe('short'); // the threshold itself is low
    expect(periodOf([{ type: 'criticism' }, { type: 'fine', amount: 5_000 }], rules)).toBe('short');
  });

  it('is long (3 years) for a warning, alone or with a low fine: "3 years otherwise"', () => {
    expect(periodOf([{ type: 'warning' }], rules)).toBe('long');
    expect(periodOf([{ type: 'warning' }, { type: 'fine', amount: 5_000 }], rules)).toBe('long');
  });

  it('is long (3 years) above the threshold or with any heavier penalty', () => {
    expect(periodOf([{ type: 'fine', amount: 10_000.01 }], rules)).toBe('long');
    expect(periodOf([{ type: 'fine', amount: 6_000 }, { type: 'fine', amount: 6_000 }], rules)).toBe('long'); // fines summed
    expect(periodOf([{ type: 'fine', amount: 100 }, { type: 'confiscation_gains', amount: 50 }], rules)).toBe('long');
    for (const type of ['confiscation', 'suspension', 'revocation'] as const) expect(periodOf([{ type }], rules), type).toBe('long');
    expect(periodOf([], rules)).toBe('long');
    expect(periodOf([{ type: 'fine', amount: 20_000 }], { lowFineYuan: 50_000 })).toBe('short'); // configurable
  });

  it('runs from the publication date: 3 months or 3 years, calendar-wise', () => {
    expect(publicUntilOf('2026-11-30', 'short')).toBe('2027-02-28');
    expect(publicUntilOf('2026-11-30', 'long')).toBe('2029-11-30');
    expect(publicUntilOf('2028-02-29', 'long')).toBe('2031-02-28');
  });

  it('knows a warning alone', () => {
    expect(warningOnly([{ type: 'warning' }])).toBe(true);
    expect(warningOnly([{ type: 'warning' }, { type: 'warning' }])).toBe(true);
    expect(warningOnly([{ type: 'warning' }, { type: 'criticism' }])).toBe(false);
    expect(warningOnly([])).toBe(false);
    expect(warningOnly(null)).toBe(false);
  });
});
