import { useEffect, useMemo, useState } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { urls } from '../api/urls.ts';
import { useApi } from '../api/useApi.ts';
import type { AreaLevel, Indicator, IndicatorValue, ProgressResponse } from '../api/types.ts';
import { indicatorName } from '../format.ts';
import type { Locale } from '../i18n/messages.ts';
import { buildChoropleth, type ChoroplethClass, type ChoroplethMode } from './choropleth.ts';
import { ChoroplethLayers } from './ChoroplethLayers.ts';

export interface ChoroplethLegend {
  title: string;
  mode: ChoroplethMode;
  classes: ChoroplethClass[];
}

/**
 * Colours the areas of the current level by the indicator as of the date. The previous colours
 * stay until the next answer arrives. `shown` names what is drawn (for tests: level|parent|indicator|mode|date).
 */
export function useChoropleth(
  map: MapLibreMap | null,
  scope: { level: AreaLevel; parent: string | null },
  indicator: Indicator | null,
  mode: ChoroplethMode,
  date: string | null,
  locale: Locale,
  fail: (reason: unknown) => void,
) {
  const [legend, setLegend] = useState<ChoroplethLegend | null>(null);
  const [shown, setShown] = useState('');
  const [values, setValues] = useState<ReadonlyMap<string, IndicatorValue>>(new Map());
  const url = map && indicator && date ? urls.progress({ level: scope.level, parent: scope.parent, asOf: date, indicators: [indicator.key] }) : null;
  const { data } = useApi<ProgressResponse>(url, fail);
  // The answer's own query, so that colours are never applied to another level's areas.
  const drawn = useMemo(() => (url ? { level: scope.level, parent: scope.parent, date } : null), [url]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    if (!map || !indicator || !data || !drawn) return;
    const result = buildChoropleth(data.areas, indicator, mode);
    ChoroplethLayers.apply(map, drawn.level, drawn.parent, result.colorByCode);
    setLegend({ title: indicatorName(indicator, locale), mode, classes: result.classes });
    setValues(new Map(data.areas.map((a) => [a.code, a.indicators[indicator.key]])));
    setShown([drawn.level, drawn.parent ?? '', indicator.key, mode, drawn.date].join('|'));
  }, [map, data, drawn, indicator, mode, locale]);

  return { legend, shown, values };
}
