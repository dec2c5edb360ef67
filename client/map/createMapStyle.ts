import type { StyleSpecification } from 'maplibre-gl';
import { BoundaryLayers } from './BoundaryLayers.ts';
import { mapColors } from './mapColors.ts';

/**
 * The complete offline map style: a plain background colour as the basemap and the boundary
 * layers. Nothing in it points at another host: the `glyphs` URL is the app's own (CJK glyphs
 * are drawn locally from the self-hosted font; the server answers glyph ranges itself).
 *
 * @param origin the app's own origin, e.g. `window.location.origin`
 */
export function createMapStyle(origin: string): StyleSpecification {
  return {
    version: 8,
    name: 'campaign-map-offline',
    glyphs: `${origin}/glyphs/{fontstack}/{range}.pbf`,
    sources: BoundaryLayers.sources(),
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': mapColors.background } },
      ...BoundaryLayers.layers(),
    ],
  };
}
