import { createRequire } from 'node:module';

/**
 * Statutory holidays and 调休 workdays from the `chinese-days` package (State Council notices).
 * Immutable data, read once; the names look like "National Day,国庆节,3".
 */
interface PackageData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as PackageData;

const years = new Set(Object.keys(data.holidays).map((d) => Number(d.slice(0, 4))));

/** The Chinese part of the package's "English,中文,n" names. */
const chineseName = (raw: string | undefined) => (raw ? (raw.split(',')[1] ?? raw) : null);

export const statutory = {
  /** Years the package has data for. */
  years: () => [...years].sort((a, b) => a - b),
  covers: (year: number) => years.has(year),
  /** A statutory holiday (on any weekday), with its name. */
  holiday: (date: string) => chineseName(data.holidays[date]),
  /** A weekend day that is a 调休 working day, with its name. */
  workday: (date: string) => chineseName(data.workdays[date]),
  /** Special days of a year: holidays and 调休 working days. */
  specialDays(year: number): { date: string; workingDay: boolean; name: string | null }[] {
    const prefix = `${year}-`;
    const out = [
      ...Object.entries(data.holidays).filter(([d]) => d.startsWith(prefix)).map(([date, n]) => ({ date, workingDay: false, name: chineseName(n) })),
      ...Object.entries(data.workdays).filter(([d]) => d.startsWith(prefix)).map(([date, n]) => ({ date, workingDay: true, name: chineseName(n) })),
    ];
    return out.sort((a, b) => a.date.localeCompare(b.date));
  },
};
