/**
 * What the wall shows about an area, from one figure: its place in the ranking (the one rule),
 * its lag class, its colour and the numbers written beside it. The county list, its badge, the
 * map and the caption all read from here, so they cannot disagree. Pure.
 */
import type { Indicator, IndicatorValue } from '../api/types.ts';
import { figureColor, lagLegend, type LegendClass } from '../../server/domain/legend.ts';
import { isBehind, lagClassOfFigure, type LagClass } from '../../server/domain/progressStatus.ts';
import { orderByLag } from '../../server/domain/ranking.ts';
import type { Locale, Messages } from '../i18n/messages.ts';

/** What the ranking rule needs of an indicator. */
export type RankIndicator = Parameters<typeof orderByLag>[1];

/** The catalogue's indicator as the ranking rule reads it (the catalogue types `unit` as a plain string). */
export const rankIndicator = (i: Indicator): RankIndicator => ({ key: i.key, higherIsBetter: i.higherIsBetter, unit: i.unit as RankIndicator['unit'], projects: i.projects });

export interface RankedFigure {
  code: string;
  name: string;
  value: IndicatorValue;
  /** Below the small-unit floor: shown apart, never first. */
  small: boolean;
  lagClass: LagClass | null;
  /** The palette colour of its lag class (figureColor): the bar and the map use exactly this. */
  color: string;
}

/** Areas with one figure each, in ranking-rule order (worst first, small units after, no lag last). */
export function rankFigures(areas: readonly { code: string; name: string; value: IndicatorValue }[], indicator: RankIndicator): RankedFigure[] {
  const rankable = areas.map((a) => ({ ...a, parent: null, indicators: { [indicator.key]: a.value } }));
  return orderByLag(rankable, indicator).map(({ area, small }) => ({
    code: area.code,
    name: area.name,
    value: area.value,
    small,
    lagClass: lagClassOfFigure(area.value),
    color: figureColor(area.value),
  }));
}

/** The "furthest behind" badge goes to the first of the ranking only when it is a full unit actually behind plan. */
export const worstBadge = (ranked: readonly RankedFigure[]): string | null =>
  ranked.length > 0 && !ranked[0].small && isBehind(ranked[0].value.status) ? ranked[0].code : null;

/** Map colours for a tour stop: each area by the colour of its own figure (no quantiles). */
export function lagColors(areas: readonly { code: string; indicators: Readonly<Record<string, IndicatorValue | undefined>> }[], key: string): Map<string, string> {
  return new Map(areas.map((a) => [a.code, figureColor(a.indicators[key])]));
}

const MINUS = '\u2212';

/**
 * A signed number with as few decimals as tell it from zero: whole numbers normally, up to two
 * decimals for a lag under one half, so a list never shows "−0".
 */
export function signed(v: number, locale: Locale, unitDecimals = 0): string {
  if (v === 0) return '0';
  let d = unitDecimals;
  while (d < unitDecimals + 3 && Number((Math.abs(v)).toFixed(d)) === 0) d++;
  const body = Math.abs(v).toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
  return `${v < 0 ? MINUS : '+'}${body}`;
}

/** A lag share as a signed percentage: one decimal, more only when needed to differ from zero. */
export const signedShare = (v: number | null, locale: Locale): string => (v === null ? '—' : `${signed(v * 100, locale, 1)}%`);

/** A lag in the indicator's unit, signed; a dash without one. */
export const signedLag = (v: number | null | undefined, locale: Locale): string => (v === null || v === undefined ? '—' : signed(v, locale));

/** The words for a lag class: the status, with "ahead" for on track above +5 %. */
export function lagClassText(c: LagClass | null, text: Messages): string {
  if (c === 'far_behind') return text.statusFarBehind;
  if (c === 'behind') return text.statusBehind;
  if (c === 'on_track') return text.statusOnTrack;
  if (c === 'ahead') return text.wallAhead;
  return text.statusNone;
}

/** The wall map's legend: the four lag classes with their thresholds, in the palette's colours. */
export function wallLegend(text: Messages): (LegendClass & { label: string; range: string })[] {
  // Thresholds are whole percentages: written as such ("−15%"), not "−15.0%".
  const p = (v: number) => `${v < 0 ? MINUS : '+'}${Math.abs(v * 100).toFixed(0)}%`;
  return lagLegend().map((c) => ({
    ...c,
    label: lagClassText(c.lagClass ?? null, text),
    range: c.from === -Infinity ? `${text.wallBelow} ${p(c.to)}` : c.to === Infinity ? `${text.wallAbove} ${p(c.from)}` : `${p(c.from)} ~ ${p(c.to)}`,
  }));
}
