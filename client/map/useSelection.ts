import { useCallback, useEffect, useRef } from 'react';
import type { LngLatBoundsLike, Map as MapLibreMap } from 'maplibre-gl';
import { getJson } from '../api/getJson.ts';
import { urls } from '../api/urls.ts';
import type { AreaFeature, SearchResult } from '../api/types.ts';
import type { LayerKey } from './DataLayers.ts';
import { featureBounds } from './featureBounds.ts';
import { SOURCE_IDS } from './layerIds.ts';
import { levelOfCode } from '../../server/domain/areaCodes.ts';

export const FIT_PADDING = { top: 90, bottom: 40, left: 300, right: 380 };
/**
 * A selection jumps, it does not fly: on the software-rendered machines offices run, each frame of
 * a 600 ms flight took 100–300 ms and asked for the tiles of every zoom it passed through.
 */
const FIT = { padding: FIT_PADDING, duration: 0 } as const;

/**
 * The bounds of an area drawn whole on the map, from its pieces in the loaded boundary tiles: a
 * click on a child of what is in view needs no request. Null when it reaches the edge of the view
 * or a tile is still loading (its pieces may not all be there).
 */
export function drawnBounds(map: MapLibreMap, code: string): [[number, number], [number, number]] | null {
  const level = levelOfCode(code);
  if (!level || !map.getSource(SOURCE_IDS.areas) || !map.areTilesLoaded()) return null;
  const pieces = map.querySourceFeatures(SOURCE_IDS.areas, { sourceLayer: level, filter: ['==', ['get', 'code'], code] });
  const bounds = featureBounds({ type: 'FeatureCollection', features: pieces.map((f) => f.toJSON()) } as Parameters<typeof featureBounds>[0]) as [[number, number], [number, number]] | null;
  if (!bounds) return null;
  const view = map.getBounds();
  const inside = bounds[0][0] > view.getWest() && bounds[1][0] < view.getEast() && bounds[0][1] > view.getSouth() && bounds[1][1] < view.getNorth();
  return inside ? bounds : null;
}

/** The layer a search hit lives on, to be shown when it is chosen; null for an area. */
export const layerOfHit = (hit: SearchResult): LayerKey | null => (hit.type === 'park' ? 'parks' : hit.type === 'project' ? 'projects' : null);

/**
 * Selecting an area (click, breadcrumb, search) and fitting the map to it; the root (null) fits to
 * its own bounds. A newer selection aborts the fit of an older one.
 */
export function useSelection(
  map: MapLibreMap | null,
  setSelected: (code: string | null) => void,
  setLayers: (update: (old: LayerKey[]) => LayerKey[]) => void,
  rootBounds: { current: LngLatBoundsLike | null },
  rootCode: string,
  fail: (reason: unknown) => void,
) {
  const fitting = useRef<AbortController | null>(null);
  useEffect(() => () => fitting.current?.abort(), []);

  const select = useCallback(
    (code: string | null) => {
      setSelected(code);
      if (!map) return;
      fitting.current?.abort();
      if (code === null) {
        if (rootBounds.current) map.fitBounds(rootBounds.current, FIT);
        return;
      }
      const drawn = drawnBounds(map, code);
      if (drawn) {
        map.fitBounds(drawn, { ...FIT, maxZoom: 14 });
        return;
      }
      const abort = new AbortController();
      fitting.current = abort;
      getJson<AreaFeature>(urls.area(code), abort.signal)
        .then((area) => {
          const bbox = area.properties.bbox;
          if (bbox && !abort.signal.aborted) map.fitBounds([[bbox[0], bbox[1]], [bbox[2], bbox[3]]], { ...FIT, maxZoom: 14 });
        })
        .catch((reason: unknown) => !abort.signal.aborted && fail(reason));
    },
    [map, setSelected, rootBounds, fail],
  );

  // A search hit: areas are selected like a click; projects and parks are shown and fitted to.
  const choose = useCallback(
    (hit: SearchResult) => {
      if (hit.type === 'city' && hit.id === rootCode) select(null);
      else if (hit.type === 'city' || hit.type === 'county' || hit.type === 'township' || hit.type === 'village') select(hit.id);
      else if (map) {
        const layer = layerOfHit(hit);
        if (layer) setLayers((old) => (old.includes(layer) ? old : [...old, layer]));
        const [w, s, e, n] = hit.bbox;
        map.fitBounds([[w, s], [e, n]], { ...FIT, maxZoom: 14 });
      }
    },
    [map, select, setLayers, rootCode],
  );

  return { select, choose };
}
