import { useEffect, useMemo, useState } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { urls } from '../api/urls.ts';
import { useApi } from '../api/useApi.ts';
import type { AreaLevel, Indicator, IndicatorValue, ProgressResponse } from '../api/types.ts';
import { indicatorName } from '../format.ts';
import type { Locale } from '../i18n/messages.ts';
import { FIXED_BREAKS } from '../../server/domain/legend.ts';
import { buildChoropleth, needsScale, type ChoroplethClass, type ChoroplethMode, type ValueMethod } from './choropleth.ts';
import { ChoroplethLayers } from './ChoroplethLayers.ts';

export interface ChoroplethLegend {
  title: string;
  mode: ChoroplethMode;
  /** How value classes are cut (value mode). */
  method: ValueMethod;
  /** The indicator is itself a share (value mode shows the share, not a share of target). */
  share: boolean;
  classes: ChoroplethClass[];
}

/** Body of GET /api/progress/scale. */
interface ScaleResponse {
  level: AreaLevel;
  parent: string | null;
  indicator: string;
  method: string;
  breaks: number[];
}

/**
 * Colours the areas of the current level by the indicator as of the date. The previous colours
 * stay until the next answer arrives. Value classes by quantile or equal interval come from the
 * whole year up to the data's own date (`scaleTo`), asked once per level and indicator: the date
 * control and playback never refit them. `shown` names what is drawn (for tests:
 * level|parent|indicator|mode|date), `method` the value classification drawn.
 */
export function useChoropleth(
  map: MapLibreMap | null,
  scope: { level: AreaLevel; parent: string | null },
  indicator: Indicator | null,
  mode: ChoroplethMode,
  method: ValueMethod,
  date: string | null,
  scaleTo: string | null,
  locale: Locale,
  fail: (reason: unknown) => void,
) {
  const [legend, setLegend] = useState<ChoroplethLegend | null>(null);
  const [shown, setShown] = useState('');
  const [shownMethod, setShownMethod] = useState('');
  const [values, setValues] = useState<ReadonlyMap<string, IndicatorValue>>(new Map());
  const url = map && indicator && date ? urls.progress({ level: scope.level, parent: scope.parent, asOf: date, indicators: [indicator.key] }) : null;
  const { data } = useApi<ProgressResponse>(url, fail);
  const scaleUrl = map && indicator && scaleTo && mode === 'value' && needsScale(method)
    ? urls.progressScale({ level: scope.level, parent: scope.parent, indicator: indicator.key, method, to: scaleTo })
    : null;
  const scale = useApi<ScaleResponse>(scaleUrl, fail).data;
  // The answer's own query, so that colours are never applied to another level's areas.
  const drawn = useMemo(() => (url ? { level: scope.level, parent: scope.parent, date } : null), [url]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    if (!map || !indicator || !data || !drawn) return;
    let breaks: readonly number[] = FIXED_BREAKS;
    if (mode === 'value' && needsScale(method)) {
      // Wait for this level's own scale: another level's breaks would mean something else.
      const ours = scale && scale.level === drawn.level && (scale.parent ?? null) === drawn.parent && scale.indicator === indicator.key && scale.method === method;
      if (!ours) return;
      breaks = scale.breaks;
    }
    const result = buildChoropleth(data.areas, indicator, mode, breaks);
    ChoroplethLayers.apply(map, drawn.level, drawn.parent, result.colorByCode);
    setLegend({ title: indicatorName(indicator, locale), mode, method, share: indicator.kind === 'share', classes: result.classes });
    setValues(new Map(data.areas.map((a) => [a.code, a.indicators[indicator.key]])));
    setShown([drawn.level, drawn.parent ?? '', indicator.key, mode, drawn.date].join('|'));
    setShownMethod(mode === 'value' ? method : '');
  }, [map, data, drawn, indicator, mode, method, scale, locale]);

  return { legend, shown, method: shownMethod, values };
}
