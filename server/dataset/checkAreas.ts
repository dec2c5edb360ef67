import type { Queryable } from '../db/openDatabase.ts';

/** How far a child may stick out of its parent, in square metres: floating-point noise, not data. */
export const NESTING_TOLERANCE_M2 = 1;

export interface AreaProblem {
  code: string;
  reason: string;
}

/**
 * Checks the areas table in PostGIS: valid, non-empty geometry; a parent for every area below the
 * city; every child inside its parent. The same SQL runs on both backends.
 */
export async function checkAreas(db: Queryable): Promise<AreaProblem[]> {
  const problems: AreaProblem[] = [];
  const invalid = await db.query<{ code: string; reason: string }>(
    `SELECT code, ST_IsValidReason(geom) AS reason FROM areas WHERE ST_IsEmpty(geom) OR NOT ST_IsValid(geom) ORDER BY code`,
  );
  for (const r of invalid) problems.push({ code: r.code, reason: `invalid geometry: ${r.reason}` });
  const orphans = await db.query<{ code: string; parent_code: string }>(
    `SELECT a.code, a.parent_code FROM areas a LEFT JOIN areas p ON p.code = a.parent_code
     WHERE a.parent_code IS NOT NULL AND p.code IS NULL ORDER BY a.code`,
  );
  for (const r of orphans) problems.push({ code: r.code, reason: `its parent ${r.parent_code} is not among the areas` });
  if (invalid.length > 0) return problems;
  const outside = await db.query<{ code: string; parent_code: string; outside_m2: number }>(
    `SELECT c.code, c.parent_code, ST_Area(ST_Difference(c.geom, p.geom)::geography) AS outside_m2
     FROM areas c JOIN areas p ON p.code = c.parent_code
     WHERE NOT ST_CoveredBy(c.geom, p.geom) AND ST_Area(ST_Difference(c.geom, p.geom)::geography) > $1
     ORDER BY c.code`,
    [NESTING_TOLERANCE_M2],
  );
  for (const r of outside) {
    problems.push({ code: r.code, reason: `lies ${Math.round(r.outside_m2)} m² outside its parent ${r.parent_code}` });
  }
  return problems;
}
