import { useCallback, useEffect, useRef, useState } from 'react';
import { openChangeFeed } from '../api/changeFeed.ts';
import { getJson, HttpError } from '../api/getJson.ts';
import { urls } from '../api/urls.ts';
import type { HistoryResponse, IndicatorCatalogue, LaggingResponse } from '../api/types.ts';
import type { Summary } from '../api/types.ts';
import { childLevel } from '../../server/domain/areaCodes.ts';
import type { SubLevel } from '../state/areaCodes.ts';

export interface WallData {
  summary: Summary;
  /**
   * The root's grandchildren on people lifted in ranking-rule order (the server's), small units
   * after: a city's townships, a province's counties.
   */
  lagging: LaggingResponse['areas'];
  /** Per child of the root: its children furthest behind, each with its worst children (for the tour). */
  laggingBelow: Map<string, LaggingResponse['areas']>;
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

export interface WallFeed extends WallState {
  /** The data version the change feed announced last (a cache key part for the wall's other answers). */
  version: number;
}

const BACKSTOP_MS = 60_000;
/** The indicator the wall ranks and tours by. */
export const TOUR_INDICATOR = 'people_lifted';

async function load(token: string | null, signal: AbortSignal): Promise<WallData> {
  const get = <T,>(path: string) => getJson<T>(path, signal, token);
  const [summary, catalogue] = await Promise.all([get<Summary>(urls.summary()), get<IndicatorCatalogue>(urls.indicators())]);
  const asOf = summary.asOf;
  // One ranking of every grandchild (a city's townships, a province's counties): the ranking does
  // not depend on the parent, so each child's worst are the whole list filtered by parent (one
  // request, not one per child).
  const level = (childLevel(summary.childLevel) ?? 'village') as SubLevel;
  const [lagging, trend] = await Promise.all([
    get<LaggingResponse>(urls.lagging({ level, indicator: TOUR_INDICATOR, asOf, limit: 2000 })),
    get<HistoryResponse>(urls.history(summary.city.code, { indicators: [TOUR_INDICATOR], interval: 'week', from: `${asOf.slice(0, 4)}-01-01`, to: asOf })),
  ]);
  return {
    summary,
    catalogue,
    lagging: lagging.areas,
    trend: trend.points,
    laggingBelow: new Map(summary.counties.map((c) => [c.code, lagging.areas.filter((a) => a.parent === c.code).slice(0, 3)])),
  };
}

/**
 * The wall screen's figures, kept current by the server's change events (`/api/events`); a slow
 * backstop refresh covers a lost event. When the server is unreachable the last figures stay and
 * `stale` is set; the event stream reconnects by itself and clears it.
 */
export function useWallData(token: string | null): WallFeed {
  const [state, setState] = useState<WallState>({ data: null, fetchedAt: null, stale: false, fatal: null, refreshes: 0 });
  const running = useRef<AbortController | null>(null);
  const [version, setVersion] = useState(0);

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
    let lost = false;
    const close = openChangeFeed(token, {
      onVersion: (version, event) => {
        // A change, or connected again after a loss: what changed meanwhile is fetched now.
        if (event === 'change' || lost) {
          setVersion(version);
          refresh();
        }
        lost = false;
      },
      onLost: () => {
        lost = true;
        setState((s) => ({ ...s, stale: true }));
      },
    });
    const backstop = window.setInterval(refresh, BACKSTOP_MS);
    return () => {
      close();
      window.clearInterval(backstop);
      running.current?.abort();
    };
  }, [token, refresh]);

  return { ...state, version };
}
