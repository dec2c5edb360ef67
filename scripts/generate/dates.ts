/** Date helpers on YYYY-MM-DD strings (UTC, no clock access). */
export const DATA_AS_OF = '2018-11-30';
export const YEAR_START = '2018-01-01';

export function dayOfYear(d: string): number {
  const t = Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10));
  return Math.round((t - Date.UTC(2018, 0, 1)) / 86400000);
}
export function fromDayOfYear(n: number): string {
  const t = new Date(Date.UTC(2018, 0, 1) + Math.round(n) * 86400000);
  return t.toISOString().slice(0, 10);
}
export function addDays(d: string, n: number): string {
  return fromDayOfYear(dayOfYear(d) + n);
}
export const AS_OF_DAY = dayOfYear(DATA_AS_OF);

/** Planned cumulative share of 2018 exits by the end of each month (back-loaded plan). */
export const PLAN_CUM = [0.02, 0.04, 0.07, 0.11, 0.16, 0.22, 0.3, 0.4, 0.52, 0.66, 0.82, 1.0];
export const PHASES = [
  { name: '春季攻势', from: '2018-01-01', to: '2018-03-31' },
  { name: '夏季战役', from: '2018-04-01', to: '2018-06-30' },
  { name: '秋季攻坚', from: '2018-07-01', to: '2018-09-30' },
  { name: '冬季冲刺', from: '2018-10-01', to: '2018-12-31' },
];

/** Draw a day-of-year from the plan curve (inverse CDF, linear within months), limited to <= maxDay. */
export function planDay(u: number, maxDay = AS_OF_DAY, skew = 1): number {
  const monthStart = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];
  // cumulative at maxDay
  const cumAt = (day: number) => {
    let m = 0;
    while (m < 11 && monthStart[m + 1] <= day) m++;
    const prev = m === 0 ? 0 : PLAN_CUM[m - 1];
    return prev + ((PLAN_CUM[m] - prev) * (day - monthStart[m])) / (monthStart[m + 1] - monthStart[m]);
  };
  const target = Math.pow(u, skew) * cumAt(maxDay);
  let lo = 0, hi = maxDay;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (cumAt(mid) < target) lo = mid;
    else hi = mid;
  }
  return Math.min(maxDay, Math.max(1, Math.round(hi)));
}
