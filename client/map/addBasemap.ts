import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Settings } from '../api/fetchSettings.ts';
import { BASEMAP_LAYER_ID, SOURCE_IDS } from './layerIds.ts';

const SOURCE = SOURCE_IDS.basemap;

/** Adds the configured online raster basemap right above the plain background; nothing when none is set. */
export function addBasemap(map: MapLibreMap, basemap: Settings['basemap']): void {
  if (!basemap || map.getSource(SOURCE)) return;
  map.addSource(SOURCE, { type: 'raster', tiles: [basemap.tiles], tileSize: 256, attribution: basemap.attribution });
  const layers = map.getStyle().layers;
  map.addLayer({ id: BASEMAP_LAYER_ID, type: 'raster', source: SOURCE, paint: { 'raster-opacity': 0.8 } }, layers[1]?.id);
}
