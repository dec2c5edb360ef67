import type { Queryable } from '../db/openDatabase.ts';
import type { ParkLimits, ParkProblem, ParkVillage } from '../domain/parkOptimiser.ts';

/**
 * The villages of a scope (a county or township code prefix) with their area and the registered poor
 * households (建档立卡户, whatever their status: exited ones need the income too, not to return)
 * a park there would reach, and their adjacency.
 */
export async function loadParkProblem(db: Queryable, scope: string, limits: ParkLimits): Promise<ParkProblem> {
  const rows = await db.query<{ code: string; area_ha: number; poverty: boolean; need: number }>(`
    SELECT a.code, ST_Area(a.geom::geography) / 1e4 AS area_ha, pv.code IS NOT NULL AS poverty,
      (SELECT count(*) FROM households h WHERE h.village_code = a.code)::int AS need
    FROM areas a LEFT JOIN poverty_villages pv ON pv.code = a.code
    WHERE a.level = 'village' AND a.code LIKE $1 || '%' ORDER BY a.code`, [scope]);
  const villages = new Map<string, ParkVillage>(rows.map((r) => [r.code, {
    code: r.code, areaHa: Number(r.area_ha), povertyHouseholds: r.poverty ? r.need : 0, scatteredHouseholds: r.poverty ? 0 : r.need,
  }]));
  const edges = await db.query<{ a: string; b: string }>(
    `SELECT a, b FROM village_adjacency WHERE a LIKE $1 || '%' AND b LIKE $1 || '%'`, [scope]);
  const neighbours = new Map<string, string[]>([...villages.keys()].map((c) => [c, []]));
  for (const e of edges) {
    neighbours.get(e.a)?.push(e.b);
    neighbours.get(e.b)?.push(e.a);
  }
  return { villages, neighbours, limits };
}
