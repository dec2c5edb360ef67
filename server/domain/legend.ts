/**
 * What a colour on a map means, in one place for every screen (map, wall, review, meeting mode,
 * printed report, workbook): lag is coloured by the status classes, never by where the values on
 * screen happen to fall; values by one sequential palette that is not the alarm red. Pure.
 */
import type { IndicatorValue } from './evaluateIndicator.ts';
import { LAG_CLASS_BOUNDS, LAG_CLASSES, lagClassOf, lagClassOfFigure, type LagClass, type ProgressStatus } from './progressStatus.ts';

/** Behind plan in reds, on track and ahead in greens (diverging, centred on zero lag); red means behind plan and nothing else. */
export const LAG_CLASS_COLORS: Readonly<Record<LagClass, string>> = {
  far_behind: '#c4161c',
  behind: '#f08c2e',
  on_track: '#a6d96a',
  ahead: '#1a9850',
};

/** A status's colour: on track is the on-track class (ahead is a kind of on track). */
export const STATUS_COLORS: Readonly<Record<ProgressStatus, string>> = {
  far_behind: LAG_CLASS_COLORS.far_behind,
  behind: LAG_CLASS_COLORS.behind,
  on_track: LAG_CLASS_COLORS.on_track,
};

/** No figure: not recorded, no plan, or hidden for privacy. */
export const NO_DATA_COLOR = '#b8b8b8';

/** Values (share of target, or a share): low → high, in blues, so that no value reads as an alarm. */
export const VALUE_COLORS = ['#deebf7', '#9ecae1', '#6baed6', '#3182bd', '#08519c'] as const;

export interface LegendClass {
  /** Lower bound (inclusive) and upper bound; ±Infinity at open ends. Shares (0..1 = 0..100 %). */
  from: number;
  to: number;
  color: string;
  /** The status class, for lag legends. */
  lagClass?: LagClass;
}

/** The lag legend: always the four status classes, worst first, with their thresholds. */
export function lagLegend(): LegendClass[] {
  return LAG_CLASSES.map((c) => ({ ...LAG_CLASS_BOUNDS[c], color: LAG_CLASS_COLORS[c], lagClass: c }));
}

/** The colour of a figure from the API: the colour of its status (ahead above +5 %); grey without one. Use this on screens. */
export function figureColor(v: Pick<IndicatorValue, 'status' | 'lagShare'> | undefined): string {
  const c = lagClassOfFigure(v);
  return c ? LAG_CLASS_COLORS[c] : NO_DATA_COLOR;
}

/** The colour of a lag share: the colour of its status class. */
export function lagColor(lagShare: number | null): string {
  const c = lagClassOf(lagShare);
  return c ? LAG_CLASS_COLORS[c] : NO_DATA_COLOR;
}

/**
 * How value classes are cut. 'fixed': steps of 20 % of the target (the same every day and in
 * every area); 'quantile' and 'equal': from the values over the whole period shown, so that a
 * colour changes only when the value does.
 */
export const VALUE_METHODS = ['fixed', 'quantile', 'equal'] as const;
export type ValueMethod = (typeof VALUE_METHODS)[number];

/** The fixed breaks: 20, 40, 60, 80 % of target. */
export const FIXED_BREAKS = [0.2, 0.4, 0.6, 0.8] as const;

/** The p-quantile (0..1) of ascending `sorted` values, linearly interpolated (R type 7). */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (h - lo);
}

/** Round to 4 decimals (0.01 %), so that breaks read as they are used. */
const r4 = (x: number) => Math.round(x * 10000) / 10000;

/**
 * Breaks (ascending, distinct, each strictly inside the values' range) for up to `classes` classes
 * of the finite values. No class is ever degenerate: a break is kept only when values fall on both
 * sides of it, so repeated values give fewer classes, and one distinct value gives one class.
 */
export function valueBreaks(values: Iterable<number | null | undefined>, method: Exclude<ValueMethod, 'fixed'>, classes: number = VALUE_COLORS.length): number[] {
  const sorted = [...values].filter((v): v is number => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  const candidates = Array.from({ length: classes - 1 }, (_, i) =>
    r4(method === 'quantile' ? quantile(sorted, (i + 1) / classes) : min + ((max - min) * (i + 1)) / classes));
  const breaks: number[] = [];
  for (const b of candidates) {
    // A value in the class below it, and (b <= max) one at or above it.
    const prev = breaks.length ? breaks[breaks.length - 1] : -Infinity;
    if (b > min && b <= max && b > prev && sorted.some((v) => v >= prev && v < b)) breaks.push(b);
  }
  return breaks;
}

/** The class index (0..breaks.length) of a value: how many breaks are at or below it. */
export function classOf(value: number, breaks: readonly number[]): number {
  let k = 0;
  while (k < breaks.length && value >= breaks[k]) k++;
  return k;
}

/** A value legend from breaks: open-ended first and last classes, colours spread over the palette. */
export function valueLegend(breaks: readonly number[]): LegendClass[] {
  const n = breaks.length + 1;
  const colors = spread(VALUE_COLORS, n);
  return colors.map((color, i) => ({ from: i === 0 ? -Infinity : breaks[i - 1], to: i === n - 1 ? Infinity : breaks[i], color }));
}

/** The colour of a value under a value legend's breaks. */
export function valueColor(value: number | null, breaks: readonly number[]): string {
  if (value === null || !Number.isFinite(value)) return NO_DATA_COLOR;
  return spread(VALUE_COLORS, breaks.length + 1)[classOf(value, breaks)];
}

/** `n` colours spread evenly over a ramp, ends included. */
function spread(ramp: readonly string[], n: number): string[] {
  if (n === 1) return [ramp[Math.floor((ramp.length - 1) / 2)]];
  return Array.from({ length: n }, (_, j) => ramp[Math.round((j * (ramp.length - 1)) / (n - 1))]);
}

/**
 * What value mode colours for one figure: a share as it is, a count as a share of its target;
 * null without a value or a target.
 */
export function valueShare(v: Pick<IndicatorValue, 'value' | 'target'> | undefined, kind: 'count' | 'share'): number | null {
  if (!v || v.value === null) return null;
  if (kind === 'share') return v.value;
  return v.target ? v.value / v.target : null;
}
