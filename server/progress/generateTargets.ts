import type { Queryable } from '../db/openDatabase.ts';
import { splitTarget } from '../domain/splitTarget.ts';

/** The plan's city-wide targets that are not a count of records: 4.4 万 people come from the records. */
export const PLAN_TARGETS = { training: 1160, job_fairs: 2 } as const;

/**
 * Generates the year's targets for the city, counties and townships from the records: each area's
 * registered households and people, poverty villages, relocations, renovations and projects due;
 * training split over townships by their households; job fairs a city-wide target.
 */
export async function generateTargets(tx: Queryable, year: number): Promise<void> {
  // A target set by hand stays; the split fills in the others.
  await tx.query('DELETE FROM targets WHERE year = $1 AND NOT set_by_hand', [year]);
  await tx.query(`
    WITH units AS (SELECT code, length(code) AS len FROM areas WHERE level IN ('city', 'county', 'township')),
    counts AS (
      SELECT u.code, 'people_lifted' AS indicator, coalesce(sum(h.size), 0) AS value FROM units u LEFT JOIN households h ON left(h.village_code, u.len) = u.code GROUP BY u.code
      UNION ALL SELECT u.code, 'households_exited', count(h.id) FROM units u LEFT JOIN households h ON left(h.village_code, u.len) = u.code GROUP BY u.code
      UNION ALL SELECT u.code, 'relocation', coalesce(sum(h.size) FILTER (WHERE h.needs_relocation), 0) FROM units u LEFT JOIN households h ON left(h.village_code, u.len) = u.code GROUP BY u.code
      UNION ALL SELECT u.code, 'renovation', count(h.id) FILTER (WHERE h.needs_renovation) FROM units u LEFT JOIN households h ON left(h.village_code, u.len) = u.code GROUP BY u.code
      UNION ALL SELECT u.code, 'poverty_villages_exited', count(p.code) FROM units u LEFT JOIN poverty_villages p ON left(p.code, u.len) = u.code AND p.planned_exit_year = $1::int GROUP BY u.code
      UNION ALL SELECT u.code, 'projects_completed', count(p.id) FROM units u LEFT JOIN projects p ON left(p.area_code, u.len) = u.code AND p.end_date <= make_date($1::int, 12, 31) GROUP BY u.code
    )
    INSERT INTO targets (area_code, year, indicator, value) SELECT code, $1::int, indicator, value FROM counts
    ON CONFLICT (area_code, year, indicator) DO NOTHING`, [year]);
  const townships = await tx.query<{ code: string; households: number }>(
    `SELECT a.code, count(h.id)::int AS households FROM areas a LEFT JOIN households h ON left(h.village_code, 9) = a.code
     WHERE a.level = 'township' GROUP BY a.code ORDER BY a.code`);
  const training = splitTarget(PLAN_TARGETS.training, townships.map((t) => t.households));
  const rows = townships.map((t, i) => ({ code: t.code, value: training[i] }));
  await tx.query(`
    WITH t AS (SELECT * FROM json_to_recordset($2::json) AS r(code text, value int))
    INSERT INTO targets (area_code, year, indicator, value)
    SELECT code, $1::int, 'training', value FROM t
    UNION ALL SELECT a.code, $1::int, 'training', coalesce(sum(t.value), 0) FROM areas a LEFT JOIN t ON left(t.code, length(a.code)) = a.code
      WHERE a.level IN ('city', 'county') GROUP BY a.code
    UNION ALL SELECT code, $1::int, 'job_fairs', $3::int FROM areas WHERE level = 'city'
    ON CONFLICT (area_code, year, indicator) DO NOTHING`, [year, JSON.stringify(rows), PLAN_TARGETS.job_fairs]);
}
