import { useCallback, useEffect, useRef, useState } from 'react';
import { getJson, HttpError } from '../api/getJson.ts';
import type { HistoryResponse, IndicatorCatalogue, LaggingResponse } from '../api/types.ts';
import type { Summary } from '../api/types.ts';

export interface WallData {
  summary: Summary;
  /** The city's townships furthest behind plan on people lifted. */
  lagging: LaggingResponse['areas'];
  /** Per county: its townships furthest behind, each with its worst villages (for the tour). */
  laggingByCounty: Map<string, LaggingResponse['areas']>;
  trend: HistoryResponse['points'];
  catalogue: IndicatorCatalogue;
}

export interface WallState {
  data: WallData | null;
  /** When the figures on screen were last fetched (the screen's clock). */
  fetchedAt: Date | null;
  /** The server cannot be reached: the figures are the last ones fetched. */
  stale: boolean;
  /** A problem that needs a person (a refused display token). */
  fatal: string | null;
  /** How many times the data was refreshed (for tests and the stamp). */
  refreshes: number;
}

const BACKSTOP_MS = 60_000;
const RECONNECT_MS = 4_000;
/** The indicator the wall ranks and tours by. */
export const TOUR_INDICATOR = 'people_lifted';

async function load(token: string | null, signal: AbortSignal): Promise<WallData> {
  const get = <T,>(path: string) => getJson<T>(path, signal, token);
  const [summary, catalogue] = await Promise.all([get<Summary>('/api/summary'), get<IndicatorCatalogue>('/api/indicators')]);
  const asOf = summary.asOf;
  // One ranking of every township: the ranking does not depend on the parent, so each county's
  // worst are the city-wide list filtered by county (one request, not one per county).
  const [lagging, trend] = await Promise.all([
    get<LaggingResponse>(`/api/lagging?level=township&indicator=${TOUR_INDICATOR}&asOf=${asOf}&limit=2000`),
    get<HistoryResponse>(`/api/progress/${summary.city.code}/history?indicators=${TOUR_INDICATOR}&interval=week&from=${asOf.slice(0, 4)}-01-01&to=${asOf}`),
  ]);
  return {
    summary,
    catalogue,
    lagging: lagging.areas.slice(0, 6),
    trend: trend.points,
    laggingByCounty: new Map(summary.counties.map((c) => [c.code, lagging.areas.filter((a) => a.parent === c.code).slice(0, 3)])),
  };
}

/**
 * The wall screen's figures, kept current by the server's change events (`/api/events`); a slow
 * backstop refresh covers a lost event. When the server is unreachable the last figures stay and
 * `stale` is set; the event stream reconnects by itself and clears it.
 */
export function useWallData(token: string | null): WallState {
  const [state, setState] = useState<WallState>({ data: null, fetchedAt: null, stale: false, fatal: null, refreshes: 0 });
  const running = useRef<AbortController | null>(null);

  const refresh = useCallback(() => {
    running.current?.abort();
    const abort = new AbortController();
    running.current = abort;
    load(token, abort.signal)
      .then((data) => {
        if (!abort.signal.aborted) setState((s) => ({ data, fetchedAt: new Date(), stale: false, fatal: null, refreshes: s.refreshes + 1 }));
      })
      .catch((reason: unknown) => {
        if (abort.signal.aborted) return;
        const fatal = reason instanceof HttpError && reason.status === 401 ? 'token' : null;
        setState((s) => ({ ...s, stale: true, fatal }));
      });
  }, [token]);

  useEffect(() => {
    refresh();
    let events: EventSource | null = null;
    let retry: number | undefined;
    let lost = false;
    const connect = () => {
      events = new EventSource(`/api/events${token ? `?display=${encodeURIComponent(token)}` : ''}`);
      events.addEventListener('change', () => refresh());
      events.addEventListener('hello', () => {
        // Connected again after a loss: what changed meanwhile is fetched now.
        if (lost) refresh();
        lost = false;
      });
      events.addEventListener('error', () => {
        lost = true;
        setState((s) => ({ ...s, stale: true }));
        // The browser retries a dropped stream itself, but gives up on an HTTP error (a proxy's 502).
        if (events?.readyState === EventSource.CLOSED) {
          events.close();
          retry = window.setTimeout(connect, RECONNECT_MS);
        }
      });
    };
    connect();
    const backstop = window.setInterval(refresh, BACKSTOP_MS);
    return () => {
      events?.close();
      window.clearTimeout(retry);
      window.clearInterval(backstop);
      running.current?.abort();
    };
  }, [token, refresh]);

  return state;
}
