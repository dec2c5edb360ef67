import type { ReactNode } from 'react';
import type { Locale, Messages } from './i18n/messages.ts';

export interface HeaderProps {
  messages: Messages;
  locale: Locale;
  /** From `/api/health`; null while unknown. */
  synthetic: boolean | null;
  error: string | null;
  /** The sign-in control, at the right end. */
  account?: ReactNode;
}

/** The title bar, with the synthetic-data notice and a language switch. */
export function Header({ messages, locale, synthetic, error, account }: HeaderProps) {
  const otherLocale: Locale = locale === 'zh' ? 'en' : 'zh';
  return (
    <header className="header">
      <h1 className="header-title">{messages.title}</h1>
      {synthetic && (
        <p className="synthetic-notice" role="note" data-testid="synthetic-notice">
          {messages.syntheticNotice}
        </p>
      )}
      {error && (
        <p className="load-error" role="alert">
          {messages.loadError}: {error}
        </p>
      )}
      <a
        className="language-switch"
        href={`?lang=${otherLocale}`}
        lang={otherLocale}
        onClick={(event) => {
          // Keep the shared state (indicator, date, selection, view) across the switch.
          event.preventDefault();
          const query = new URLSearchParams(window.location.search);
          query.set('lang', otherLocale);
          window.location.search = query.toString().replace(/%2C/g, ',');
        }}
      >
        {messages.languageSwitch}
      </a>
      {account}
    </header>
  );
}
