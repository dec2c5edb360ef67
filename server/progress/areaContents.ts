import type { Queryable } from '../db/openDatabase.ts';
import type { AreaContents } from '../domain/responses.ts';

export type { AreaContents };


// Everything inside an area (by code prefix, a range the primary keys serve) as of a date.
// Household and project figures are the area's own running totals (one probe each, whatever its
// level); 插花式 = households in villages that are not poverty villages: the area's households
// minus those of its poverty villages (few, one probe each).
const CONTENTS_SQL = `
WITH own AS (
  SELECT t.households, t.people, t.exited_households, t.at_risk_households FROM household_totals t
  WHERE t.area_code = $1 AND t.day <= $2::date ORDER BY t.day DESC LIMIT 1
),
pv AS (SELECT code, exit_date FROM poverty_villages WHERE code >= $1 AND code <= $1 || '999999999999'),
pvh AS (
  SELECT t.households FROM pv
  CROSS JOIN LATERAL (SELECT households FROM household_totals t WHERE t.area_code = pv.code AND t.day <= $2::date ORDER BY t.day DESC LIMIT 1) t
),
pj AS (
  SELECT p.projects, p.projects_completed FROM project_totals p
  WHERE p.area_code = $1 AND p.specialty = 0 AND p.day <= $2::date ORDER BY p.day DESC LIMIT 1
)
SELECT
  (SELECT count(*) FROM areas WHERE level = 'village' AND code >= $1 AND code <= $1 || '999999999999')::int AS villages,
  (SELECT count(*) FROM pv)::int AS poverty_villages,
  (SELECT count(*) FROM pv WHERE exit_date <= $2::date)::int AS poverty_villages_exited,
  (SELECT coalesce(sum(households), 0) FROM own)::int AS households,
  (SELECT coalesce(sum(people), 0) FROM own)::int AS people,
  (SELECT coalesce(sum(exited_households), 0) FROM own)::int AS exited,
  (SELECT coalesce(sum(at_risk_households), 0) FROM own)::int AS at_risk,
  ((SELECT coalesce(sum(households), 0) FROM own) - (SELECT coalesce(sum(households), 0) FROM pvh))::int AS scattered,
  (SELECT count(DISTINCT park_id) FROM park_villages WHERE village_code >= $1 AND village_code <= $1 || '999999999999')::int AS parks,
  (SELECT coalesce(sum(projects), 0) FROM pj)::int AS projects,
  (SELECT coalesce(sum(projects_completed), 0) FROM pj)::int AS projects_completed`;

interface Row {
  villages: number; poverty_villages: number; poverty_villages_exited: number; households: number; people: number;
  exited: number; at_risk: number; scattered: number; parks: number; projects: number; projects_completed: number;
}

/**
 * Counts of what lies inside an area as of a date. `minHouseholds`: household figures of an area
 * with fewer households are hidden (null: the caller may see them all).
 */
export async function areaContents(db: Queryable, code: string, asOf: string, minHouseholds: number | null): Promise<AreaContents> {
  const [r] = await db.query<Row>(CONTENTS_SQL, [code, asOf]);
  const suppressed = minHouseholds !== null && r.households > 0 && r.households < minHouseholds;
  return {
    code,
    asOf,
    villages: r.villages,
    povertyVillages: { total: r.poverty_villages, exited: r.poverty_villages_exited },
    households: suppressed ? null : {
      total: r.households, poor: r.households - r.exited, exited: r.exited, atRisk: r.at_risk, scattered: r.scattered, people: r.people,
    },
    suppressed,
    parks: r.parks,
    projects: { total: r.projects, completed: r.projects_completed },
  };
}
