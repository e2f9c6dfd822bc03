import { describe, expect, it } from 'vitest';
import { checkCellText } from '../../platform/validation/fields.js';
import { checkDate, checkIndustry, checkStatus } from './enterprise-fields.js';

const value = <T>(r: { ok: true; value: T } | { ok: false }) => (r.ok ? r.value : 'ERR');
const code = (r: { ok: true } | { ok: false; problem: { code: string } }) => (r.ok ? 'OK' : r.problem.code);

describe('field checks shared by the form and the import', () => {
  it('reads dates as registration exports write them', () => {
    const today = new Date('2026-11-28T00:00:00Z');
    expect(value(checkDate('2019-03-05', today))).toBe('2019-03-05');
    expect(value(checkDate('2019/3/5', today))).toBe('2019-03-05');
    expect(value(checkDate('2019.3.5', today))).toBe('2019-03-05');
    expect(value(checkDate('2019年3月5日', today))).toBe('2019-03-05');
    expect(value(checkDate(43529, today))).toBe('2019-03-05'); // Excel serial
    expect(value(checkDate('43529', today))).toBe('2019-03-05');
    expect(value(checkDate(new Date(Date.UTC(2019, 2, 5)), today))).toBe('2019-03-05');
    expect(value(checkDate('', today))).toBeNull();
    expect(code(checkDate('2019-02-30', today))).toBe('DATE_FORMAT');
    expect(code(checkDate('yesterday', today))).toBe('DATE_FORMAT');
    expect(code(checkDate('2027-01-01', today))).toBe('DATE_FUTURE');
  });

  it('counts "today" in China: at 00:30 Beijing time (16:30 UTC the day before) that day is not in the future', () => {
    const justAfterMidnightInChina = new Date('2026-11-28T16:30:00Z');
    expect(value(checkDate('2026-11-29', justAfterMidnightInChina))).toBe('2026-11-29');
    expect(code(checkDate('2026-11-30', justAfterMidnightInChina))).toBe('DATE_FUTURE');
  });

  it('maps registration-status labels to status keys', () => {
    expect(value(checkStatus('存续（在营、开业、在册）'))).toBe('active');
    expect(value(checkStatus('在业'))).toBe('active');
    expect(value(checkStatus('吊销，未注销'))).toBe('revoked');
    expect(value(checkStatus('迁出'))).toBe('moved_out');
    expect(value(checkStatus('suspended'))).toBe('suspended');
    expect(code(checkStatus('倒闭'))).toBe('STATUS_UNKNOWN');
  });

  it('accepts GB/T 4754 codes and refuses anything else', () => {
    expect(value(checkIndustry('c1391'))).toBe('C1391');
    expect(value(checkIndustry('1391'))).toBe('1391');
    expect(value(checkIndustry('E'))).toBe('E');
    expect(code(checkIndustry('C13911'))).toBe('INDUSTRY_FORMAT');
    expect(code(checkIndustry('Z12'))).toBe('INDUSTRY_FORMAT');
  });

  it('refuses text a spreadsheet would run as a formula', () => {
    expect(code(checkCellText('=HYPERLINK("http://x")', 'name', '企业名称', { max: 200 }))).toBe('CELL_FORMULA');
    expect(code(checkCellText('  ', 'name', '企业名称', { required: true, max: 200 }))).toBe('REQUIRED');
  });
});
