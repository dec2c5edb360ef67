import { useMemo } from 'react';
import { urls } from '../api/urls.ts';
import { useApi } from '../api/useApi.ts';
import type { AreaContents, HistoryResponse, Indicator, LaggingResponse, ProgressResponse } from '../api/types.ts';
import { areaOf, behindOnly, trendOf } from './areaDetails.ts';
import { childLevelOf, parentBelow, subLevelOfCode, type Root } from './areaCodes.ts';
import type { Campaign } from './urlState.ts';

/**
 * What the panel shows of the selected area as of the date: its indicators, what lies inside it,
 * its children furthest behind plan on the indicator on the map, and its trend over the year.
 * The indicators and contents stay on screen while the next date loads; the lists do not.
 */
export function useAreaDetails(root: Root, selected: string | null, date: string | null, indicator: Indicator | null, campaign: Campaign | null, fail: (reason: unknown) => void) {
  const level = selected ? subLevelOfCode(selected, root) : null;
  const childLevel = selected ? childLevelOf(selected, root) : null;

  const progress = useApi<ProgressResponse>(selected && level && date ? urls.progress({ level, parent: parentBelow(selected, root), asOf: date }) : null, fail);
  const contents = useApi<AreaContents>(selected && date ? urls.areaContents(selected, date) : null, fail);
  const lagging = useApi<LaggingResponse>(
    selected && date && childLevel && indicator?.curve ? urls.lagging({ level: childLevel, parent: selected, asOf: date, indicator: indicator.key, limit: 5 }) : null,
    fail,
  );
  const history = useApi<HistoryResponse>(
    selected && indicator && campaign ? urls.history(selected, { indicators: [indicator.key], from: campaign.start, to: campaign.end, interval: 'month' }) : null,
    fail,
  );

  const panelProgress = selected ? (areaOf(progress.data, selected) ?? areaOf(progress.last, selected)) : null;
  const shownContents = contents.data ?? contents.last;
  const laggingChildren = useMemo(() => (lagging.data ? behindOnly(lagging.data) : null), [lagging.data]);
  const trend = useMemo(() => (history.data && indicator ? trendOf(history.data, indicator.key) : null), [history.data, indicator]);
  return {
    childLevel,
    panelProgress,
    contents: shownContents && shownContents.code === selected ? shownContents : null,
    laggingChildren,
    trend,
  };
}
