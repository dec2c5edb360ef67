import { isValidDate } from './domain/campaignCalendar.ts';
import { BadRequestError } from './errors.ts';

/** A date parameter: a real calendar date, else a 400 that names the parameter. */
export function checkDate(name: string, value: string): string {
  if (!isValidDate(value)) throw new BadRequestError(`${name}: "${value}" is not a calendar date (YYYY-MM-DD)`);
  return value;
}
