import type { Queryable } from '../db/openDatabase.ts';
import { CODE_LENGTH, type AreaLevel } from '../domain/areaCodes.ts';
import type { AreaTotals } from '../domain/indicators.ts';
import { HOUSEHOLD_TOTALS, type HouseholdTotalKey } from '../domain/totalsColumns.ts';

export interface TotalsQuery {
  level: AreaLevel;
  /** Only areas under this code (a prefix), or one area when `code` is given. */
  parent?: string | null;
  code?: string | null;
  dates: string[];
  /** Restricts the project figures to one of the 22 specialties. */
  specialty?: number | null;
}

export interface AreaRow {
  code: string;
  name: string;
  parent: string | null;
}

export interface TotalsResult {
  areas: AreaRow[];
  /** date → area code → totals. */
  totals: Map<string, Map<string, AreaTotals>>;
}

const H = HOUSEHOLD_TOTALS.map((t) => t.column);

// Totals as of a date: each village's running household totals on that date, and the sum of the
// project changes up to it; rolled up by code prefix, left(code, length of the level).
export const TOTALS_SQL = `
WITH d AS (SELECT DISTINCT unnest($1::date[]) AS d),
hs AS (
  -- Each village's running totals as of the date: one index probe per village and date.
  SELECT d.d, left(v.code, $2) AS code, ${H.map((c) => `sum(t.${c})::int AS ${c}`).join(', ')}
  FROM d CROSS JOIN (SELECT code FROM areas WHERE level = 'village' AND code LIKE $3 || '%') v
  CROSS JOIN LATERAL (
    SELECT * FROM household_totals t WHERE t.village_code = v.code AND t.day <= d.d ORDER BY t.day DESC LIMIT 1
  ) t
  GROUP BY 1, 2
),
pd AS (
  SELECT left(area_code, $2) AS code, day, sum(projects)::int AS projects, sum(projects_completed)::int AS projects_completed,
    sum(budget)::float8 AS budget, sum(disbursed)::float8 AS disbursed
  FROM project_deltas WHERE area_code LIKE $3 || '%' AND ($4::int IS NULL OR specialty = $4) GROUP BY 1, 2
),
pj AS (
  SELECT d.d, pd.code, sum(pd.projects)::int AS projects, sum(pd.projects_completed)::int AS projects_completed,
    sum(pd.budget)::float8 AS budget, sum(pd.disbursed)::float8 AS disbursed
  FROM d JOIN pd ON pd.day <= d.d GROUP BY 1, 2
),
due AS (
  SELECT d.d, left(p.area_code, $2) AS code,
    count(*) FILTER (WHERE p.end_date <= make_date(extract(year FROM d.d)::int, 12, 31))::int AS projects_due
  FROM d CROSS JOIN projects p WHERE p.area_code LIKE $3 || '%' AND ($4::int IS NULL OR p.specialty = $4) GROUP BY 1, 2
),
pv AS (
  SELECT d.d, left(p.code, $2) AS code, count(*)::int AS poverty_villages,
    count(*) FILTER (WHERE p.exit_date <= d.d)::int AS poverty_villages_exited
  FROM d CROSS JOIN poverty_villages p WHERE p.code LIKE $3 || '%' GROUP BY 1, 2
),
act AS (
  -- Recorded at townships (training) or counties (job fairs): they roll up, never down.
  SELECT d.d, left(a.area_code, $2) AS code,
    coalesce(sum(a.person_times) FILTER (WHERE a.kind = 'training' AND a.held_on <= d.d), 0)::int AS training,
    count(*) FILTER (WHERE a.kind = 'job_fair' AND a.held_on <= d.d)::int AS job_fairs
  FROM d CROSS JOIN activities a
  WHERE a.area_code LIKE $3 || '%' AND length(a.area_code) >= $2
  GROUP BY 1, 2
),
ar AS (
  SELECT a.code, a.name, a.parent_code FROM areas a
  WHERE a.level = $5 AND a.code LIKE $3 || '%' AND ($6::text IS NULL OR a.code = $6)
)
SELECT d.d::text AS date, ar.code, ar.name, ar.parent_code, ${H.map((c) => `hs.${c}`).join(', ')},
  pv.poverty_villages, pv.poverty_villages_exited, pj.projects, due.projects_due, pj.projects_completed, pj.budget, pj.disbursed,
  act.training, act.job_fairs
FROM d CROSS JOIN ar
LEFT JOIN hs ON hs.d = d.d AND hs.code = ar.code
LEFT JOIN pv ON pv.d = d.d AND pv.code = ar.code
LEFT JOIN pj ON pj.d = d.d AND pj.code = ar.code
LEFT JOIN due ON due.d = d.d AND due.code = ar.code
LEFT JOIN act ON act.d = d.d AND act.code = ar.code
ORDER BY d.d, ar.code`;

interface Row {
  date: string; code: string; name: string; parent_code: string | null;
  [column: string]: string | number | null;
}

const n = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

/** Raw totals of every area of a level (under a parent) at each date, in one query. */
export async function queryTotals(db: Queryable, q: TotalsQuery): Promise<TotalsResult> {
  const length = CODE_LENGTH[q.level];
  const prefix = q.code ?? q.parent ?? '';
  const rows = await db.query<Row>(TOTALS_SQL, [q.dates, length, prefix, q.specialty ?? null, q.level, q.code ?? null]);
  const areas = new Map<string, AreaRow>();
  const totals = new Map<string, Map<string, AreaTotals>>();
  const trainingRecorded = length <= CODE_LENGTH.township;
  const fairsRecorded = length <= CODE_LENGTH.county;
  for (const r of rows) {
    if (!areas.has(r.code)) areas.set(r.code, { code: r.code, name: r.name, parent: r.parent_code });
    let byArea = totals.get(r.date);
    if (!byArea) totals.set(r.date, (byArea = new Map()));
    const household = Object.fromEntries(HOUSEHOLD_TOTALS.map((t) => [t.key, n(r[t.column])])) as Record<HouseholdTotalKey, number>;
    byArea.set(r.code, {
      ...household,
      povertyVillages: n(r.poverty_villages), povertyVillagesExited: n(r.poverty_villages_exited), projects: n(r.projects),
      projectsDue: n(r.projects_due), projectsCompleted: n(r.projects_completed), budget: n(r.budget), disbursed: n(r.disbursed),
      trainingPersonTimes: trainingRecorded ? n(r.training) : null,
      jobFairs: fairsRecorded ? n(r.job_fairs) : null,
    });
  }
  return { areas: [...areas.values()], totals };
}
