import type {
  ExpressionSpecification,
  FilterSpecification,
  GeoJSONSource,
  LayerSpecification,
  Map as MapLibreMap,
} from 'maplibre-gl';
import type { HouseholdLayerCollection, ParkCollection, ProjectCollection } from '../api/types.ts';
import { BOUNDARY_LAYER_IDS, DATA_LAYER_IDS, SOURCE_IDS } from './layerIds.ts';
import { labelFont } from './labelFont.ts';
import { loadLabelFont } from './loadLabelFont.ts';

/** The toggleable data layers of the campaign. */
export const LAYER_KEYS = ['poverty', 'households', 'grid', 'parks', 'projects'] as const;
export type LayerKey = (typeof LAYER_KEYS)[number];
export const DEFAULT_LAYERS: readonly LayerKey[] = ['poverty', 'households'];

const sources = { households: SOURCE_IDS.households, parks: SOURCE_IDS.parks, projects: SOURCE_IDS.projects } as const;
const layerIds = DATA_LAYER_IDS;

/** The MapLibre layers of each toggle. */
export const layerGroups: Record<LayerKey, readonly string[]> = {
  poverty: [BOUNDARY_LAYER_IDS.povertyFill, BOUNDARY_LAYER_IDS.povertyLine],
  households: [layerIds.householdCluster, layerIds.householdPoint],
  // Drawn by deck.gl (deck/householdGrid), not by MapLibre layers.
  grid: [],
  parks: [layerIds.parkFill, layerIds.parkLine, layerIds.parkLabel],
  projects: [layerIds.projectLine, layerIds.projectPoint],
};

export const dataColors = {
  // Blues, purples, teals and browns: red and orange mean behind plan on this map and nothing else,
  // and green means on track.
  householdsLow: '#1e88e5',
  householdsMid: '#8e24aa',
  householdsHigh: '#4a148c',
  householdPoor: '#4a148c',
  householdAtRisk: '#8c510a',
  householdExited: '#1e88e5',
  park: { planned: '#b2abd2', building: '#7b5ea7', operating: '#00a6a6' },
  project: { planned: '#8d99ae', in_progress: '#2c7fb8', completed: '#01665e' },
} as const;

const zoomed = (...stops: number[]): ExpressionSpecification =>
  ['interpolate', ['linear'], ['zoom'], ...stops] as ExpressionSpecification;

/** Share of households still poor or at risk, for clusters and village points. */
const stillPoorShare: ExpressionSpecification = [
  '/',
  ['+', ['get', 'poor'], ['get', 'atRisk']],
  ['max', 1, ['get', 'households']],
];
const shareColor: ExpressionSpecification = [
  'interpolate', ['linear'], stillPoorShare,
  0, dataColors.householdsLow, 0.15, dataColors.householdsMid, 0.4, dataColors.householdsHigh,
];
const scattered: ExpressionSpecification = ['==', ['get', 'scattered'], true];
const parkColor: ExpressionSpecification = [
  'match', ['get', 'status'],
  'planned', dataColors.park.planned, 'building', dataColors.park.building, dataColors.park.operating,
];
const projectColor: ExpressionSpecification = [
  'match', ['get', 'status'],
  'planned', dataColors.project.planned, 'in_progress', dataColors.project.in_progress, dataColors.project.completed,
];
const progress: ExpressionSpecification = ['coalesce', ['get', 'progress'], 0];

const villageRadius: ExpressionSpecification = ['interpolate', ['linear'], ['sqrt', ['get', 'households']], 0, 3, 10, 7, 30, 14];

const empty = { type: 'FeatureCollection' as const, features: [] };

function layers(): LayerSpecification[] {
  const visibility = 'none' as const;
  return [
    {
      id: layerIds.parkFill, type: 'fill', source: sources.parks, layout: { visibility },
      paint: { 'fill-color': parkColor, 'fill-opacity': 0.35 },
    },
    {
      id: layerIds.parkLine, type: 'line', source: sources.parks, layout: { visibility, 'line-join': 'round' },
      paint: { 'line-color': parkColor, 'line-width': zoomed(8, 1.2, 14, 3) },
    },
    {
      id: layerIds.projectLine, type: 'line', source: sources.projects, layout: { visibility, 'line-cap': 'round', 'line-join': 'round' },
      filter: ['==', ['geometry-type'], 'LineString'],
      paint: {
        'line-color': projectColor,
        'line-width': ['+', 1.5, ['*', 3, progress]] as ExpressionSpecification,
        'line-opacity': ['+', 0.45, ['*', 0.55, progress]] as ExpressionSpecification,
      },
    },
    {
      id: layerIds.projectPoint, type: 'circle', source: sources.projects, layout: { visibility },
      filter: ['==', ['geometry-type'], 'Point'],
      paint: {
        'circle-color': projectColor,
        'circle-radius': zoomed(8, 3, 14, 7),
        'circle-opacity': ['+', 0.4, ['*', 0.6, progress]] as ExpressionSpecification,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1,
      },
    },
    {
      id: layerIds.householdCluster, type: 'circle', source: sources.households, layout: { visibility },
      filter: ['has', 'point_count'],
      paint: {
        'circle-color': shareColor,
        'circle-opacity': 0.8,
        'circle-radius': ['interpolate', ['linear'], ['sqrt', ['get', 'households']], 0, 6, 30, 16, 80, 30] as ExpressionSpecification,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.5,
      },
    },
    {
      id: layerIds.householdPoint, type: 'circle', source: sources.households, layout: { visibility },
      filter: ['!', ['has', 'point_count']],
      paint: {
        // 插花式 (scattered, outside the poverty villages): hollow rings; others filled.
        'circle-color': ['case', scattered, '#ffffff', shareColor] as ExpressionSpecification,
        'circle-opacity': ['case', scattered, 0.6, 0.85] as ExpressionSpecification,
        'circle-stroke-color': ['case', scattered, shareColor, '#ffffff'] as ExpressionSpecification,
        'circle-stroke-width': ['case', scattered, 2.5, 1] as ExpressionSpecification,
        // Village counts only: a signed-in account's exact points are deck.gl's (deck/householdPoints).
        'circle-radius': villageRadius,
      },
    },
    {
      id: layerIds.parkLabel, type: 'symbol', source: sources.parks, layout: {
        visibility,
        'text-field': ['get', 'name'],
        'text-font': [...labelFont.textFont],
        'text-size': zoomed(8, 12, 14, 16),
        'text-padding': 4,
      },
      paint: { 'text-color': '#4a1c5c', 'text-halo-color': '#ffffff', 'text-halo-width': 1.6 },
    },
  ];
}

/**
 * The campaign's data layers over the boundaries: households (clustered at low zoom), industrial
 * parks and projects. All start hidden; `setVisible` shows the chosen ones.
 */
export const DataLayers = {
  layerIds,
  sources,

  /**
   * Adds the sources and layers: parks and projects under the boundary labels (`beforeId`),
   * households under `householdsBeforeId` (above the village names, under the township and county names).
   */
  add(map: MapLibreMap, beforeId: string, householdsBeforeId: string = beforeId): void {
    if (map.getSource(sources.households)) return;
    map.addSource(sources.households, {
      type: 'geojson',
      data: empty,
      cluster: true,
      clusterMaxZoom: 9,
      clusterRadius: 40,
      clusterProperties: {
        households: ['+', ['get', 'households']],
        poor: ['+', ['get', 'poor']],
        atRisk: ['+', ['get', 'atRisk']],
      },
    });
    map.addSource(sources.parks, { type: 'geojson', data: empty });
    map.addSource(sources.projects, { type: 'geojson', data: empty });
    // The household circles go above the village names (a village's count sits at its label point,
    // the name hangs below it): under the name they vanished from zoom 11.
    const households = new Set<string>([layerIds.householdCluster, layerIds.householdPoint]);
    for (const layer of layers()) {
      const before = households.has(layer.id) ? householdsBeforeId : beforeId;
      map.addLayer(layer, map.getLayer(before) ? before : undefined);
    }
  },

  setHouseholds(map: MapLibreMap, data: HouseholdLayerCollection): void {
    map.getSource<GeoJSONSource>(sources.households)?.setData(data);
  },

  /** Park polygons; their labels wait for the label font to cover the names. */
  async setParks(map: MapLibreMap, data: ParkCollection): Promise<void> {
    await loadLabelFont(data.features.map((f) => f.properties.name));
    map.getSource<GeoJSONSource>(sources.parks)?.setData(data);
  },

  setProjects(map: MapLibreMap, data: ProjectCollection): void {
    map.getSource<GeoJSONSource>(sources.projects)?.setData(data);
  },

  /** Shows only projects of one specialty (or all, with null). */
  filterSpecialty(map: MapLibreMap, specialty: number | null): void {
    const base = (type: string): ExpressionSpecification => ['==', ['geometry-type'], type] as ExpressionSpecification;
    for (const [id, type] of [[layerIds.projectLine, 'LineString'], [layerIds.projectPoint, 'Point']] as const) {
      const filter = (specialty === null ? base(type) : ['all', base(type), ['==', ['get', 'specialty'], specialty]]) as FilterSpecification;
      map.setFilter(id, filter);
    }
  },

  setVisible(map: MapLibreMap, visible: readonly LayerKey[]): void {
    for (const key of LAYER_KEYS) {
      for (const id of layerGroups[key]) {
        if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', visible.includes(key) ? 'visible' : 'none');
      }
    }
  },
};
