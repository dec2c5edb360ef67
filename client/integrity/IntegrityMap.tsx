import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { AreaFeature, AreaFeatureCollection } from '../api/types.ts';
import { urls } from '../api/urls.ts';
import { useApi } from '../api/useApi.ts';
import type { Messages } from '../i18n/messages.ts';
import { ChoroplethLayers } from '../map/ChoroplethLayers.ts';
import { BOUNDARY_LAYER_IDS } from '../map/layerIds.ts';
import { MapView } from '../map/MapView.tsx';
import { wrongShareColor } from './integrityFormat.ts';

export interface IntegrityMapProps {
  messages: Messages;
  /** The sample's area: a county, or a city (4 digits). */
  area: string;
  /** Each visited township's wrong-exit share; a township missing or null has no visit yet. */
  rates: ReadonlyMap<string, number | null>;
}

/**
 * The townships of a sample's area coloured by the share of wrong exits among those visited, in
 * fixed classes of purple (grey before a visit), with their names at any zoom. `data-drawn` says
 * which area and how many townships are drawn, once the map is idle.
 */
export function IntegrityMap({ messages, area, rates }: IntegrityMapProps) {
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [drawn, setDrawn] = useState('');
  const figure = useRef<HTMLElement & { __map?: MapLibreMap }>(null);
  useEffect(() => {
    if (figure.current && map) figure.current.__map = map;
  }, [map]);
  const onReady = useCallback((m: MapLibreMap) => {
    // A county fits at about zoom 9, below where the main map starts naming townships: here the
    // townships are what is compared, so their lines and names show at every zoom. Poverty
    // villages are filled purple on the main map; here purple is the wrong-exit share.
    m.setLayerZoomRange(BOUNDARY_LAYER_IDS.townshipLabel, 0, 24);
    m.setLayerZoomRange(BOUNDARY_LAYER_IDS.townshipLine, 0, 24);
    m.setLayoutProperty(BOUNDARY_LAYER_IDS.povertyFill, 'visibility', 'none');
    m.setLayoutProperty(BOUNDARY_LAYER_IDS.povertyLine, 'visibility', 'none');
    setMap(m);
  }, []);
  // The area's townships (label points: their codes) and its bounds, whatever the root: under a
  // province the map itself names a county's townships only (labelsWithin).
  const townships = useApi<AreaFeatureCollection>(urls.areasWithin('township', area, 'label')).data;
  const bbox = useApi<AreaFeature>(urls.area(area)).data?.properties.bbox;
  const colors = useMemo(() => {
    const out = new Map<string, string>();
    for (const f of townships?.features ?? []) {
      if (!f.properties.code.startsWith(area)) continue;
      out.set(f.properties.code, wrongShareColor(rates.get(f.properties.code) ?? null));
    }
    return out;
  }, [townships, area, rates]);

  useEffect(() => {
    if (!map || colors.size === 0 || !bbox) return;
    let current = true;
    ChoroplethLayers.apply(map, 'township', area, colors);
    const bounds: [[number, number], [number, number]] = [[bbox[0], bbox[1]], [bbox[2], bbox[3]]];
    // Clear of the scale and attribution (bottom) and the zoom buttons (right); fitted again when
    // the box changes size (a scroll bar appearing as the lists load), so the whole area stays in view.
    const fit = () => map.fitBounds(bounds, { padding: { top: 12, bottom: 36, left: 12, right: 48 }, duration: 0 });
    fit();
    map.on('resize', fit);
    const key = `${area}|${colors.size}|${[...colors.values()].join(',')}`;
    map.once('idle', () => current && setDrawn(key));
    map.triggerRepaint();
    return () => {
      current = false;
      map.off('resize', fit);
    };
  }, [map, colors, bbox, area]);

  return (
    <figure ref={figure} className="review-map integrity-map" data-testid="integrity-map" data-drawn={drawn} data-area={area} aria-label={messages.integrityMapTitle}>
      <div className="review-map-live">
        <MapView messages={messages} onReady={onReady} labelsWithin={area} fitToCity={false} />
      </div>
    </figure>
  );
}
