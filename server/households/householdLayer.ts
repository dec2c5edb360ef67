import type { Queryable } from '../db/openDatabase.ts';
import { GRID_CELLS, type GridCell } from '../domain/householdGrid.ts';

/**
 * Households inside `scope` as exact points, without personal fields: one GeoJSON FeatureCollection
 * string. Written as text by string_agg, not json_build_object per row: a city's 15,000 points take
 * 129 ms instead of 222 (json_agg re-parses every ST_AsGeoJSON). Text values go through to_json for
 * their quoting; every other value is a number or a boolean.
 */
export async function householdPoints(db: Queryable, scope: string): Promise<string> {
  const [row] = await db.query<{ fc: string }>(`
    SELECT '{"type":"FeatureCollection","features":[' || coalesce(string_agg(
      '{"type":"Feature","id":' || to_json(h.id)::text || ',"geometry":' || ST_AsGeoJSON(h.geom, 6)
      || ',"properties":{"kind":"household","id":' || to_json(h.id)::text || ',"villageCode":' || to_json(h.village_code)::text
      || ',"scattered":' || (pv.code IS NULL)::text || ',"households":1,"people":' || h.size::text
      || ',"poor":' || (h.status = 'poor')::int::text || ',"exited":' || (h.status = 'exited')::int::text
      || ',"atRisk":' || (h.status = 'at_risk')::int::text || '}}', ',' ORDER BY h.id), '') || ']}' AS fc
    FROM households h LEFT JOIN poverty_villages pv ON pv.code = h.village_code
    WHERE h.geom IS NOT NULL AND h.village_code LIKE $1 || '%'`, [scope]);
  return row.fc;
}

/** Household counts per village inside `scope` at its label point, villages with fewer than `min` households left out. */
export async function householdCountsByVillage(db: Queryable, min: number, scope = ''): Promise<string> {
  const [row] = await db.query<{ fc: string }>(`
    WITH v AS (
      SELECT h.village_code, count(*)::int AS households, sum(h.size)::int AS people,
        count(*) FILTER (WHERE h.status = 'poor')::int AS poor, count(*) FILTER (WHERE h.status = 'exited')::int AS exited,
        count(*) FILTER (WHERE h.status = 'at_risk')::int AS at_risk
      FROM households h WHERE h.village_code LIKE $2 || '%' GROUP BY h.village_code HAVING count(*) >= $1)
    SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
      'type', 'Feature', 'id', a.code, 'geometry', ST_AsGeoJSON(a.label_point, 6)::json,
      'properties', json_build_object('kind', 'village', 'id', a.code, 'villageCode', a.code, 'scattered', pv.code IS NULL,
        'households', v.households, 'people', v.people, 'poor', v.poor, 'exited', v.exited, 'atRisk', v.at_risk)) ORDER BY a.code), '[]'::json))::text AS fc
    FROM v JOIN areas a ON a.code = v.village_code LEFT JOIN poverty_villages pv ON pv.code = a.code`, [min, scope]);
  return row.fc;
}


/**
 * Households inside `scope` counted in square cells of `cell` degrees (cell i, j covers longitude
 * i·cell to (i+1)·cell, latitude likewise), as `[i, j, households, poor, atRisk, exited]` rows.
 * Counted first in the finest cells, where a cell of fewer than `min` households is left out, and
 * the coarser cells are sums of the finest ones shown: a coarse cell never tells, by difference
 * with its shown parts, what a hidden fine cell holds.
 */
export async function householdGrid(db: Queryable, min: number, scope: string, cell: GridCell): Promise<number[][]> {
  const rows = await db.query<{ i: number; j: number; households: number; poor: number; at_risk: number; exited: number }>(`
    WITH fine AS (
      SELECT floor(ST_X(h.geom) / $3)::int AS fi, floor(ST_Y(h.geom) / $3)::int AS fj, count(*)::int AS households,
        count(*) FILTER (WHERE h.status = 'poor')::int AS poor, count(*) FILTER (WHERE h.status = 'at_risk')::int AS at_risk,
        count(*) FILTER (WHERE h.status = 'exited')::int AS exited
      FROM households h WHERE h.geom IS NOT NULL AND h.village_code LIKE $2 || '%'
      GROUP BY 1, 2 HAVING count(*) >= $1)
    SELECT floor(fi::float8 / $4)::int AS i, floor(fj::float8 / $4)::int AS j, sum(households)::int AS households,
      sum(poor)::int AS poor, sum(at_risk)::int AS at_risk, sum(exited)::int AS exited
    FROM fine GROUP BY 1, 2 ORDER BY 1, 2`, [min, scope, GRID_CELLS[0], Math.round(cell / GRID_CELLS[0])]);
  return rows.map((r) => [r.i, r.j, r.households, r.poor, r.at_risk, r.exited]);
}
