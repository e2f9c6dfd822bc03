/** Calendar dates as 'YYYY-MM-DD' strings, computed in UTC so the server's time zone never shifts a day. */

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseDate(s: string): Date | null {
  const m = DATE_RE.exec(s);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return formatDate(d) === s ? d : null;
}

export const formatDate = (d: Date) => d.toISOString().slice(0, 10);

export function addDays(s: string, n: number): string {
  const d = parseDate(s)!;
  d.setUTCDate(d.getUTCDate() + n);
  return formatDate(d);
}

export const yearOf = (s: string) => Number(s.slice(0, 4));

/** Saturday or Sunday. */
export const isWeekend = (s: string) => {
  const day = parseDate(s)!.getUTCDay();
  return day === 0 || day === 6;
};

/** Today's date in China (UTC+8, no daylight saving), whatever the server's time zone. */
export const todayInChina = (now = new Date()) => formatDate(new Date(now.getTime() + 8 * 3_600_000));
