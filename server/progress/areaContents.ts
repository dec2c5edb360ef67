import type { Queryable } from '../db/openDatabase.ts';
import type { AreaContents } from '../domain/responses.ts';

export type { AreaContents };


// Everything inside an area (by code prefix) as of a date. Household figures come from the
// running totals (one probe per village); 插花式 = households in villages that are not poverty villages.
const CONTENTS_SQL = `
WITH v AS (
  SELECT a.code, pv.code IS NOT NULL AS poverty FROM areas a LEFT JOIN poverty_villages pv ON pv.code = a.code
  WHERE a.level = 'village' AND a.code LIKE $1 || '%'
),
t AS (
  SELECT v.poverty, t.households, t.people, t.exited_households, t.at_risk_households FROM v
  CROSS JOIN LATERAL (SELECT * FROM household_totals t WHERE t.village_code = v.code AND t.day <= $2::date ORDER BY t.day DESC LIMIT 1) t
)
SELECT
  (SELECT count(*) FROM v)::int AS villages,
  (SELECT count(*) FROM poverty_villages WHERE code LIKE $1 || '%')::int AS poverty_villages,
  (SELECT count(*) FROM poverty_villages WHERE code LIKE $1 || '%' AND exit_date <= $2::date)::int AS poverty_villages_exited,
  (SELECT coalesce(sum(households), 0) FROM t)::int AS households,
  (SELECT coalesce(sum(people), 0) FROM t)::int AS people,
  (SELECT coalesce(sum(exited_households), 0) FROM t)::int AS exited,
  (SELECT coalesce(sum(at_risk_households), 0) FROM t)::int AS at_risk,
  (SELECT coalesce(sum(households), 0) FROM t WHERE NOT poverty)::int AS scattered,
  (SELECT count(DISTINCT park_id) FROM park_villages WHERE village_code LIKE $1 || '%')::int AS parks,
  (SELECT coalesce(sum(projects), 0) FROM project_deltas WHERE area_code LIKE $1 || '%' AND day <= $2::date)::int AS projects,
  (SELECT coalesce(sum(projects_completed), 0) FROM project_deltas WHERE area_code LIKE $1 || '%' AND day <= $2::date)::int AS projects_completed`;

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
