import { useEffect, useId, useRef, useState } from 'react';
import { fetchSearch } from './api/fetchSearch.ts';
import type { SearchResult } from './api/types.ts';
import { placeName, type Locale, type Messages } from './i18n/messages.ts';

const DEBOUNCE_MS = 250;

const typeKey = {
  city: 'searchTypeCity',
  county: 'searchTypeCounty',
  township: 'searchTypeTownship',
  village: 'searchTypeVillage',
  project: 'searchTypeProject',
  park: 'searchTypePark',
} as const satisfies Record<SearchResult['type'], keyof Messages>;

export interface SearchBoxProps {
  messages: Messages;
  /** Names are shown in it: an area's English name (pinyin) in English. */
  locale?: Locale;
  onChoose: (result: SearchResult) => void;
  onError?: (error: unknown) => void;
}

/** A search field: debounced `/api/search`, a list of hits, choosing one hands it to `onChoose`. */
export function SearchBox({ messages, locale = 'zh', onChoose, onError }: SearchBoxProps) {
  const [text, setText] = useState('');
  const [results, setResults] = useState<SearchResult[] | null>(null);
  const listId = useId();
  // The name a choice wrote into the field: not searched for again.
  const chosen = useRef<string | null>(null);

  useEffect(() => {
    const q = text.trim();
    if (q === '' || text === chosen.current) {
      setResults(null);
      return;
    }
    const abort = new AbortController();
    const timer = window.setTimeout(() => {
      fetchSearch(q.slice(0, 40), 10, abort.signal)
        .then(setResults)
        .catch((reason: unknown) => {
          if (!abort.signal.aborted) onError?.(reason);
        });
    }, DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      abort.abort();
    };
  }, [text, onError]);

  const choose = (result: SearchResult) => {
    chosen.current = placeName(result, locale);
    setText(chosen.current);
    setResults(null);
    onChoose(result);
  };

  return (
    <section className="search" role="search" aria-label={messages.searchLabel}>
      <input
        type="search"
        data-testid="search-input"
        placeholder={messages.searchPlaceholder}
        aria-label={messages.searchLabel}
        aria-controls={listId}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && results && results[0]) choose(results[0]);
          if (e.key === 'Escape') setResults(null);
        }}
      />
      {results && (
        <ul id={listId} className="search-results" data-testid="search-results">
          {results.length === 0 && <li className="search-empty">{messages.searchNoResults}</li>}
          {results.map((r) => (
            <li key={`${r.type}:${r.id}`}>
              <button type="button" data-type={r.type} data-id={r.id} onClick={() => choose(r)}>
                <span className="search-name">{placeName(r, locale)}</span>
                <span className="search-type">{messages[typeKey[r.type]]}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
