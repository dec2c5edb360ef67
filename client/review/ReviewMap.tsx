import { useCallback, useEffect, useRef, useState } from 'react';
import type { LngLatBoundsLike, Map as MapLibreMap } from 'maplibre-gl';
import type { AreaFeature, AreaFeatureCollection, AreaLevel } from '../api/types.ts';
import { urls } from '../api/urls.ts';
import { useApi } from '../api/useApi.ts';
import type { Messages } from '../i18n/messages.ts';
import { ChoroplethLayers } from '../map/ChoroplethLayers.ts';
import { featureBounds } from '../map/featureBounds.ts';
import { MapView } from '../map/MapView.tsx';

export interface ReviewMapProps {
  messages: Messages;
  /** The level whose areas are coloured. */
  level: AreaLevel;
  /** Only the areas under this county (null: all). */
  parent: string | null;
  /** Fill colour by area code. */
  colors: ReadonlyMap<string, string>;
  /** An area to zoom to and outline (meeting mode); null: fit the parent or the city. */
  focus?: { code: string; level: AreaLevel } | null;
  /** Names the map for tests: `data-testid`. */
  testId: string;
  /** A caption printed under the map. */
  caption?: string;
}

/**
 * A small choropleth map for the review: the live map on screen, and an image of its last drawn
 * frame in print, because a WebGL canvas does not reliably print. `data-drawn` says what is drawn.
 */
export function ReviewMap({ messages, level, parent, colors, focus = null, testId, caption }: ReviewMapProps) {
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [loaded, setLoaded] = useState<ReadonlySet<AreaLevel>>(new Set());
  const [image, setImage] = useState<string | null>(null);
  const [drawn, setDrawn] = useState('');
  const city = useRef<LngLatBoundsLike | null>(null);
  // The page may hold several maps (window.__map is the last one made): tests read this map's
  // fills (feature-state `color`) through its own figure.
  const figure = useRef<HTMLElement & { __map?: MapLibreMap }>(null);
  useEffect(() => {
    if (figure.current && map) figure.current.__map = map;
  }, [map]);
  const onAreas = useCallback((l: AreaLevel, areas: AreaFeatureCollection) => {
    if (l === 'county') city.current = featureBounds(areas);
    setLoaded((s) => new Set([...s, l]));
  }, []);
  const ready = map !== null && loaded.has(level) && loaded.has('county');
  // The area to fit (the focus or the parent): its bounds come with it.
  const target = focus?.code ?? parent;
  const targetBbox = useApi<AreaFeature>(target ? urls.area(target) : null).data?.properties.bbox;
  const bbox = target ? targetBbox?.join(',') ?? null : '';

  useEffect(() => {
    if (!ready || colors.size === 0 || bbox === null) return;
    let current = true;
    const key = `${level}|${parent ?? ''}|${focus?.code ?? ''}|${colors.size}`;
    ChoroplethLayers.apply(map, level, parent, colors);
    ChoroplethLayers.select(map, focus?.code ?? null, focus?.level ?? null);
    const b = bbox ? bbox.split(',').map(Number) : null;
    const bounds: LngLatBoundsLike | null = b ? [[b[0], b[1]], [b[2], b[3]]] : city.current;
    if (bounds) map.fitBounds(bounds, { padding: focus ? 60 : 16, duration: 0, maxZoom: focus ? 12 : 13 });
    map.once('idle', () => {
      if (!current) return;
      setImage(map.getCanvas().toDataURL('image/png'));
      setDrawn(key);
    });
    map.triggerRepaint();
    return () => {
      current = false;
    };
  }, [ready, map, level, parent, colors, focus, bbox]);

  return (
    <figure ref={figure} className="review-map" data-testid={testId} data-drawn={drawn}>
      <div className="review-map-live no-print">
        <MapView messages={messages} onReady={setMap} onAreas={onAreas} preserveDrawingBuffer fitToCity={false} />
      </div>
      {image && <img className="review-map-print" src={image} alt={caption ?? messages.mapLabel} />}
      {caption && <figcaption>{caption}</figcaption>}
    </figure>
  );
}
