import type { Queryable } from '../../server/db/openDatabase.ts';

export interface SpatialReport {
  countsByLevel: Record<string, number>;
  /** Areas sticking out of their parent by more than 1 m². */
  nestingViolations: string[];
  /** Total area where two areas of the same level overlap, m², per level. */
  overlapM2: Record<string, number>;
  /** Parent area not covered by its children, m², summed per level of the children. */
  gapM2: Record<string, number>;
  /** Geodesic area per county, km², rounded to 0.1. */
  countyAreaKm2: Record<string, number>;
  /** |parent − Σ children| / parent, the largest over all parents, rounded to 1e-9. */
  maxAreaSumError: number;
  /** Length of the shared borders between counties, km, rounded to 0.1. */
  countyBordersKm: Record<string, number>;
  invalidGeometries: number;
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

/** The same SQL on either backend; the answers are rounded so that equal means equal. */
export async function spatialReport(db: Queryable): Promise<SpatialReport> {
  const counts = await db.query<{ level: string; n: number }>('SELECT level, count(*)::int AS n FROM areas GROUP BY level ORDER BY level');
  const invalid = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM areas WHERE NOT ST_IsValid(geom)');
  const nesting = await db.query<{ code: string }>(
    `SELECT c.code FROM areas c JOIN areas p ON p.code = c.parent_code
     WHERE NOT ST_CoveredBy(c.geom, p.geom) AND ST_Area(ST_Difference(c.geom, p.geom)::geography) > 1 ORDER BY c.code`,
  );
  const overlaps = await db.query<{ level: string; m2: number }>(
    `SELECT a.level, coalesce(sum(ST_Area(ST_Intersection(a.geom, b.geom)::geography)), 0) AS m2
     FROM areas a JOIN areas b ON a.level = b.level AND a.code < b.code AND a.geom && b.geom
       AND ST_Relate(a.geom, b.geom, '2********')
     GROUP BY a.level ORDER BY a.level`,
  );
  const gaps = await db.query<{ level: string; m2: number; max_err: number }>(
    // Uncovered area = parent − union of children (children inside their parent is checked above);
    // no ST_Difference here: the embedded backend fails on it (test/server/db/backendGaps.test.ts).
    `SELECT c.level, sum(greatest(ST_Area(p.geom::geography) - ST_Area(c.u::geography), 0)) AS m2,
            max(abs(ST_Area(p.geom::geography) - c.s) / ST_Area(p.geom::geography)) AS max_err
     FROM (SELECT parent_code, min(level) AS level, ST_Union(geom) AS u, sum(ST_Area(geom::geography)) AS s
           FROM areas WHERE parent_code IS NOT NULL GROUP BY parent_code) c
     JOIN areas p ON p.code = c.parent_code GROUP BY c.level ORDER BY c.level`,
  );
  const counties = await db.query<{ name: string; km2: number }>(
    `SELECT name, ST_Area(geom::geography) / 1e6 AS km2 FROM areas WHERE level = 'county' ORDER BY code`,
  );
  const borders = await db.query<{ pair: string; km: number }>(
    `SELECT a.name || '–' || b.name AS pair, ST_Length(ST_CollectionExtract(ST_Intersection(a.geom, b.geom), 2)::geography) / 1e3 AS km
     FROM areas a JOIN areas b ON a.level = 'county' AND b.level = 'county' AND a.code < b.code ORDER BY a.code, b.code`,
  );
  return {
    countsByLevel: Object.fromEntries(counts.map((r) => [r.level, r.n])),
    nestingViolations: nesting.map((r) => r.code),
    overlapM2: Object.fromEntries(overlaps.map((r) => [r.level, round(r.m2, 0)])),
    gapM2: Object.fromEntries(gaps.map((r) => [r.level, round(r.m2, 0)])),
    countyAreaKm2: Object.fromEntries(counties.map((r) => [r.name, round(r.km2, 1)])),
    maxAreaSumError: round(Math.max(0, ...gaps.map((r) => r.max_err)), 9),
    countyBordersKm: Object.fromEntries(borders.map((r) => [r.pair, round(r.km, 1)])),
    invalidGeometries: invalid[0].n,
  };
}
