import type { Queryable } from '../db/openDatabase.ts';
import { CODE_LENGTH } from '../domain/areaCodes.ts';
import { splitTarget } from '../domain/splitTarget.ts';

/** The plan's city-wide targets that are not a count of records: 4.4 万 people come from the records. */
export const PLAN_TARGETS = { training: 1160, job_fairs: 2 } as const;

// The records counted once per place they sit in (village, or a project's own area), then summed
// to every area above the village by code prefix, one level (code length) at a time: linear in
// the records, where a join on left(code, n) = area would pair every area with every record.
// $1: the year; $2: the village's code length, the areas below it get targets.
const COUNTS_SQL = `
WITH leaf AS (
  SELECT village_code AS code, sum(size) AS people, count(*) AS households,
    coalesce(sum(size) FILTER (WHERE needs_relocation), 0) AS relocation, count(*) FILTER (WHERE needs_renovation) AS renovation,
    0 AS poverty_villages, 0 AS projects
  FROM households GROUP BY village_code
  UNION ALL SELECT code, 0, 0, 0, 0, count(*), 0 FROM poverty_villages WHERE planned_exit_year = $1::int GROUP BY code
  UNION ALL SELECT area_code, 0, 0, 0, 0, 0, count(*) FROM projects WHERE end_date <= make_date($1::int, 12, 31) GROUP BY area_code
),
units AS (SELECT code FROM areas WHERE length(code) < $2::int),
lens AS (SELECT DISTINCT length(code) AS len FROM units),
rolled AS (
  SELECT left(leaf.code, lens.len) AS code, sum(people) AS people, sum(households) AS households, sum(relocation) AS relocation,
    sum(renovation) AS renovation, sum(poverty_villages) AS poverty_villages, sum(projects) AS projects
  FROM leaf CROSS JOIN lens WHERE length(leaf.code) >= lens.len GROUP BY 1
),
counts AS (
  SELECT u.code, coalesce(r.people, 0) AS people, coalesce(r.households, 0) AS households, coalesce(r.relocation, 0) AS relocation,
    coalesce(r.renovation, 0) AS renovation, coalesce(r.poverty_villages, 0) AS poverty_villages, coalesce(r.projects, 0) AS projects
  FROM units u LEFT JOIN rolled r ON r.code = u.code
)
INSERT INTO targets (area_code, year, indicator, value)
SELECT c.code, $1::int, v.indicator, v.value FROM counts c
CROSS JOIN LATERAL (VALUES ('people_lifted', c.people), ('households_exited', c.households), ('relocation', c.relocation),
  ('renovation', c.renovation), ('poverty_villages_exited', c.poverty_villages), ('projects_completed', c.projects)) v(indicator, value)
ON CONFLICT (area_code, year, indicator) DO NOTHING`;

/**
 * Generates the year's targets for every area above the villages (city, counties, townships, and
 * a province when the data has one) from the records: each area's registered households and
 * people, poverty villages, relocations, renovations and projects due; training split over
 * townships by their households; job fairs a city-wide target.
 */
export async function generateTargets(tx: Queryable, year: number): Promise<void> {
  // A target set by hand stays; the split fills in the others.
  await tx.query('DELETE FROM targets WHERE year = $1 AND NOT set_by_hand', [year]);
  await tx.query(COUNTS_SQL, [year, CODE_LENGTH.village]);
  const townships = await tx.query<{ code: string; households: number }>(
    `SELECT a.code, coalesce(h.households, 0)::int AS households FROM areas a
     LEFT JOIN (SELECT left(village_code, $1) AS code, count(*) AS households FROM households GROUP BY 1) h ON h.code = a.code
     WHERE length(a.code) = $1 ORDER BY a.code`, [CODE_LENGTH.township]);
  const training = splitTarget(PLAN_TARGETS.training, townships.map((t) => t.households));
  const rows = townships.map((t, i) => ({ code: t.code, value: training[i] }));
  // The townships' shares summed to every area above them, by code prefix one length at a time.
  await tx.query(`
    WITH t AS (SELECT * FROM json_to_recordset($2::json) AS r(code text, value int)),
    lens AS (SELECT DISTINCT length(code) AS len FROM areas WHERE length(code) < $4::int),
    rolled AS (SELECT left(t.code, lens.len) AS code, sum(t.value) AS value FROM t CROSS JOIN lens GROUP BY 1)
    INSERT INTO targets (area_code, year, indicator, value)
    SELECT code, $1::int, 'training', value FROM t
    UNION ALL SELECT a.code, $1::int, 'training', coalesce(r.value, 0) FROM areas a LEFT JOIN rolled r ON r.code = a.code
      WHERE length(a.code) < $4::int
    UNION ALL SELECT code, $1::int, 'job_fairs', $3::int FROM areas WHERE length(code) = $5::int
    -- A province's job fairs: its cities' together.
    UNION ALL SELECT p.code, $1::int, 'job_fairs', $3::int * count(c.code) FROM areas p JOIN areas c ON c.parent_code = p.code AND length(c.code) = $5::int
      WHERE length(p.code) < $5::int GROUP BY p.code
    ON CONFLICT (area_code, year, indicator) DO NOTHING`,
  [year, JSON.stringify(rows), PLAN_TARGETS.job_fairs, CODE_LENGTH.township, CODE_LENGTH.city]);
}
