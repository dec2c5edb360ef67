import type { AreaProgress, Indicator } from '../api/types.ts';
import type { Messages } from '../i18n/messages.ts';
import {
  FIXED_BREAKS, figureColor, lagLegend, NO_DATA_COLOR, valueColor, valueLegend, valueShare, type ValueMethod,
} from '../../server/domain/legend.ts';
import type { LagClass } from '../../server/domain/progressStatus.ts';

export { NO_DATA_COLOR };
export type { ValueMethod };

/** What the fill shows: the value (share of target, or the share itself), or the lag against plan. */
export type ChoroplethMode = 'value' | 'lag';

export interface ChoroplethClass {
  color: string;
  /** Lower bound (inclusive) and upper bound of the class, as shares; ±Infinity at open ends. */
  from: number;
  to: number;
  /** The status class, in lag mode. */
  lagClass?: LagClass;
}

export interface Choropleth {
  classes: ChoroplethClass[];
  /** Fill colour by area code; no-data areas get NO_DATA_COLOR. */
  colorByCode: Map<string, string>;
}

/** What value mode colours for one area: valueShare, or null when hidden from the public. */
export function areaValue(area: AreaProgress, indicator: Indicator): number | null {
  return area.suppressed ? null : valueShare(area.indicators[indicator.key], indicator.kind);
}

/**
 * Classes and colours for the areas of one level. Lag: always the four status classes, each area
 * coloured by the status the API sent (figureColor), whatever else is on screen. Value: blues cut
 * at `breaks` (the fixed 20 % steps unless the caller brings a whole-period scale).
 */
export function buildChoropleth(areas: readonly AreaProgress[], indicator: Indicator, mode: ChoroplethMode, breaks: readonly number[] = FIXED_BREAKS): Choropleth {
  const colorByCode = new Map<string, string>();
  if (mode === 'lag') {
    for (const a of areas) colorByCode.set(a.code, figureColor(a.indicators[indicator.key]));
    return { classes: lagLegend(), colorByCode };
  }
  for (const a of areas) colorByCode.set(a.code, valueColor(areaValue(a, indicator), breaks));
  return { classes: valueLegend(breaks), colorByCode };
}

/** A share as a percentage, with a real minus sign and, when `signed`, a plus; never "−0%". */
export function formatShare(value: number, signed = false, digits = 0): string {
  const text = (Math.abs(value) * 100).toFixed(digits);
  const zero = Number(text) === 0;
  const sign = zero ? '' : value < 0 ? '−' : signed ? '+' : '';
  return `${sign}${text}%`;
}

/** Enough decimals (0–2) that the classes' finite bounds read as distinct percentages. */
export function legendDigits(classes: readonly { from: number; to: number }[]): number {
  const bounds = [...new Set(classes.flatMap((c) => [c.from, c.to]).filter(Number.isFinite))];
  for (let digits = 0; digits < 2; digits++) {
    if (new Set(bounds.map((b) => (b * 100).toFixed(digits))).size === bounds.length) return digits;
  }
  return 2;
}

/** The range a class covers, as the legend writes it: "< a", "a ~ b", "> b" / "≥ b". */
export function classRange(c: { from: number; to: number }, mode: ChoroplethMode, digits: number): string {
  const signed = mode === 'lag';
  const f = (v: number) => formatShare(v, signed, digits);
  if (!Number.isFinite(c.from) && !Number.isFinite(c.to)) return '—';
  if (!Number.isFinite(c.from)) return `< ${f(c.to)}`;
  // The top lag class starts just above its bound (status "ahead" is > +5 %); value classes at it.
  if (!Number.isFinite(c.to)) return `${mode === 'lag' ? '>' : '≥'} ${f(c.from)}`;
  return `${f(c.from)} ~ ${f(c.to)}`;
}

/** The name of a lag class, in the UI's language. */
export function lagClassName(c: LagClass, messages: Messages): string {
  return { far_behind: messages.statusFarBehind, behind: messages.statusBehind, on_track: messages.statusOnTrack, ahead: messages.legendLagAhead }[c];
}

export interface LegendItem {
  color: string;
  /** The class's name (lag mode only). */
  name: string | null;
  range: string;
}

/** The legend's lines for the classes on the map (no-data comes after them). */
export function legendItems(classes: readonly ChoroplethClass[], mode: ChoroplethMode, messages: Messages): LegendItem[] {
  const digits = legendDigits(classes);
  return classes.map((c) => ({
    color: c.color,
    name: c.lagClass ? lagClassName(c.lagClass, messages) : null,
    range: classRange(c, mode, digits),
  }));
}

/** The name of a value classification, as the controls and the legend write it. */
export function methodName(method: ValueMethod, messages: Messages): string {
  return method === 'quantile' ? messages.classifyQuantile : method === 'equal' ? messages.classifyEqual : messages.classifyFixed;
}

/** Whether a value method needs the whole-period scale from the server. */
export const needsScale = (method: ValueMethod): method is Exclude<ValueMethod, 'fixed'> => method !== 'fixed';
