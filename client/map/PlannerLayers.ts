import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { PLANNER_LAYER_IDS, SOURCE_IDS } from './layerIds.ts';

export type VillageFeature = Feature<Polygon | MultiPolygon, { code: string; name: string; parent: string | null; poverty: boolean; labelLon: number; labelLat: number }>;
type LonLat = readonly [number, number];

const PIECE_COLORS = ['#1e88e5', '#e53935', '#fb8c00', '#8e24aa', '#00897b', '#6d4c41'];
export const SUGGESTION_COLORS = ['#2e7d32', '#f9a825', '#6a1b9a'];
const empty = { type: 'FeatureCollection' as const, features: [] };

/** The selected villages, each in the colour of the contiguous piece it belongs to (`pieces` from the server's measures). */
export function colourSelection(selected: readonly string[], villages: ReadonlyMap<string, VillageFeature>, pieces: readonly (readonly string[])[] = []): VillageFeature[] {
  const pieceOf = new Map<string, number>();
  pieces.forEach((piece, i) => piece.forEach((c) => pieceOf.set(c, i)));
  return selected.map((c) => villages.get(c)).filter((f): f is VillageFeature => !!f)
    .map((f) => ({ ...f, properties: { ...f.properties, color: PIECE_COLORS[(pieceOf.get(f.properties.code) ?? 0) % PIECE_COLORS.length] } }));
}

/** The suggested clusters' villages, one colour a cluster. */
export function colourSuggestions(clusters: readonly { villages: readonly string[] }[], villages: ReadonlyMap<string, VillageFeature>): VillageFeature[] {
  return clusters.flatMap((c, i) => c.villages.map((code) => villages.get(code)).filter((f): f is VillageFeature => !!f)
    .map((f) => ({ ...f, properties: { ...f.properties, color: SUGGESTION_COLORS[i % SUGGESTION_COLORS.length] } })));
}

/**
 * The park planner's layers: a nearly clear pick layer over the villages, the selection coloured by
 * piece, the suggested clusters dashed, and the lasso being drawn.
 */
export const PlannerLayers = {
  ids: PLANNER_LAYER_IDS,

  /** Adds the sources and layers once. */
  add(map: MapLibreMap): void {
    if (map.getSource(SOURCE_IDS.plannerSelection)) return;
    // Every village, whole: the boundary tiles hold only the poverty villages at a city's zoom.
    map.addSource(SOURCE_IDS.plannerVillages, { type: 'geojson', data: empty });
    map.addSource(SOURCE_IDS.plannerSelection, { type: 'geojson', data: empty });
    map.addSource(SOURCE_IDS.plannerSuggestions, { type: 'geojson', data: empty });
    map.addSource(SOURCE_IDS.plannerLasso, { type: 'geojson', data: empty });
    // Nearly clear, so that a click anywhere in a village finds it.
    map.addLayer({ id: PLANNER_LAYER_IDS.pick, type: 'fill', source: SOURCE_IDS.plannerVillages, paint: { 'fill-color': '#000000', 'fill-opacity': 0.01 } });
    map.addLayer({ id: PLANNER_LAYER_IDS.fill, type: 'fill', source: SOURCE_IDS.plannerSelection, paint: { 'fill-color': ['get', 'color'], 'fill-opacity': 0.45 } });
    map.addLayer({ id: PLANNER_LAYER_IDS.line, type: 'line', source: SOURCE_IDS.plannerSelection, paint: { 'line-color': ['get', 'color'], 'line-width': 2 } });
    map.addLayer({ id: PLANNER_LAYER_IDS.suggestion, type: 'line', source: SOURCE_IDS.plannerSuggestions, paint: { 'line-color': ['get', 'color'], 'line-width': 3, 'line-dasharray': [2, 1.5] } });
    map.addLayer({ id: PLANNER_LAYER_IDS.lasso, type: 'line', source: SOURCE_IDS.plannerLasso, paint: { 'line-color': '#1f3a93', 'line-width': 2, 'line-dasharray': [1, 1] } });
  },

  added: (map: MapLibreMap): boolean => !!map.getSource(SOURCE_IDS.plannerSelection),

  /** The village code under a screen point; null for none. */
  villageAt(map: MapLibreMap, point: [number, number]): string | null {
    const [hit] = map.queryRenderedFeatures(point, { layers: [PLANNER_LAYER_IDS.pick] });
    return hit ? String(hit.properties.code) : null;
  },

  /** The villages a click or the lasso may pick. */
  setVillages(map: MapLibreMap, villages: ReadonlyMap<string, VillageFeature>): void {
    map.getSource<GeoJSONSource>(SOURCE_IDS.plannerVillages)?.setData({ type: 'FeatureCollection', features: [...villages.values()] });
  },

  setSelection(map: MapLibreMap, features: VillageFeature[]): void {
    map.getSource<GeoJSONSource>(SOURCE_IDS.plannerSelection)?.setData({ type: 'FeatureCollection', features });
  },

  setSuggestions(map: MapLibreMap, features: VillageFeature[]): void {
    map.getSource<GeoJSONSource>(SOURCE_IDS.plannerSuggestions)?.setData({ type: 'FeatureCollection', features });
  },

  /** The lasso ring being drawn, closed; none for null or a single point. */
  setLasso(map: MapLibreMap, ring: readonly LonLat[] | null): void {
    map.getSource<GeoJSONSource>(SOURCE_IDS.plannerLasso)?.setData(ring && ring.length > 1
      ? { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [...ring, ring[0]].map((p) => [...p]) } }
      : empty);
  },
};
