import { useEffect, useState } from 'react';
import { fetchHealth } from './api/fetchHealth.ts';
import { Header } from './Header.tsx';
import { Legend } from './Legend.tsx';
import { messages } from './i18n/messages.ts';
import { resolveLocale } from './i18n/resolveLocale.ts';
import { MapView } from './map/MapView.tsx';

/** The first screen: title bar, synthetic-data notice, and the full-window boundary map. */
export function App() {
  const [locale] = useState(resolveLocale);
  const text = messages[locale];
  const [synthetic, setSynthetic] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    document.documentElement.lang = locale === 'zh' ? 'zh-CN' : 'en';
    document.title = text.documentTitle;
  }, [locale, text]);

  useEffect(() => {
    const abort = new AbortController();
    fetchHealth(abort.signal)
      .then((health) => setSynthetic(health.synthetic))
      .catch((reason: unknown) => {
        if (!abort.signal.aborted) setError(String(reason instanceof Error ? reason.message : reason));
      });
    return () => abort.abort();
  }, []);

  return (
    <div className="app">
      <MapView messages={text} onError={(reason) => setError(reason instanceof Error ? reason.message : String(reason))} />
      <Header messages={text} locale={locale} synthetic={synthetic} error={error} />
      <Legend messages={text} />
    </div>
  );
}
