import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

/** The credit rules' settings (README § Configuration, `ZJ_CREDIT_*`): defaults, values, validation. */
describe('config.creditRules', () => {
  it('has the documented defaults', () => {
    expect(loadConfig({}).creditRules).toEqual({ overrideMaxDays: 365, noticeDays: 10, listYears: 3, repairMinMonths: 12, checkRatePerMinute: 60, seriousPenaltyYuan: 100_000 });
  });

  it('reads ZJ_CREDIT_SERIOUS_PENALTY_YUAN (an empty value is the default)', () => {
    expect(loadConfig({ ZJ_CREDIT_SERIOUS_PENALTY_YUAN: '50000' }).creditRules.seriousPenaltyYuan).toBe(50_000);
    expect(loadConfig({ ZJ_CREDIT_SERIOUS_PENALTY_YUAN: '' }).creditRules.seriousPenaltyYuan).toBe(100_000);
  });

  it.each(['0', '-1', '1.5', '十万', '1e5x'])('refuses ZJ_CREDIT_SERIOUS_PENALTY_YUAN=%s, naming the setting', (raw) => {
    expect(() => loadConfig({ ZJ_CREDIT_SERIOUS_PENALTY_YUAN: raw })).toThrow(/ZJ_CREDIT_SERIOUS_PENALTY_YUAN must be an integer ≥ 1/);
  });
});
