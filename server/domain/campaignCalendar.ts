/** The four campaign phases of the plan, one a quarter (一、(一) 分阶段强力推进). */
export const PHASES = [
  { key: 'spring', nameZh: '春季攻势', nameEn: 'Spring offensive', startMonth: 1 },
  { key: 'summer', nameZh: '夏季战役', nameEn: 'Summer campaign', startMonth: 4 },
  { key: 'autumn', nameZh: '秋季攻坚', nameEn: 'Autumn assault', startMonth: 7 },
  { key: 'winter', nameZh: '冬季冲刺', nameEn: 'Winter sprint', startMonth: 10 },
] as const;

export type PhaseKey = (typeof PHASES)[number]['key'];

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date (UTC, no time zones involved). */
export function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return dateOfDay(dayNumber(date) + days);
}

export function isValidDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const t = Date.parse(`${date}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === date;
}

export interface PhaseInfo {
  key: PhaseKey;
  nameZh: string;
  nameEn: string;
  start: string;
  end: string;
  daysLeftInPhase: number;
  daysLeftInYear: number;
}

/** The phase a date falls in, with the days left in it and in the year (after that day). */
export function phaseOf(date: string): PhaseInfo {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const i = Math.floor((month - 1) / 3);
  const p = PHASES[i];
  const start = `${year}-${String(p.startMonth).padStart(2, '0')}-01`;
  const next = i === 3 ? `${year + 1}-01-01` : `${year}-${String(PHASES[i + 1].startMonth).padStart(2, '0')}-01`;
  const end = addDays(next, -1);
  return {
    key: p.key, nameZh: p.nameZh, nameEn: p.nameEn, start, end,
    daysLeftInPhase: dayNumber(end) - dayNumber(date),
    daysLeftInYear: dayNumber(`${year}-12-31`) - dayNumber(date),
  };
}

/** Dates from `from` to `to`, every week or at each month's end (always ending on `to`). */
export function seriesDates(from: string, to: string, interval: 'week' | 'month'): string[] {
  const dates: string[] = [];
  if (interval === 'week') {
    for (let d = dayNumber(from); d <= dayNumber(to); d += 7) dates.push(dateOfDay(d));
  } else {
    let y = Number(from.slice(0, 4));
    let m = Number(from.slice(5, 7));
    for (;;) {
      const monthEnd = addDays(m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`, -1);
      if (dayNumber(monthEnd) >= dayNumber(to)) break;
      if (dayNumber(monthEnd) >= dayNumber(from)) dates.push(monthEnd);
      m = m === 12 ? 1 : m + 1;
      if (m === 1) y++;
    }
  }
  if (dates[dates.length - 1] !== to) dates.push(to);
  return dates;
}
