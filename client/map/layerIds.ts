/**
 * Every MapLibre source and layer id the client uses, in one place: the layer modules, the screens
 * and the browser tests import them from here instead of spelling the strings.
 */

/** Sources. */
export const SOURCE_IDS = {
  /** Area polygons, vector tiles of every level below the root (`/tiles/county,township,village`), feature ids = area codes. */
  areas: 'areas',
  plannerVillages: 'planner-villages',
  cityLabels: 'labels-city',
  countyLabels: 'labels-county',
  townshipLabels: 'labels-township',
  villageLabels: 'labels-village',
  households: 'data-households',
  parks: 'data-parks',
  projects: 'data-projects',
  basemap: 'basemap',
  plannerSelection: 'planner-selection',
  plannerSuggestions: 'planner-suggestions',
  plannerLasso: 'planner-lasso',
} as const;

/**
 * Where each level's polygons are: the boundaries' vector tile source and the level's MVT layer
 * (feature state needs both).
 */
export const AREA_FEATURE = {
  city: { source: SOURCE_IDS.areas, sourceLayer: 'city' },
  county: { source: SOURCE_IDS.areas, sourceLayer: 'county' },
  township: { source: SOURCE_IDS.areas, sourceLayer: 'township' },
  village: { source: SOURCE_IDS.areas, sourceLayer: 'village' },
} as const;
/** The tile sources the map asks for, in one request a tile: the levels below the root. */
export const areaTileSources = (levels: readonly string[]): string => levels.join(',');
/** The label point source of each level. */
export const LABEL_SOURCE = { city: SOURCE_IDS.cityLabels, county: SOURCE_IDS.countyLabels, township: SOURCE_IDS.townshipLabels, village: SOURCE_IDS.villageLabels } as const;

/** Boundary layers (BoundaryLayers.ts). */
export const BOUNDARY_LAYER_IDS = {
  countyFill: 'county-fill',
  povertyFill: 'poverty-village-fill',
  villageLine: 'village-line',
  povertyLine: 'poverty-village-line',
  townshipLine: 'township-line',
  countyLineCasing: 'county-line-casing',
  countyLine: 'county-line',
  cityLine: 'city-line',
  villageLabel: 'village-label',
  townshipLabel: 'township-label',
  countyLabel: 'county-label',
  cityLabel: 'city-label',
} as const;

/** Choropleth fills and selected-area outlines by level (ChoroplethLayers.ts). */
export const CHOROPLETH_FILL_IDS = { city: 'choropleth-city', county: 'choropleth-county', township: 'choropleth-township', village: 'choropleth-village' } as const;
export const SELECTED_LINE_IDS = { city: 'selected-city', county: 'selected-county', township: 'selected-township', village: 'selected-village' } as const;

/** Data layers (DataLayers.ts). */
export const DATA_LAYER_IDS = {
  parkFill: 'parks-fill',
  parkLine: 'parks-line',
  projectLine: 'projects-line',
  projectPoint: 'projects-point',
  householdCluster: 'households-cluster',
  householdPoint: 'households-point',
  parkLabel: 'parks-label',
} as const;

/** The basemap raster layer (addBasemap.ts). */
export const BASEMAP_LAYER_ID = 'basemap';

/** The park planner's layers (PlannerLayers.ts). */
export const PLANNER_LAYER_IDS = {
  pick: 'planner-pick',
  fill: 'planner-selection-fill',
  line: 'planner-selection-line',
  suggestion: 'planner-suggestion-line',
  lasso: 'planner-lasso-line',
} as const;
