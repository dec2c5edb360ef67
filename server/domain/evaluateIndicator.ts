import type { AreaLevel } from './areaCodes.ts';
import { appliesAt, type AreaTotals, type Indicator } from './indicators.ts';
import { plannedShare } from './plannedCurve.ts';
import { statusOf, type ProgressStatus } from './progressStatus.ts';

export interface IndicatorValue {
  key: string;
  /** A count, or a share from 0 to 1. Null where the figure is not recorded for the area. */
  value: number | null;
  target: number | null;
  /** What the plan expects by the date. */
  planned: number | null;
  /** value − planned, in the indicator's unit. */
  lag: number | null;
  /** lag / target: comparable across areas and indicators. */
  lagShare: number | null;
  status: ProgressStatus | null;
  /** Shares: the households (or yuan) meeting it, of how many; and how many fail it. */
  numerator?: number;
  denominator?: number;
  failing?: number;
}

const round = (x: number | null, digits: number) => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);

/**
 * One indicator of one area as of a date, against its target and plan. `baseline` is the same
 * area at the start of the year: a share's plan runs from where the area started to its target.
 */
export function evaluateIndicator(indicator: Indicator, totals: AreaTotals, baseline: AreaTotals, storedTarget: number | null, asOf: string): IndicatorValue {
  const due = indicator.curve ? plannedShare(indicator.curve, asOf) : null;
  if (indicator.kind === 'count') {
    const value = indicator.value(totals);
    const target = storedTarget ?? indicator.defaultTarget(totals);
    if (value === null) return { key: indicator.key, value: null, target, planned: null, lag: null, lagShare: null, status: null };
    const planned = due !== null && target !== null ? target * due : null;
    const lag = planned !== null ? value - planned : null;
    const lagShare = lag !== null && target ? lag / target : null;
    return { key: indicator.key, value, target, planned: round(planned, 2), lag: round(lag, 2), lagShare: round(lagShare, 4), status: statusOf(lagShare) };
  }
  const numerator = indicator.numerator(totals);
  const denominator = indicator.denominator(totals);
  const value = denominator > 0 ? numerator / denominator : null;
  const failing = indicator.unit === 'share' && indicator.key !== 'funds_disbursed' ? denominator - numerator : undefined;
  const baseDen = indicator.denominator(baseline);
  const start = baseDen > 0 ? indicator.numerator(baseline) / baseDen : 0;
  const from = Math.min(start, indicator.target);
  const planned = due !== null && value !== null ? from + (indicator.target - from) * due : null;
  const lag = planned !== null && value !== null ? value - planned : null;
  const lagShare = lag !== null ? lag / indicator.target : null;
  return {
    key: indicator.key, value: round(value, 4), target: indicator.target, planned: round(planned, 4), lag: round(lag, 4),
    lagShare: round(lagShare, 4), status: statusOf(lagShare), numerator, denominator, ...(failing !== undefined ? { failing } : {}),
  };
}

/** A figure with nothing to show: hidden, or not recorded for the area. */
export const emptyValue = (key: string): IndicatorValue => ({ key, value: null, target: null, planned: null, lag: null, lagShare: null, status: null });

/**
 * One area's indicators as of a date: empty where an indicator is not recorded at its level.
 * `specialty`: project figures are of one specialty, so the stored all-project targets do not apply.
 */
export function evaluateArea(level: AreaLevel, indicators: readonly Indicator[], totals: AreaTotals, baseline: AreaTotals,
  targets: ReadonlyMap<string, number> | undefined, asOf: string, specialty = false): Record<string, IndicatorValue> {
  const out: Record<string, IndicatorValue> = {};
  for (const ind of indicators) {
    const stored = specialty && ind.projects ? null : targets?.get(ind.key) ?? null;
    out[ind.key] = appliesAt(ind, level) ? evaluateIndicator(ind, totals, baseline, stored, asOf) : emptyValue(ind.key);
  }
  return out;
}
