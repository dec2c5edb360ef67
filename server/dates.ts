import { isValidDate } from './domain/campaignCalendar.ts';
import { BadRequestError } from './errors.ts';

/**
 * The years a date parameter may name. Far wider than any campaign, but narrow enough that a week
 * or a year around it is still a date PostgreSQL and JavaScript agree on (9999-12-31 + 7 days is not).
 */
export const DATE_YEARS = { from: 1990, to: 2100 } as const;

/** A date parameter: a real calendar date within DATE_YEARS, else a 400 that names the parameter. */
export function checkDate(name: string, value: string): string {
  if (!isValidDate(value)) throw new BadRequestError(`${name}: "${value}" is not a calendar date (YYYY-MM-DD)`);
  const year = Number(value.slice(0, 4));
  if (year < DATE_YEARS.from || year > DATE_YEARS.to) throw new BadRequestError(`${name}: ${value} is outside the years ${DATE_YEARS.from}–${DATE_YEARS.to}`);
  return value;
}

/** A date that records something done: not after today. */
export function assertNotFuture(name: string, value: string): string {
  const today = new Date().toISOString().slice(0, 10);
  if (value > today) throw new BadRequestError(`${name}: ${value} is after today (${today})`);
  return value;
}
