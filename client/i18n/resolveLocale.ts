import type { Locale } from './messages.ts';

/** The locale asked for by `?lang=en|zh`; Chinese unless English is asked for. */
export function resolveLocale(search: string = window.location.search): Locale {
  const lang = new URLSearchParams(search).get('lang');
  return lang === 'en' ? 'en' : 'zh';
}
