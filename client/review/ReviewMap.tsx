import { useCallback, useEffect, useRef, useState } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { AreaFeature, AreaFeatureCollection, AreaLevel } from '../api/types.ts';
import type { Settings } from '../api/fetchSettings.ts';
import { urls } from '../api/urls.ts';
import { useApi } from '../api/useApi.ts';
import type { Messages } from '../i18n/messages.ts';
import { ChoroplethLayers } from '../map/ChoroplethLayers.ts';
import { MapView } from '../map/MapView.tsx';

export interface ReviewMapProps {
  messages: Messages;
  /** The level whose areas are coloured. */
  level: AreaLevel;
  /** Only the areas under this one (null: the root's). */
  parent: string | null;
  /** Fill colour by area code. */
  colors: ReadonlyMap<string, string>;
  /** An area to zoom to and outline (meeting mode); null: fit the parent or the root. */
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
  const [image, setImage] = useState<string | null>(null);
  const [drawn, setDrawn] = useState('');
  // The levels whose names are on the map: the printed image is taken once the listed level's are.
  const [named, setNamed] = useState<ReadonlySet<AreaLevel>>(new Set());
  const onAreas = useCallback((l: AreaLevel, _areas: AreaFeatureCollection) => setNamed((s) => (s.has(l) ? s : new Set([...s, l]))), []);
  // The page may hold several maps (window.__map is the last one made): tests read this map's
  // fills (feature-state `color`) through its own figure.
  const figure = useRef<HTMLElement & { __map?: MapLibreMap }>(null);
  useEffect(() => {
    if (figure.current && map) figure.current.__map = map;
  }, [map]);
  // The area to fit (the focus or the parent): its bounds come with it; the root's with the settings.
  const target = focus?.code ?? parent;
  const targetBbox = useApi<AreaFeature>(target ? urls.area(target) : null).data?.properties.bbox;
  const root = useApi<Settings>(urls.settings()).data?.root;
  const bbox = (target ? targetBbox : root?.bbox)?.join(',') ?? null;
  // Under a province a level's names come only for a chosen parent (MapView's labelsWithin): not waited for.
  const namesShown = named.has(level) || (root?.level === 'province' && (level === 'township' || level === 'village'));

  useEffect(() => {
    // The fills are feature states of the tiles' areas: set before the tiles arrive, they apply when they do.
    if (!map || !namesShown || colors.size === 0 || bbox === null) return;
    let current = true;
    const key = `${level}|${parent ?? ''}|${focus?.code ?? ''}|${colors.size}`;
    ChoroplethLayers.apply(map, level, parent, colors);
    ChoroplethLayers.select(map, focus?.code ?? null, focus?.level ?? null);
    const b = bbox.split(',').map(Number);
    // Clear of the scale bar and the attribution along the bottom.
    map.fitBounds([[b[0], b[1]], [b[2], b[3]]], { padding: focus ? 60 : { top: 16, left: 16, right: 16, bottom: 40 }, duration: 0, maxZoom: focus ? 12 : 13 });
    map.once('idle', () => {
      if (!current) return;
      setImage(map.getCanvas().toDataURL('image/png'));
      setDrawn(key);
    });
    map.triggerRepaint();
    return () => {
      current = false;
    };
  }, [map, namesShown, level, parent, colors, focus, bbox]);

  return (
    <figure ref={figure} className="review-map" data-testid={testId} data-drawn={drawn}>
      <div className="review-map-live no-print">
        <MapView messages={messages} onReady={setMap} labelsWithin={target} onAreas={onAreas} preserveDrawingBuffer fitToCity={false} />
      </div>
      {image && <img className="review-map-print" src={image} alt={caption ?? messages.mapLabel} />}
      {caption && <figcaption>{caption}</figcaption>}
    </figure>
  );
}
