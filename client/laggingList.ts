import type { Indicator } from './api/types.ts';
import type { Locale, Messages } from './i18n/messages.ts';

/**
 * How the panel's "children behind plan" list writes the number it is sorted by: the lag in the
 * indicator's own unit (a share in percentage points), with the fewest decimals (0–2) at which
 * rows with different lags read differently and no lag reads as zero. Pure.
 */

/** A lag as the list shows it: counts as they are, shares in percentage points. */
const shown = (lag: number, indicator: Pick<Indicator, 'kind'>) => (indicator.kind === 'share' ? lag * 100 : lag);

/** The decimals that tell the rows apart: counts start at whole units, percentage points at one decimal. */
export function lagDigits(lags: readonly (number | null)[], indicator: Pick<Indicator, 'kind'>): number {
  const values = [...new Set(lags.filter((v): v is number => v !== null && Number.isFinite(v)).map((v) => shown(v, indicator)))];
  for (let digits = indicator.kind === 'share' ? 1 : 0; digits < 2; digits++) {
    const texts = values.map((v) => Math.abs(v).toFixed(digits) === (0).toFixed(digits) && v !== 0 ? null : v.toFixed(digits));
    if (texts.every((t) => t !== null) && new Set(texts).size === values.length) return digits;
  }
  return 2;
}

/** A signed number with a real minus sign, grouped in the UI's locale; zero unsigned (never "−0"). */
export function signedNumber(value: number, digits: number, locale: Locale): string {
  const abs = Math.abs(value);
  const text = abs.toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  if (Number(abs.toFixed(digits)) === 0) return text;
  return `${value < 0 ? '−' : '+'}${text}`;
}

/** The lag in the indicator's unit: "−172", "−3.2 个百分点"; a dash without one. */
export function formatLag(lag: number | null, indicator: Pick<Indicator, 'kind'>, digits: number, locale: Locale, messages: Pick<Messages, 'lagPercentPoints'>): string {
  if (lag === null || !Number.isFinite(lag)) return '—';
  const text = signedNumber(shown(lag, indicator), digits, locale);
  return indicator.kind === 'share' ? `${text} ${messages.lagPercentPoints}` : text;
}

/** The lag as a share of target, beside it: "−3.9%" (one decimal; never "−0.0%"). */
export function formatLagShare(lagShare: number | null, locale: Locale): string {
  if (lagShare === null || !Number.isFinite(lagShare)) return '—';
  return `${signedNumber(lagShare * 100, 1, locale)}%`;
}

/** The server's order kept; small units apart, after the others. */
export function splitSmallUnits<A extends { smallUnit?: boolean }>(areas: readonly A[]): { main: A[]; small: A[] } {
  return { main: areas.filter((a) => !a.smallUnit), small: areas.filter((a) => a.smallUnit) };
}
