import { geoJSONToTile, type GeoJSONVTTile } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { Backend, Queryable } from '../db/openDatabase.ts';
import { DATA_VERSION_SQL, dataVersion } from '../audit/auditQueries.ts';
import { simplifyTolerance, TILE_BUFFER, TILE_EXTENT, type TileLayer, type TileSource } from '../domain/tileLayers.ts';

/**
 * The rows of one MVT layer: `geom` in longitude/latitude plus the layer's fields, for the tile
 * whose buffered envelope is `b.geo`. One query per layer, shared by both encoders below: the
 * features and their attributes are the same on both backends, only the encoding differs.
 * `b` holds the parameters (boundsSql): the tile's envelope, its buffered envelope in
 * longitude/latitude, the simplification tolerance (degrees) and the code prefix the caller may see.
 */
function layerRowsSql(source: TileSource, layer: TileLayer): string {
  if (source.name === 'households') {
    return `SELECT h.geom, h.id, h.village_code, pv.code IS NULL AS scattered, h.size AS people, h.status
      FROM households h LEFT JOIN poverty_villages pv ON pv.code = h.village_code, b
      WHERE h.geom IS NOT NULL AND h.village_code LIKE b.scope || '%' AND h.geom && b.geo`;
  }
  const label = layer.geometry === 'point';
  // Labels are points: no simplification. Polygons keep small areas (preserveCollapsed): an area
  // that exists is drawn, however small.
  const geom = label ? 'a.label_point' : 'ST_Simplify(a.geom, b.tolerance, true)';
  const test = label ? 'a.label_point && b.geo' : 'a.geom && b.geo';
  return `SELECT ${geom} AS geom, a.code::bigint AS fid, a.code,${label ? ' a.name, a.short_name,' : ''} coalesce(a.parent_code, '') AS parent,
      pv.code IS NOT NULL AS poverty
    FROM areas a LEFT JOIN poverty_villages pv ON pv.code = a.code, b
    WHERE a.level = '${source.name}' AND a.code LIKE b.scope || '%' AND ${test}${layer.everyAreaFrom === undefined ? '' : `
      AND (b.z >= ${layer.everyAreaFrom} OR pv.code IS NOT NULL)`}`;
}

// Every parameter is typed here, once: a layer that does not use one still names it.
const boundsSql = `b AS (SELECT ST_TileEnvelope($1::int, $2::int, $3::int) AS env,
  ST_Transform(ST_TileEnvelope($1::int, $2::int, $3::int, margin => $4::float8), 4326) AS geo,
  $5::float8 AS tolerance, $6::text AS scope, $1::int AS z)`;

const fieldList = (layer: TileLayer) => layer.fields.map((f) => `r.${f.name}`).join(', ');

/**
 * PostgreSQL with PostGIS: ST_AsMVT per layer, the layers' bytes concatenated (a valid tile, as
 * Martin composes sources), and with `withVersion` the data version read in the same snapshot.
 * Exported for the bench, which times the raw SQL against the route.
 */
export function mvtSql(sources: TileSource[], z: number, withVersion = false): string {
  const parts = sources.flatMap((source) => source.layers.filter((l) => z >= l.minzoom).map((layer) => {
    const id = source.name === 'households' ? '' : `, 'fid'`;
    return `(SELECT coalesce(ST_AsMVT(t, '${layer.id}', ${TILE_EXTENT}, 'geom'${id}), ''::bytea) FROM (
      SELECT ST_AsMVTGeom(ST_Transform(r.geom, 3857), b.env, ${TILE_EXTENT}, ${TILE_BUFFER}, true) AS geom,
        ${source.name === 'households' ? '' : 'r.fid, '}${fieldList(layer)}
      FROM (${layerRowsSql(source, layer)}) r, b) t)`;
  }));
  return `WITH ${boundsSql} SELECT ${parts.length ? parts.join(' || ') : "''::bytea"} AS tile${withVersion ? `, ${DATA_VERSION_SQL} AS version` : ''}`;
}

/** The parameters of a tile's queries, in the order of `mvtSql`. */
export function tileParams(z: number, x: number, y: number, scope: string): unknown[] {
  return [z, x, y, TILE_BUFFER / TILE_EXTENT, simplifyTolerance(z), scope];
}

/**
 * The embedded database has no ST_AsMVT (EMBEDDED_GAPS.mvt): the same rows, clipped to the
 * buffered tile in SQL, are cut into tile coordinates by geojson-vt (the library MapLibre itself
 * uses for GeoJSON sources) and written by vt-pbf.
 */
async function geojsonVtTile(db: Queryable, sources: TileSource[], params: unknown[], z: number, x: number, y: number): Promise<Uint8Array> {
  const layers: Record<string, GeoJSONVTTile> = {};
  for (const source of sources) {
    for (const layer of source.layers.filter((l) => z >= l.minzoom)) {
      const rows = await db.query<Record<string, unknown> & { geojson: string }>(
        `WITH ${boundsSql} SELECT ST_AsGeoJSON(ST_ClipByBox2D(r.geom, b.geo), 7) AS geojson,
           ${source.name === 'households' ? '' : 'r.fid, '}${fieldList(layer)}
         FROM (${layerRowsSql(source, layer)}) r, b`,
        params,
      );
      const features: GeoJSON.Feature[] = rows.map(({ geojson, fid, ...properties }) => ({
        type: 'Feature',
        ...(fid === undefined ? {} : { id: Number(fid) }),
        geometry: JSON.parse(geojson) as GeoJSON.Geometry,
        properties,
      }));
      if (features.length === 0) continue;
      const tile = geoJSONToTile({ type: 'FeatureCollection', features }, z, x, y, {
        // No simplification of its own: the SQL's is the one both backends share.
        extent: TILE_EXTENT, buffer: TILE_BUFFER, clip: true, wrap: false, maxZoom: z, tolerance: 0,
      });
      if (tile && tile.features.length > 0) layers[layer.id] = tile;
    }
  }
  return Object.keys(layers).length === 0 ? new Uint8Array(0) : fromGeojsonVt(layers, { version: 2, extent: TILE_EXTENT });
}

/**
 * One vector tile of `sources` (empty below a source's first zoom), restricted to codes under
 * `scope`, with the data version it was cut from (read before the rows on the embedded database).
 */
export async function vectorTile(db: Queryable & { backend: Backend }, sources: TileSource[], z: number, x: number, y: number, scope: string): Promise<{ tile: Uint8Array; version: string }> {
  const shown = sources.filter((s) => z >= s.minzoom);
  const params = tileParams(z, x, y, scope);
  if (db.backend === 'embedded' || shown.length === 0) {
    const version = await dataVersion(db);
    return { tile: shown.length === 0 ? new Uint8Array(0) : await geojsonVtTile(db, shown, params, z, x, y), version };
  }
  const [row] = await db.query<{ tile: Uint8Array; version: string }>(mvtSql(shown, z, true), params);
  return row;
}

