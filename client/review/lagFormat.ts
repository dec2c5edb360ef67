/**
 * How the review's lists write the number they are sorted by: the lag in the indicator's own unit
 * (people, households, villages…; percentage points for a share), with as many decimals as it
 * takes to tell the rows apart, and its lag share beside it. Never "−0". Pure.
 */
import { lagLegend, NO_DATA_COLOR, type LegendClass } from '../../server/domain/legend.ts';
import type { LagClass } from '../../server/domain/progressStatus.ts';
import { SMALL_UNIT_FLOOR } from '../../server/domain/ranking.ts';
import { decimalsToTellApart, lagInUnit } from '../../server/domain/lagPrecision.ts';
import type { Messages } from '../i18n/messages.ts';

/** The typographic minus: "−290" reads as a sign, not a dash. */
const MINUS = '\u2212';

/** A signed number with `decimals` decimals; anything that rounds to zero is a plain "0" (never "−0"). */
export function signed(value: number, decimals: number, locale: 'zh' | 'en' = 'zh'): string {
  const text = Math.abs(value).toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  if (Number(Math.abs(value).toFixed(decimals)) === 0) return text;
  return `${value < 0 ? MINUS : '+'}${text}`;
}

export { decimalsToTellApart, lagInUnit };

/** Writes the lags of one list in the indicator's unit, at the precision the whole list needs. */
export function lagFormatter(lags: readonly (number | null)[], kind: 'count' | 'share', locale: 'zh' | 'en' = 'zh'): (lag: number | null) => string {
  const d = decimalsToTellApart(lags.map((l) => lagInUnit(l, kind)));
  return (lag) => {
    const v = lagInUnit(lag, kind);
    return v === null ? '—' : signed(v, d, locale);
  };
}

/**
 * A lag share as a signed percentage ("−18.7%"): one decimal, more only where the share is what
 * orders two neighbours (their lags are equal) or where a share that is not zero would read as zero.
 */
export function lagShareFormatter(rows: readonly { lag: number | null; lagShare: number | null }[], locale: 'zh' | 'en' = 'zh'): (share: number | null) => string {
  const pct = (s: number | null) => (s === null || !Number.isFinite(s) ? null : s * 100);
  let d = 1;
  for (let i = 0; i < rows.length; i++) {
    const here = pct(rows[i].lagShare);
    if (here !== null && here !== 0) d = Math.max(d, decimalsToTellApart([here]));
    const before = i > 0 ? pct(rows[i - 1].lagShare) : null;
    if (before !== null && here !== null && rows[i].lag !== null && rows[i].lag === rows[i - 1].lag) d = Math.max(d, decimalsToTellApart([before, here]));
  }
  return (share) => {
    const v = pct(share);
    return v === null ? '—' : `${signed(v, d, locale)}%`;
  };
}

/** A percentage for legends: "−15%", "+5%". */
const pct = (x: number) => `${signed(x * 100, 0)}%`;

export interface LagLegendItem extends LegendClass {
  lagClass: LagClass;
  /** The thresholds, written: "< −15%", "−15% ~ −5%", "> +5%". */
  range: string;
}

/** The lag legend with its thresholds written out, worst first; the no-data colour separately. */
export function lagLegendItems(): LagLegendItem[] {
  return lagLegend().map((c) => ({
    ...c,
    lagClass: c.lagClass!,
    range: c.from === -Infinity ? `< ${pct(c.to)}` : c.to === Infinity ? `> ${pct(c.from)}` : `${pct(c.from)} ~ ${pct(c.to)}`,
  }));
}
export { NO_DATA_COLOR };

/** Text on a badge of this colour: dark on the light classes, white on the dark ones. */
export function badgeTextColor(background: string): string {
  const n = parseInt(background.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // Contrast against white (1.05 / (L + 0.05)) vs against near-black: pick the larger.
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.05 ? '#ffffff' : '#1f1a17';
}

/** The unit a lag is written in: the indicator's own, percentage points for a share. */
export function lagUnitLabel(unit: string, text: Messages): string {
  const key = ({ people: 'reviewUnitPeople', households: 'reviewUnitHouseholds', villages: 'reviewUnitVillages', projects: 'reviewUnitProjects', person_times: 'reviewUnitPersonTimes', events: 'reviewUnitEvents', share: 'reviewUnitShare' } as const)[unit];
  return key ? text[key] : '';
}

/** Why small units are listed apart, with the floors the ranking rule uses. */
export function smallUnitsWhy(text: Messages): string {
  return text.reviewSmallUnitsWhy.replace(/\{(people|households|share)\}/g, (_, k: keyof typeof SMALL_UNIT_FLOOR) => String(SMALL_UNIT_FLOOR[k]));
}
