import { LEVELS, type AreaLevel } from './areaCodes.ts';

/**
 * The vector tile sources the app serves (`/tiles/{sources}/{z}/{x}/{y}.pbf`), pure: names, zoom
 * ranges, the MVT layers and fields each writes. Several sources may be asked for in one request,
 * joined by commas (as Martin composes sources): their MVT layers are concatenated.
 */

/** Tile coordinates are 4096 units a side, with 64 units of buffer around (ST_AsMVT's defaults). */
export const TILE_EXTENT = 4096;
export const TILE_BUFFER = 64;
/** Tiles exist up to this zoom; the map over-zooms past it. */
export const TILE_MAX_ZOOM = 14;

export type TileSourceName = AreaLevel | 'households';

export interface TileField {
  name: string;
  type: 'String' | 'Number' | 'Boolean';
  description: string;
}

export interface TileLayer {
  id: string;
  geometry: 'polygon' | 'point';
  /** The first zoom with features of this layer: below it the layer is left out of the tile. */
  minzoom: number;
  /** Below this zoom only the poverty villages: what the map fills at a city's or county's zoom. */
  everyAreaFrom?: number;
  fields: TileField[];
  description: string;
}

export interface TileSource {
  name: TileSourceName;
  /** The first zoom with any features (the smallest of its layers'). */
  minzoom: number;
  /** The MVT layers a tile of this source holds, in drawing order. */
  layers: TileLayer[];
  /** Only for signed-in roles that may read household records, inside their area. */
  restricted: boolean;
}

const code: TileField = { name: 'code', type: 'String', description: 'NBS division code (also the feature id)' };
const parent: TileField = { name: 'parent', type: 'String', description: "parent's code ('' at the top)" };
const poverty: TileField = { name: 'poverty', type: 'Boolean', description: 'one of the poverty villages (贫困村)' };
/** Polygons carry what colours and picks them; names travel once, on the label points. */
const polygonFields: TileField[] = [code, parent, poverty];
const labelFields: TileField[] = [
  code,
  { name: 'name', type: 'String', description: 'full Chinese name' },
  { name: 'short_name', type: 'String', description: 'name without the level suffix' },
  parent,
  poverty,
];

/**
 * The first zoom of each level's polygons and label points, measured on the province: its villages
 * made z8 tiles of 375 KB and 150 ms near Chengdu, its townships z6 tiles of up to 180 ms. No
 * screen colours townships below a city's zoom (8) nor villages before a township is chosen, so
 * below z9 only the poverty villages are sent (the map fills them at every zoom). The map draws
 * village names from z11 and township names from z9.5 (client/map/zoomLevels.ts); a tile of zoom
 * z is drawn up to map zoom z + 1.
 */
const AREA_MINZOOM: Readonly<Record<AreaLevel, { polygons: number; labels: number }>> = {
  province: { polygons: 0, labels: 0 },
  city: { polygons: 0, labels: 0 },
  county: { polygons: 4, labels: 4 },
  township: { polygons: 7, labels: 8 },
  village: { polygons: 8, labels: 10 },
};
/** Villages: the poverty villages from z8, every village from z9. */
export const VILLAGES_ALL_FROM = 9;

function areaSource(level: AreaLevel): TileSource {
  const zoom = AREA_MINZOOM[level];
  return {
    name: level,
    minzoom: zoom.polygons,
    restricted: false,
    layers: [
      {
        id: level, geometry: 'polygon', minzoom: zoom.polygons, fields: polygonFields, description: `${level} boundaries`,
        ...(level === 'village' ? { everyAreaFrom: VILLAGES_ALL_FROM } : {}),
      },
      { id: `${level}_label`, geometry: 'point', minzoom: zoom.labels, fields: labelFields, description: `${level} label points (inside each area) with the names` },
    ],
  };
}

export const TILE_SOURCES: Readonly<Record<TileSourceName, TileSource>> = {
  ...(Object.fromEntries(LEVELS.map((level) => [level, areaSource(level)])) as Record<AreaLevel, TileSource>),
  households: {
    name: 'households',
    minzoom: 10,
    restricted: true,
    layers: [{
      id: 'households',
      geometry: 'point',
      minzoom: 10,
      description: 'households as exact points, without personal fields',
      fields: [
        { name: 'id', type: 'String', description: 'household id' },
        { name: 'village_code', type: 'String', description: "the household's village" },
        { name: 'scattered', type: 'Boolean', description: '插花式: outside the poverty villages' },
        { name: 'people', type: 'Number', description: 'household size' },
        { name: 'status', type: 'String', description: 'poor, exited or at_risk' },
      ],
    }],
  },
};

/**
 * The sources named by a comma-separated list, each once and in the order asked; an error message
 * naming the first unknown or repeated one.
 */
export function parseTileSources(list: string): { sources: TileSource[] } | { error: string } {
  const names = list.split(',');
  const known = Object.keys(TILE_SOURCES).join(', ');
  const seen = new Set<string>();
  const sources: TileSource[] = [];
  for (const name of names) {
    if (!Object.hasOwn(TILE_SOURCES, name)) return { error: `tile source "${name}" does not exist: the sources are ${known}` };
    if (seen.has(name)) return { error: `tile source "${name}" is named twice` };
    seen.add(name);
    sources.push(TILE_SOURCES[name as TileSourceName]);
  }
  return { sources };
}

/** Why z/x/y is not a tile (x and y run from 0 to 2^z − 1), or null. */
export function tileOutOfRange(z: number, x: number, y: number): string | null {
  if (z > TILE_MAX_ZOOM) return `zoom ${z} is past the last tile zoom ${TILE_MAX_ZOOM}: the map over-zooms the z${TILE_MAX_ZOOM} tiles`;
  const n = 2 ** z;
  if (x >= n || y >= n) return `tile ${z}/${x}/${y} does not exist: at zoom ${z}, x and y run from 0 to ${n - 1}`;
  return null;
}

/** A tile's bounds in longitude/latitude (Web Mercator tiling, y down from the north). */
export function tileBounds(z: number, x: number, y: number): [number, number, number, number] {
  const n = 2 ** z;
  const lon = (i: number) => (i / n) * 360 - 180;
  const lat = (j: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * j) / n))) * 180) / Math.PI;
  return [lon(x), lat(y + 1), lon(x + 1), lat(y)];
}

/**
 * Simplification tolerance in degrees for a zoom: one tile unit at the equator (a fifth of a
 * screen pixel at 512 px a tile), so nothing a tile can show is lost, while low-zoom tiles drop
 * most vertices before they are transformed and clipped.
 */
export function simplifyTolerance(z: number): number {
  return 360 / (2 ** z * TILE_EXTENT);
}

/** The tile of zoom `z` holding the point (Web Mercator tiling). */
export function tileOfPoint(z: number, lon: number, lat: number): [number, number, number] {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  const x = Math.floor(((lon + 180) / 360) * n);
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  return [z, Math.min(n - 1, Math.max(0, x)), Math.min(n - 1, Math.max(0, y))];
}
