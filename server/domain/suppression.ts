import { emptyValue, type IndicatorValue } from './evaluateIndicator.ts';
import { HOUSEHOLD_BASED } from './indicators.ts';

/** Whether an area's household figures are hidden from a caller who may see areas of `min` households or more (null: everything). */
export function isSuppressed(households: number, min: number | null): boolean {
  return min !== null && households < min && households > 0;
}

/**
 * An area's figures as a caller may see them: with fewer than `min` households its household
 * figures are emptied, so that no family can be picked out of a public aggregate. Returns new
 * values; the input is not changed.
 */
export function suppressSmallCounts(values: Readonly<Record<string, IndicatorValue>>, households: number, min: number | null): { values: Record<string, IndicatorValue>; suppressed: boolean } {
  if (!isSuppressed(households, min)) return { values: Object.assign({}, values), suppressed: false };
  const out: Record<string, IndicatorValue> = {};
  for (const [key, v] of Object.entries(values)) out[key] = HOUSEHOLD_BASED.has(key) ? emptyValue(key) : v;
  return { values: out, suppressed: true };
}
