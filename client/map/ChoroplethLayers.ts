import type { ExpressionSpecification, FilterSpecification, LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';
import type { AreaLevel } from '../api/types.ts';
import { AREA_FEATURE, CHOROPLETH_FILL_IDS, SELECTED_LINE_IDS } from './layerIds.ts';
import { BOUNDARY_JOIN } from './boundaryJoin.ts';

const area = AREA_FEATURE;
const fillIds = CHOROPLETH_FILL_IDS;
const selectedIds = SELECTED_LINE_IDS;
// Every level a root may have below it; a city root's tiles have no city layer, and its layers stay empty.
const LEVELS: AreaLevel[] = ['city', 'county', 'township', 'village'];
const NONE: FilterSpecification = ['==', ['get', 'code'], '__none__'];

/**
 * The indicator choropleth: one fill layer per level, coloured from feature-state `color`
 * (areas without state stay transparent) and filtered to the areas being compared; plus an
 * outline of the selected area. Placed over the plain fills, under the boundary lines.
 */
export const ChoroplethLayers = {
  fillIds,
  selectedIds,

  /** Fill layers, to go right above the base fills. */
  fillLayers(): LayerSpecification[] {
    return LEVELS.map((level) => ({
      id: fillIds[level],
      type: 'fill',
      source: area[level].source,
      'source-layer': area[level].sourceLayer,
      filter: NONE,
      paint: {
        'fill-color': ['to-color', ['coalesce', ['feature-state', 'color'], 'rgba(0,0,0,0)']] as ExpressionSpecification,
        'fill-opacity': 0.85,
      },
    }));
  },

  /** Outlines of the selected area, to go on top of the boundary lines. */
  selectedLayers(): LayerSpecification[] {
    return LEVELS.map((level) => ({
      id: selectedIds[level],
      type: 'line',
      source: area[level].source,
      'source-layer': area[level].sourceLayer,
      filter: NONE,
      layout: { 'line-join': BOUNDARY_JOIN },
      paint: { 'line-color': '#1f3a93', 'line-width': 3 },
    }));
  },

  /**
   * Colours the areas of `level` inside `parent` (at any depth: a county's villages too; all when
   * null) and hides the other levels' fills. `colors` maps area code to a CSS colour.
   */
  apply(map: MapLibreMap, level: AreaLevel, parent: string | null, colors: ReadonlyMap<string, string>): void {
    for (const l of LEVELS) {
      map.removeFeatureState({ ...area[l] });
      // Inside by code prefix, not by direct parent: a review of a county's villages filters by the county.
      const filter: FilterSpecification = l !== level ? NONE : parent ? ['==', ['slice', ['get', 'code'], 0, parent.length], parent] : ['has', 'code'];
      map.setFilter(fillIds[l], filter);
    }
    for (const [code, color] of colors) {
      map.setFeatureState({ ...area[level], id: code }, { color });
    }
  },

  /** Outlines one area (or none). */
  select(map: MapLibreMap, code: string | null, level: AreaLevel | null): void {
    for (const l of LEVELS) map.setFilter(selectedIds[l], code && l === level ? ['==', ['get', 'code'], code] : NONE);
  },
};
