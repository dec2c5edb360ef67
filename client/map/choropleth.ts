import type { AreaProgress, Indicator } from '../api/types.ts';
import { classOf, quantileBreaks } from './quantileBreaks.ts';

/** What the fill shows: the value as a share of target, or the lag against plan. */
export type ChoroplethMode = 'value' | 'lag';

export const CLASS_COUNT = 5;

/** Low → high. */
const sequential = ['#fef0d9', '#fdcc8a', '#fc8d59', '#e34a33', '#b30000'];
/** Lag colours (RdYlGn): far behind → slightly behind, on plan, slightly ahead → far ahead. */
export const BEHIND_COLORS = ['#a50026', '#d73027', '#f46d43', '#fdae61', '#fee08b'];
export const ON_PLAN_COLOR = '#ffffbf';
export const AHEAD_COLORS = ['#d9ef8b', '#a6d96a', '#66bd63', '#1a9850', '#006837'];
/** Within this much of the plan (a share of target), a class counts as on plan. */
const ON_PLAN = 0.0005;

/** `n` colours spread evenly over a ramp. */
const spread = (ramp: readonly string[], n: number) =>
  Array.from({ length: n }, (_, j) => ramp[n === 1 ? Math.floor((ramp.length - 1) / 2) : Math.round((j * (ramp.length - 1)) / (n - 1))]);

/**
 * Diverging colours for lag classes (ascending): classes behind plan get reds, ahead greens, the
 * class around zero yellow, so a class is never green while behind plan. `sign` −1 flips it for
 * indicators where less is better.
 */
function lagColors(classes: readonly { from: number; to: number }[], sign: 1 | -1): string[] {
  const oriented = classes.map((c, i) => ({ i, o: (sign * (c.from + c.to)) / 2 }));
  const behind = oriented.filter((c) => c.o < -ON_PLAN).sort((a, b) => a.o - b.o);
  const ahead = oriented.filter((c) => c.o > ON_PLAN).sort((a, b) => a.o - b.o);
  const colors = classes.map(() => ON_PLAN_COLOR);
  spread(behind.length === 1 ? BEHIND_COLORS.slice(0, 3) : BEHIND_COLORS, behind.length).forEach((color, j) => (colors[behind[j].i] = color));
  spread(ahead.length === 1 ? AHEAD_COLORS.slice(2) : AHEAD_COLORS, ahead.length).forEach((color, j) => (colors[ahead[j].i] = color));
  return colors;
}
export const NO_DATA_COLOR = '#b8b8b8';

/** The number coloured for one area, or null for no data. Values are shares (0..1 = 0..100 %). */
export function areaMetric(area: AreaProgress, indicator: Indicator, mode: ChoroplethMode): number | null {
  const entry = area.indicators[indicator.key];
  if (!entry || area.suppressed || entry.value === null) return null;
  if (mode === 'lag') return entry.status === null || entry.lagShare === null ? null : entry.lagShare;
  if (indicator.kind === 'share') return entry.value;
  return entry.target ? entry.value / entry.target : null;
}

export interface ChoroplethClass {
  color: string;
  /** Lower bound (inclusive) and upper bound of the class, as shares. */
  from: number;
  to: number;
}

export interface Choropleth {
  classes: ChoroplethClass[];
  /** Fill colour by area code; no-data areas get NO_DATA_COLOR. */
  colorByCode: Map<string, string>;
}

/** Classes and colours for the areas of one level: 5 quantile classes plus no data. */
export function buildChoropleth(areas: readonly AreaProgress[], indicator: Indicator, mode: ChoroplethMode): Choropleth {
  const metrics = new Map(areas.map((a) => [a.code, areaMetric(a, indicator, mode)]));
  // Never more classes than distinct values (three counties make three classes, not five).
  const distinct = new Set([...metrics.values()].filter((v) => v !== null)).size;
  const { breaks, min, max } = quantileBreaks(metrics.values(), Math.max(1, Math.min(CLASS_COUNT, distinct)));
  const n = min === null ? 0 : breaks.length + 1;
  const bounds = Array.from({ length: n }, (_, i) => ({ from: i === 0 ? min! : breaks[i - 1], to: i === n - 1 ? max! : breaks[i] }));
  // Where less is better (households at risk), being above plan is bad.
  const colors = mode === 'lag' ? lagColors(bounds, indicator.higherIsBetter ? 1 : -1) : spread(sequential, n);
  const classes: ChoroplethClass[] = bounds.map((b, i) => ({ color: colors[i], ...b }));
  const colorByCode = new Map<string, string>();
  for (const [code, metric] of metrics) colorByCode.set(code, metric === null ? NO_DATA_COLOR : colors[classOf(metric, breaks)]);
  return { classes, colorByCode };
}

/** A share as a percentage for the legend, signed in lag mode. */
export function formatShare(value: number, signed = false, digits = Math.abs(value) < 0.1 ? 1 : 0): string {
  const text = `${(value * 100).toFixed(digits)}%`;
  return signed && value > 0 && Number(text.slice(0, -1)) !== 0 ? `+${text}` : text;
}

/** Enough decimals (0–2) that the classes' bounds read as distinct percentages. */
export function legendDigits(classes: readonly ChoroplethClass[]): number {
  const bounds = [...new Set(classes.flatMap((c) => [c.from, c.to]))];
  for (let digits = 0; digits < 2; digits++) {
    if (new Set(bounds.map((b) => (b * 100).toFixed(digits))).size === bounds.length) return digits;
  }
  return 2;
}
