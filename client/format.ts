import type { Indicator, ProgressStatus } from './api/types.ts';
import type { Locale, Messages } from './i18n/messages.ts';

/** An indicator's value: a grouped count or a percentage; a dash for none. */
export function formatIndicatorValue(value: number | null, indicator: Indicator, locale: Locale): string {
  if (value === null || !Number.isFinite(value)) return '—';
  if (indicator.kind === 'share') return `${(value * 100).toFixed(1)}%`;
  return Math.round(value).toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-US');
}

/** A change as an arrow and its size (▲ up, ▼ down, ■ none), with `format` for the number. */
export function changeArrow(value: number | null, format: (v: number) => string): string {
  if (value === null) return '—';
  return value > 0 ? `▲ ${format(value)}` : value < 0 ? `▼ ${format(-value)}` : '■ 0';
}

export function indicatorName(indicator: Indicator, locale: Locale): string {
  return locale === 'zh' ? indicator.nameZh : indicator.nameEn;
}

export function statusText(status: ProgressStatus | null, messages: Messages): string {
  if (status === 'on_track') return messages.statusOnTrack;
  if (status === 'behind') return messages.statusBehind;
  if (status === 'far_behind') return messages.statusFarBehind;
  return messages.statusNone;
}
