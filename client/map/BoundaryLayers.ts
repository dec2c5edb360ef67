import type {
  ExpressionSpecification,
  GeoJSONSource,
  LayerSpecification,
  Map as MapLibreMap,
  SourceSpecification,
} from 'maplibre-gl';
import { TILE_MAX_ZOOM } from '../../server/domain/tileLayers.ts';
import type { AreaFeatureCollection, AreaLevel } from '../api/types.ts';
import type { Locale } from '../i18n/messages.ts';
import { AREA_FEATURE, areaTileSources, BOUNDARY_LAYER_IDS, LABEL_SOURCE, SOURCE_IDS } from './layerIds.ts';
import { ChoroplethLayers } from './ChoroplethLayers.ts';
import { BOUNDARY_JOIN } from './boundaryJoin.ts';
import { labelFont } from './labelFont.ts';
import { mapColors } from './mapColors.ts';
import { toLabelPoints } from './toLabelPoints.ts';
import { zoomLevels } from './zoomLevels.ts';

const area = AREA_FEATURE;
const labelSource = LABEL_SOURCE;
const layerIds = BOUNDARY_LAYER_IDS;
/** How far (in ems) a village's name sits below its label point, clear of the household circle there. */
export const VILLAGE_LABEL_OFFSET_EM = 0.9;


const zoomed = (...stops: number[]): ExpressionSpecification =>
  ['interpolate', ['linear'], ['zoom'], ...stops] as ExpressionSpecification;

/** A city root's levels: the map's default. */
const CITY_LEVELS: readonly AreaLevel[] = ['county', 'township', 'village'];

/**
 * The levels of administrative boundaries below the root as MapLibre sources and layers: city
 * lines (under a province root) always and heaviest, county lines always, township lines from a middle zoom, village lines and names when zoomed in,
 * poverty villages filled. The polygons are the server's vector tiles (`/tiles`, one MVT layer a
 * level): MapLibre cuts nothing itself, and a drill redraws only the tiles in view. Labels are
 * symbol layers over point sources that stay empty until the label font has loaded the characters
 * they need (see `setLabels`). Symbol layers are placed top first, so county names win
 * collisions, then townships, then villages.
 */
export const BoundaryLayers = {
  layerIds,
  labelLayerIds: [layerIds.cityLabel, layerIds.countyLabel, layerIds.townshipLabel, layerIds.villageLabel] as const,

  /**
   * @param origin the app's own origin: the tiles' URL must be absolute (the worker fetches them).
   * @param levels the levels below the root (default a city's): one tile request holds them all.
   */
  sources(origin: string, levels: readonly AreaLevel[] = CITY_LEVELS): Record<string, SourceSpecification> {
    const sources: Record<string, SourceSpecification> = {
      [SOURCE_IDS.areas]: {
        type: 'vector',
        tiles: [`${origin}/tiles/${areaTileSources(levels)}/{z}/{x}/{y}.pbf`],
        maxzoom: TILE_MAX_ZOOM,
        promoteId: Object.fromEntries(levels.map((l) => [l, 'code'])),
      },
    };
    for (const id of Object.values(labelSource)) {
      sources[id] = { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, promoteId: 'code' };
    }
    return sources;
  },

  /** @param levels the levels below the root (default a city's): a province's also draws its cities. */
  layers(levels: readonly AreaLevel[] = CITY_LEVELS): LayerSpecification[] {
    const textFont = [...labelFont.textFont];
    const province = levels.includes('city');
    return [
      {
        id: layerIds.countyFill,
        type: 'fill',
        source: area.county.source,
        'source-layer': area.county.sourceLayer,
        paint: {
          'fill-color': [
            'match',
            ['get', 'code'],
            '512002', mapColors.countyFill[0],
            '512021', mapColors.countyFill[1],
            '512022', mapColors.countyFill[2],
            mapColors.land,
          ],
        },
      },
      {
        id: layerIds.povertyFill,
        type: 'fill',
        source: area.village.source,
        'source-layer': area.village.sourceLayer,
        filter: ['==', ['get', 'poverty'], true],
        paint: { 'fill-color': mapColors.povertyFill, 'fill-opacity': zoomed(8, 0.75, 12, 0.45) },
      },
      ...ChoroplethLayers.fillLayers(),
      {
        id: layerIds.villageLine,
        type: 'line',
        source: area.village.source,
        'source-layer': area.village.sourceLayer,
        minzoom: zoomLevels.village,
        paint: { 'line-color': mapColors.villageLine, 'line-width': zoomed(11, 0.5, 15, 1.2) },
      },
      {
        id: layerIds.povertyLine,
        type: 'line',
        source: area.village.source,
        'source-layer': area.village.sourceLayer,
        filter: ['==', ['get', 'poverty'], true],
        minzoom: zoomLevels.township,
        paint: { 'line-color': mapColors.povertyLine, 'line-width': zoomed(9.5, 0.6, 15, 1.6) },
      },
      {
        id: layerIds.townshipLine,
        type: 'line',
        source: area.township.source,
        'source-layer': area.township.sourceLayer,
        minzoom: zoomLevels.township,
        layout: { 'line-join': 'round' },
        paint: {
          'line-color': mapColors.townshipLine,
          'line-width': zoomed(9.5, 0.8, 14, 2),
          'line-dasharray': [3, 1.5],
        },
      },
      {
        id: layerIds.countyLineCasing,
        type: 'line',
        source: area.county.source,
        'source-layer': area.county.sourceLayer,
        layout: { 'line-join': BOUNDARY_JOIN },
        paint: { 'line-color': mapColors.halo, 'line-width': zoomed(7, 4, 14, 9), 'line-opacity': 0.7 },
      },
      {
        id: layerIds.countyLine,
        type: 'line',
        source: area.county.source,
        'source-layer': area.county.sourceLayer,
        layout: { 'line-join': BOUNDARY_JOIN },
        // Under a province root the counties are a middle level: thinner, the cities' lines heaviest.
        paint: { 'line-color': mapColors.countyLine, 'line-width': province ? zoomed(5, 0.6, 9, 2, 14, 4.5) : zoomed(7, 2, 14, 4.5) },
      },
      ...(province ? [{
        id: layerIds.cityLine,
        type: 'line',
        source: area.city.source,
        'source-layer': area.city.sourceLayer,
        layout: { 'line-join': BOUNDARY_JOIN },
        paint: { 'line-color': mapColors.countyLine, 'line-width': zoomed(5, 2.2, 9, 4, 14, 6) },
      } satisfies LayerSpecification] : []),
      ...ChoroplethLayers.selectedLayers(),
      {
        id: layerIds.villageLabel,
        type: 'symbol',
        source: labelSource.village,
        minzoom: zoomLevels.village,
        layout: {
          'text-field': ['get', 'label'],
          'text-font': textFont,
          'text-size': zoomed(11, 12, 15, 15),
          'symbol-sort-key': ['get', 'rank'],
          'text-padding': 3,
          // Below the label point, not on it: the households layer draws each village's count there.
          'text-anchor': 'top',
          'text-offset': [0, VILLAGE_LABEL_OFFSET_EM],
        },
        paint: {
          'text-color': ['case', ['get', 'poverty'], mapColors.povertyLabel, mapColors.villageLabel],
          'text-halo-color': mapColors.halo,
          'text-halo-width': 1.4,
        },
      },
      {
        id: layerIds.townshipLabel,
        type: 'symbol',
        source: labelSource.township,
        minzoom: zoomLevels.township,
        layout: {
          'text-field': ['get', 'label'],
          'text-font': textFont,
          'text-size': zoomed(9.5, 13, 14, 17),
          'text-padding': 4,
        },
        paint: {
          'text-color': mapColors.townshipLabel,
          'text-halo-color': mapColors.halo,
          'text-halo-width': 1.6,
        },
      },
      {
        id: layerIds.countyLabel,
        type: 'symbol',
        source: labelSource.county,
        // A province's 180 county names would crowd its first view: they come in with the counties' scale.
        ...(province ? { minzoom: zoomLevels.provinceCounty } : {}),
        layout: {
          'text-field': ['get', 'label'],
          'text-font': textFont,
          'text-size': zoomed(7, 16, 12, 24),
          'text-letter-spacing': 0.15,
          'text-padding': 6,
        },
        paint: {
          'text-color': mapColors.countyLabel,
          'text-halo-color': mapColors.halo,
          'text-halo-width': 2,
        },
      },
      ...(province ? [{
        id: layerIds.cityLabel,
        type: 'symbol',
        source: labelSource.city,
        maxzoom: zoomLevels.provinceCounty + 1.5,
        layout: {
          'text-field': ['get', 'label'],
          'text-font': textFont,
          'text-size': zoomed(5, 15, 9, 22),
          'text-letter-spacing': 0.15,
          'text-padding': 6,
        },
        paint: {
          'text-color': mapColors.countyLabel,
          'text-halo-color': mapColors.halo,
          'text-halo-width': 2,
        },
      } satisfies LayerSpecification] : []),
    ];
  },

  /** Shows one level's labels in the UI language; call once the label font covers their characters. */
  setLabels(map: MapLibreMap, level: AreaLevel, areas: AreaFeatureCollection, locale: Locale = 'zh'): void {
    map.getSource<GeoJSONSource>(labelSource[level])?.setData(toLabelPoints(areas, locale));
  },
};
