import type { StyleSpecification } from 'maplibre-gl';
import type { AreaLevel } from '../api/types.ts';
import { BoundaryLayers } from './BoundaryLayers.ts';
import { mapColors } from './mapColors.ts';

/**
 * The complete offline map style: a plain background colour as the basemap and the boundary
 * layers. Nothing in it points at another host. It has no `glyphs` URL: MapLibre then draws every
 * glyph in the browser from the self-hosted font (Noto Sans SC has Latin too), so the pinyin labels
 * of the English map are drawn like the Chinese ones. (With a glyphs URL, Latin letters would be
 * fetched from it and the app serves only empty ranges: English labels would be blank.)
 *
 * @param origin the app's own origin, e.g. `window.location.origin`: the boundaries' tiles are there
 * @param levels the levels below the root (default a city's)
 */
export function createMapStyle(origin: string, levels?: readonly AreaLevel[]): StyleSpecification {
  return {
    version: 8,
    name: 'campaign-map-offline',
    sources: BoundaryLayers.sources(origin, levels),
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': mapColors.background } },
      ...BoundaryLayers.layers(levels),
    ],
  };
}
