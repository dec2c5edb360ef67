import { classOf, NO_DATA_COLOR, valueBreaks } from '../../server/domain/legend.ts';

export type ChangeMeasure = 'peopleLifted' | 'householdsExited' | 'povertyVillagesExited' | 'newAtRisk' | 'projectsCompleted' | 'fundsDisbursed';

/** The measures the "what changed" map can show; `good`: more is progress (else more is a warning). */
export const CHANGE_MEASURES: readonly { key: ChangeMeasure; good: boolean }[] = [
  { key: 'peopleLifted', good: true },
  { key: 'householdsExited', good: true },
  { key: 'povertyVillagesExited', good: true },
  { key: 'newAtRisk', good: false },
  { key: 'projectsCompleted', good: true },
  { key: 'fundsDisbursed', good: true },
];

/**
 * Light → dark: more progress (the value blues) or more warnings (purples). Not the lag palette:
 * red and green on a map mean behind or on plan, and a week's movement is neither.
 */
const GOOD = ['#c6dbef', '#6baed6', '#3182bd', '#08519c'];
const BAD = ['#dadaeb', '#bcbddc', '#9e9ac8', '#6a51a3'];
/** No movement in the period. */
export const NO_CHANGE_COLOR = '#f4f1ec';
/** Movement backwards (fewer exits than a week before: households back in poverty). */
export const BACKWARD_COLOR = '#54278f';

export interface ChangeClass { color: string; from: number; to: number }

/**
 * Colours for one change measure: no movement and backward movement apart, and the areas that
 * moved forward in up to four quantile classes, so that the map shows where things moved most.
 */
export function changeColors(values: ReadonlyMap<string, number | null>, good: boolean): { colorByCode: Map<string, string>; classes: ChangeClass[] } {
  const positive = [...values.values()].filter((v): v is number => v !== null && v > 0);
  const ramp = good ? GOOD : BAD;
  const min = positive.length ? Math.min(...positive) : null;
  const max = positive.length ? Math.max(...positive) : null;
  // Quantiles of one period's movement (never of lag); no class is ever empty.
  const raw = valueBreaks(positive, 'quantile', ramp.length);
  // Counts move in whole units: whole-number breaks read better in the legend (8–14, not 8–13.5).
  const breaks = positive.every(Number.isInteger) ? [...new Set(raw.map(Math.ceil))].filter((b) => b > min! && b <= max!) : raw;
  const n = min === null ? 0 : breaks.length + 1;
  const colors = Array.from({ length: n }, (_, i) => ramp[n === 1 ? ramp.length - 1 : Math.round((i * (ramp.length - 1)) / (n - 1))]);
  const classes = colors.map((color, i) => ({ color, from: i === 0 ? min! : breaks[i - 1], to: i === n - 1 ? max! : breaks[i] }));
  const colorByCode = new Map<string, string>();
  for (const [code, v] of values) {
    colorByCode.set(code, v === null ? NO_DATA_COLOR : v > 0 ? colors[classOf(v, breaks)] : v === 0 ? NO_CHANGE_COLOR : BACKWARD_COLOR);
  }
  return { colorByCode, classes };
}
