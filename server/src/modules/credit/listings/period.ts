/**
 * Periods of the dishonest list counted in calendar months and years (民法典 §201–§203): a period
 * starts the day after its first day and ends on the corresponding day of the last month; a month
 * without that day ends it on its last day (2028-02-29 + 1 year → 2029-02-28).
 */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export const addYears = (iso: string, years: number) => addMonths(iso, years * 12);
