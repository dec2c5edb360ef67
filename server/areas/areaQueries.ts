import type { Queryable } from '../db/openDatabase.ts';
import type { AreaLevel } from '../domain/areaCodes.ts';
import { isValidDate } from '../domain/campaignCalendar.ts';
import { areaNameIndex } from './areaNames.ts';
import { BadRequestError, NotFoundError } from '../errors.ts';

/** The level of the area with `code`, or null when there is no such area. */
export async function areaLevel(db: Queryable, code: string): Promise<AreaLevel | null> {
  const [row] = await db.query<{ level: AreaLevel }>('SELECT level FROM areas WHERE code = $1', [code]);
  return row?.level ?? null;
}

/**
 * Throws unless an area with `code` exists, naming the field: 404 for an area asked for (a path or
 * a filter), 400 for one named in a body to be written. Returns its level.
 */
export async function requireArea(db: Queryable, field: string, code: string, named: 'asked' | 'written' = 'asked'): Promise<AreaLevel> {
  const level = await areaLevel(db, code);
  if (level) return level;
  const message = `${field}: no area with code ${code}`;
  throw named === 'asked' ? new NotFoundError(message) : new BadRequestError(message);
}

/** How many areas of `level` lie under the code prefix `scope`. */
export async function countAreas(db: Queryable, level: AreaLevel, scope: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM areas WHERE level = $1 AND code LIKE $2 || '%'`, [level, scope]);
  return row.n;
}

/** The codes among `codes` that are not villages. */
export async function notVillages(db: Queryable, codes: string[]): Promise<string[]> {
  const rows = await db.query<{ code: string }>(`SELECT code FROM areas WHERE level = 'village' AND code = ANY($1::text[])`, [codes]);
  const known = new Set(rows.map((r) => r.code));
  return codes.filter((c) => !known.has(c));
}

/** The default as-of date: the data's own date (the demo's history ends on it), else today. */
export async function defaultAsOf(db: Queryable): Promise<string> {
  const [row] = await db.query<{ as_of: string | null }>(`SELECT value->>'dataAsOf' AS as_of FROM dataset_meta WHERE key = 'meta'`);
  return row?.as_of && isValidDate(row.as_of) ? row.as_of : new Date().toISOString().slice(0, 10);
}

// One SQL shape for the list and the item: properties are built once, here. `namesEn` is the
// placeholder of the `{code: English name}` parameter (names are written in pinyin in JavaScript).
const featureSql = (namesEn: string, geometry = 'a.geom') => `json_build_object(
  'type', 'Feature', 'id', a.code, 'geometry', ST_AsGeoJSON(${geometry}, 6)::json,
  'properties', json_build_object('code', a.code, 'name', a.name, 'nameEn', coalesce(${namesEn}::jsonb ->> a.code, a.name), 'shortName', a.short_name, 'level', a.level,
    'kind', a.kind, 'parent', a.parent_code, 'labelLon', round(ST_X(a.label_point)::numeric, 6),
    'labelLat', round(ST_Y(a.label_point)::numeric, 6), 'poverty', pv.code IS NOT NULL, 'synthetic', a.synthetic))`;

/**
 * The areas of a level and/or the children of a parent as a GeoJSON FeatureCollection, built by
 * PostGIS as one string: no second serialisation of thousands of coordinates. `shape` 'label'
 * gives each area's label point instead of its polygon (a map drawing its polygons from tiles).
 */
export async function areaCollection(db: Queryable, filter: { level: AreaLevel | null; parent: string | null; within?: string | null }, shape: 'polygon' | 'label' = 'polygon'): Promise<string> {
  const names = await areaNameIndex(db);
  const [row] = await db.query<{ fc: string }>(
    `SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(${featureSql('$3', shape === 'label' ? 'a.label_point' : 'a.geom')} ORDER BY a.code), '[]'::json))::text AS fc
     FROM areas a LEFT JOIN poverty_villages pv ON pv.code = a.code
     WHERE ($1::text IS NULL OR a.level = $1) AND ($2::text IS NULL OR a.parent_code = $2) AND a.code LIKE $4 || '%'`,
    [filter.level, filter.parent, names.namesEnJson, filter.within ?? ''],
  );
  return row.fc;
}

/** One area as a GeoJSON Feature string with its bounding box, number of children and area; null if none. */
export async function areaDetail(db: Queryable, code: string): Promise<string | null> {
  const nameEn = (await areaNameIndex(db)).byCode.get(code)?.nameEn;
  const [row] = await db.query<{ f: string }>(
    `SELECT (jsonb_build_object('type', 'Feature', 'id', a.code, 'geometry', ST_AsGeoJSON(a.geom, 6)::jsonb)
       || jsonb_build_object('properties', (${featureSql('$2')}->'properties')::jsonb || jsonb_build_object(
         'bbox', json_build_array(round(ST_XMin(a.geom)::numeric, 6), round(ST_YMin(a.geom)::numeric, 6),
                                  round(ST_XMax(a.geom)::numeric, 6), round(ST_YMax(a.geom)::numeric, 6)),
         'children', (SELECT count(*) FROM areas c WHERE c.parent_code = a.code),
         'areaKm2', round((ST_Area(a.geom::geography) / 1e6)::numeric, 3))))::text AS f
     FROM areas a LEFT JOIN poverty_villages pv ON pv.code = a.code WHERE a.code = $1`,
    [code, JSON.stringify(nameEn ? { [code]: nameEn } : {})],
  );
  return row?.f ?? null;
}

/** An area's bounding box [west, south, east, north], without its geometry; null when there is no such area. */
export async function areaBbox(db: Queryable, code: string): Promise<[number, number, number, number] | null> {
  const [row] = await db.query<{ w: number; s: number; e: number; n: number }>(
    'SELECT ST_XMin(geom) AS w, ST_YMin(geom) AS s, ST_XMax(geom) AS e, ST_YMax(geom) AS n FROM areas WHERE code = $1', [code]);
  return row ? [row.w, row.s, row.e, row.n] : null;
}

/** The short names (岳井村, not 岳井村村民委员会) of the areas named, by code: a list's names for its few rows. */
export async function shortNames(db: Queryable, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db.query<{ code: string; short_name: string }>('SELECT code, short_name FROM areas WHERE code = ANY($1::text[])', [[...new Set(codes)]]);
  return new Map(rows.map((r) => [r.code, r.short_name]));
}
