import type { Queryable } from '../db/openDatabase.ts';
import { connectedPieces } from '../domain/parkOptimiser.ts';
import { MU_PER_HA } from '../domain/units.ts';
import type { SelectionMeasures } from '../domain/responses.ts';

export type { SelectionMeasures };


const MEASURE_SQL = `
WITH sel AS (
  SELECT a.code, a.geom, pv.code IS NOT NULL AS poverty FROM areas a LEFT JOIN poverty_villages pv ON pv.code = a.code
  WHERE a.level = 'village' AND a.code = ANY($1::text[])
),
u AS (SELECT ST_Union(geom) AS geom FROM sel),
hh AS (SELECT sel.poverty, count(h.id)::int AS n, coalesce(sum(h.size), 0)::int AS people FROM sel JOIN households h ON h.village_code = sel.code GROUP BY 1)
SELECT ST_AsGeoJSON(u.geom, 6) AS outline, ST_NumGeometries(u.geom)::int AS parts, ST_Area(u.geom::geography) / 1e4 AS area_ha,
  (SELECT count(*) FROM sel WHERE poverty)::int AS poverty_villages,
  coalesce((SELECT n FROM hh WHERE poverty), 0) AS poverty_households,
  coalesce((SELECT n FROM hh WHERE NOT poverty), 0) AS scattered_households,
  coalesce((SELECT sum(people) FROM hh), 0)::int AS people,
  (SELECT count(*) FROM projects p WHERE p.geom && u.geom AND ST_Intersects(p.geom, u.geom))::int AS projects,
  (SELECT count(DISTINCT pv.park_id) FROM park_villages pv JOIN sel ON sel.code = pv.village_code)::int AS parks,
  (SELECT min(ST_Distance(ST_PointOnSurface(u.geom)::geography, p.geom::geography)) FROM projects p WHERE GeometryType(p.geom) = 'LINESTRING') AS nearest_m
FROM u`;

/** The measures of a selection of villages, from PostGIS; the contiguity from the adjacency table. */
export async function measureSelection(db: Queryable, codes: string[]): Promise<SelectionMeasures> {
  const villages = [...new Set(codes)].sort();
  const edges = await db.query<{ a: string; b: string }>('SELECT a, b FROM village_adjacency WHERE a = ANY($1::text[]) AND b = ANY($1::text[])', [villages]);
  const neighbours = new Map<string, string[]>(villages.map((c) => [c, []]));
  for (const e of edges) {
    neighbours.get(e.a)!.push(e.b);
    neighbours.get(e.b)!.push(e.a);
  }
  const pieces = connectedPieces(villages, neighbours);
  const [r] = await db.query<{ outline: string; parts: number; area_ha: number; poverty_villages: number; poverty_households: number; scattered_households: number; people: number; projects: number; parks: number; nearest_m: number | null }>(MEASURE_SQL, [villages]);
  const areaHa = Number(r.area_ha);
  return {
    villages, pieces, contiguous: pieces.length === 1, unionParts: r.parts, outline: JSON.parse(r.outline),
    areaHa: Math.round(areaHa * 100) / 100, areaMu: Math.round(areaHa * MU_PER_HA),
    povertyVillages: r.poverty_villages, povertyHouseholds: r.poverty_households, scatteredHouseholds: r.scattered_households, people: r.people,
    projects: r.projects, parks: r.parks, nearestLineM: r.nearest_m === null ? null : Math.round(Number(r.nearest_m)),
  };
}
