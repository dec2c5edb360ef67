/**
 * How the integrity screen writes and colours its figures: the wrong-exit estimate with its
 * interval, the class of a township's wrong-exit share, the risk bands' colours, signals and
 * standards in words, and the visit list grouped by township and village. Pure.
 */
import { EXIT_RISK } from '../../server/domain/exitRisk.ts';
import { INCOME_LINE_YUAN } from '../../server/domain/indicators.ts';
import { NO_DATA_COLOR } from '../../server/domain/legend.ts';
import type { Locale, MessageKey, Messages } from '../i18n/messages.ts';
import type { Estimate, RiskBand, SampleUnit, Standard } from './integrityTypes.ts';

/**
 * Risk bands: purple and brown, grey for low. Not red or orange: in this product those mean
 * behind plan (server/domain/legend.ts) and nothing else.
 */
export const BAND_COLORS: Readonly<Record<RiskBand, string>> = {
  high: '#5b2a86',
  medium: '#8c5a2b',
  low: '#c9c9c9',
};

export const BANDS: readonly RiskBand[] = ['high', 'medium', 'low'];

export const bandText = (band: RiskBand, text: Messages): string =>
  text[({ high: 'integrityBandHigh', medium: 'integrityBandMedium', low: 'integrityBandLow' } as const)[band]];

/**
 * A township's wrong-exit share in fixed classes, the same in every sample so maps compare:
 * none found, under 5 %, 5–10 %, 10–20 %, 20 % and more. Sequential purples, light to dark.
 */
export const WRONG_SHARE_CLASSES: readonly { from: number; to: number; color: string }[] = [
  { from: 0, to: 0, color: '#efedf5' },
  { from: 0, to: 0.05, color: '#cbc9e2' },
  { from: 0.05, to: 0.1, color: '#9e9ac8' },
  { from: 0.1, to: 0.2, color: '#756bb1' },
  { from: 0.2, to: Infinity, color: '#54278f' },
];

/** Grey: a township with no visit yet (nothing to say about it). */
export const NO_VISIT_COLOR = NO_DATA_COLOR;

/** The class (index into WRONG_SHARE_CLASSES) of a share; null before any visit. Exactly 0 is its own class. */
export function wrongShareClass(rate: number | null): number | null {
  if (rate === null || !Number.isFinite(rate)) return null;
  if (rate <= 0) return 0;
  for (let k = 1; k < WRONG_SHARE_CLASSES.length; k++) if (rate < WRONG_SHARE_CLASSES[k].to) return k;
  return WRONG_SHARE_CLASSES.length - 1;
}

export function wrongShareColor(rate: number | null): string {
  const k = wrongShareClass(rate);
  return k === null ? NO_VISIT_COLOR : WRONG_SHARE_CLASSES[k].color;
}

/** A share as a percentage with one decimal, without the sign: 0.0347 → "3.5". */
export function percent(share: number, locale: Locale = 'zh'): string {
  return (share * 100).toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/** The legend's words for each class: "0", "< 5 %", "5–10 %", "10–20 %", "≥ 20 %". */
export function wrongShareLegend(text: Messages): { color: string; label: string }[] {
  const p = (x: number) => String(Math.round(x * 100));
  return WRONG_SHARE_CLASSES.map((c, k) => ({
    color: c.color,
    label: k === 0 ? text.integrityShareNone : c.to === Infinity ? `≥ ${p(c.from)} %` : c.from === 0 ? `< ${p(c.to)} %` : `${p(c.from)}–${p(c.to)} %`,
  }));
}

/**
 * The estimate as one line: "错退率 3.5 %（95 % 区间 1.2–9.8 %）"; before any visit with a result,
 * that there is none yet.
 */
export function formatEstimate(e: Pick<Estimate, 'rate' | 'low' | 'high'>, text: Messages, locale: Locale = 'zh'): string {
  if (e.rate === null || e.low === null || e.high === null) return text.integrityNoEstimate;
  return text.integrityEstimate
    .replace('{rate}', percent(e.rate, locale))
    .replace('{low}', percent(e.low, locale))
    .replace('{high}', percent(e.high, locale));
}

/** Visited, wrong, could not visit, still to visit: "已走访 3 户（错退 1 户）· 未能走访 0 户 · 待走访 377 户". */
export function formatProgress(e: Pick<Estimate, 'visited' | 'wrong' | 'notVisited' | 'pending'>, text: Messages): string {
  return text.integrityProgress
    .replace('{visited}', String(e.visited))
    .replace('{wrong}', String(e.wrong))
    .replace('{notVisited}', String(e.notVisited))
    .replace('{pending}', String(e.pending));
}

const SIGNAL_KEYS: Readonly<Record<string, MessageKey>> = {
  overridden: 'signalOverridden',
  reversed: 'signalReversed',
  backdated: 'signalBackdated',
  income_crossed: 'signalIncomeCrossed',
  near_line: 'signalNearLine',
  income_jump: 'signalIncomeJump',
  guarantee_turned: 'signalGuaranteeTurned',
  housing_without_works: 'signalHousingWithoutWorks',
  burst: 'signalBurst',
  odd_hour: 'signalOddHour',
  bunched: 'signalBunched',
};

/** A risk signal in words, with the thresholds the score uses; an unknown one as the server names it. */
export function signalText(signal: string, text: Messages): string {
  const key = SIGNAL_KEYS[signal];
  if (!key) return signal;
  const values: Record<string, number> = {
    days: EXIT_RISK.backdatedDays,
    yuan: EXIT_RISK.nearLineYuan,
    line: INCOME_LINE_YUAN,
    jump: Math.round(EXIT_RISK.jumpShare * 100),
    exits: EXIT_RISK.burstExits,
    from: EXIT_RISK.workdayHours[0],
    to: EXIT_RISK.workdayHours[1],
  };
  return text[key].replace(/\{(\w+)\}/g, (all, k: string) => (k in values ? String(values[k]) : all));
}

const STANDARD_KEYS: Readonly<Record<Standard, MessageKey>> = {
  income: 'standardIncome',
  food_clothing: 'standardFoodClothing',
  education: 'standardEducation',
  medical: 'standardMedical',
  housing: 'standardHousing',
};

export function standardText(standard: string, text: Messages): string {
  const key = STANDARD_KEYS[standard as Standard];
  return key ? text[key] : standard;
}

export interface VisitGroup {
  township: string;
  townshipName: string;
  villages: { villageCode: string; villageName: string; units: SampleUnit[] }[];
  units: number;
}

/** The visit list as a field team walks it: by township, then village, then household id, in the server's order when it already is. */
export function groupVisitList(units: readonly SampleUnit[]): VisitGroup[] {
  const sorted = [...units].sort((a, b) =>
    a.township.localeCompare(b.township) || a.villageCode.localeCompare(b.villageCode) || a.householdId.localeCompare(b.householdId));
  const groups: VisitGroup[] = [];
  for (const u of sorted) {
    let g = groups[groups.length - 1];
    if (!g || g.township !== u.township) {
      g = { township: u.township, townshipName: u.townshipName, villages: [], units: 0 };
      groups.push(g);
    }
    let v = g.villages[g.villages.length - 1];
    if (!v || v.villageCode !== u.villageCode) {
      v = { villageCode: u.villageCode, villageName: u.villageName, units: [] };
      g.villages.push(v);
    }
    v.units.push(u);
    g.units += 1;
  }
  return groups;
}

/** Between items of a list of phrases: the Chinese enumeration mark, or a semicolon. */
export const listSeparator = (locale: Locale): string => (locale === 'zh' ? '；' : '; ');

/** Yuan per person and year, grouped: 3,712. */
export function yuan(value: number | null, locale: Locale = 'zh'): string {
  return value === null ? '—' : value.toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 0 });
}
