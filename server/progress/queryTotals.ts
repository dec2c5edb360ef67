import type { Queryable } from '../db/openDatabase.ts';
import { CODE_LENGTH, type AreaLevel } from '../domain/areaCodes.ts';
import type { AreaTotals } from '../domain/indicators.ts';
import { HOUSEHOLD_TOTALS } from '../domain/totalsColumns.ts';

export interface TotalsQuery {
  level: AreaLevel;
  /** Only areas under this code (a prefix), or one area when `code` is given. */
  parent?: string | null;
  code?: string | null;
  /** Only these areas of the level (e.g. those a streak still follows); null or absent: all. */
  codes?: readonly string[] | null;
  /** Only the areas whose parent is one of these; null or absent: all. */
  parents?: readonly string[] | null;
  dates: string[];
  /** Restricts the project figures to one of the 22 specialties. */
  specialty?: number | null;
  /** Only these parts (the others read as 0); absent: all. */
  parts?: TotalsParts;
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

// Every code under a prefix, by range so that the primary key serves it (codes are digits only,
// so `prefix` ≤ code ≤ `prefix`999… holds exactly the codes that start with it).
const under = (column: string) => `${column} >= $3 AND ${column} <= $3 || '999999999999'`;

/** Which parts of the totals a query fetches; the household totals always (small-count suppression reads them). */
export interface TotalsParts {
  /** The household totals' columns sent back (the others read as 0); null: all. `households` always is. */
  household?: readonly string[] | null;
  projects: boolean;
  projectsDue: boolean;
  povertyVillages: boolean;
  activities: boolean;
}
const ALL_PARTS: TotalsParts = { projects: true, projectsDue: true, povertyVillages: true, activities: true };

// Totals as of a date: each area's own running household and project totals on that date (one
// index probe per area and date, whatever its level: refreshDeltas keeps a row set per area);
// poverty villages, projects due and activities are few and rolled up by code prefix,
// left(code, length of the level).
function totalsSql(part: TotalsParts): string {
  return `
WITH d AS (SELECT DISTINCT unnest($1::date[]) AS d),
ar AS (
  SELECT a.code, a.name, a.parent_code FROM areas a
  WHERE a.level = $5 AND ${under('a.code')} AND ($6::text IS NULL OR a.code = $6) AND ($7::text[] IS NULL OR a.code = ANY($7::text[]))
    AND ($8::text[] IS NULL OR a.parent_code = ANY($8::text[]))
),
${part.projectsDue ? `due AS (
  -- Depends on the year only: one pass over the projects per year asked.
  SELECT y.y, left(p.area_code, $2) AS code, count(*)::int AS projects_due
  FROM (SELECT DISTINCT extract(year FROM d.d)::int AS y FROM d) y
  JOIN projects p ON p.end_date <= make_date(y.y, 12, 31)
  WHERE ${under('p.area_code')} AND ($4::int IS NULL OR p.specialty = $4) GROUP BY 1, 2
),` : ''}
${part.povertyVillages ? `pv AS (
  SELECT d.d, left(p.code, $2) AS code, count(*)::int AS poverty_villages,
    count(*) FILTER (WHERE p.exit_date <= d.d)::int AS poverty_villages_exited
  FROM d CROSS JOIN poverty_villages p WHERE ${under('p.code')} GROUP BY 1, 2
),` : ''}
${part.activities ? `act AS (
  -- Recorded at townships (training) or counties (job fairs): they roll up, never down.
  SELECT d.d, left(a.area_code, $2) AS code,
    coalesce(sum(a.person_times) FILTER (WHERE a.kind = 'training' AND a.held_on <= d.d), 0)::int AS training,
    count(*) FILTER (WHERE a.kind = 'job_fair' AND a.held_on <= d.d)::int AS job_fairs
  FROM d CROSS JOIN activities a
  WHERE ${under('a.area_code')} AND length(a.area_code) >= $2
  GROUP BY 1, 2
),` : ''}
-- Names every parameter's type, whichever parts are left out.
typed AS (SELECT $2::int AS len, $4::int AS specialty)
SELECT ${[
    'd.d::text AS date, ar.code, ar.name, ar.parent_code',
    // Only the columns asked for: a column left out reads as 0, and each one sent is parsed and
    // kept for every row (a review's streak reads thousands of rows for one indicator).
    ...H.filter((c) => !part.household || part.household.includes(c)).map((c) => `hs.${c}`),
    ...(part.povertyVillages ? ['pv.poverty_villages, pv.poverty_villages_exited'] : []),
    ...(part.projects ? ['pj.projects, pj.projects_completed, pj.budget::float8 AS budget, pj.disbursed::float8 AS disbursed'] : []),
    ...(part.projectsDue ? ['due.projects_due'] : []),
    ...(part.activities ? ['act.training, act.job_fairs'] : []),
  ].join(',\n  ')}
FROM d CROSS JOIN ar
LEFT JOIN LATERAL (
  SELECT ${H.map((c) => `t.${c}`).join(', ')} FROM household_totals t
  WHERE t.area_code = ar.code AND t.day <= d.d ORDER BY t.day DESC LIMIT 1
) hs ON true
${part.projects ? `LEFT JOIN LATERAL (
  SELECT p.projects, p.projects_completed, p.budget, p.disbursed FROM project_totals p
  WHERE p.area_code = ar.code AND p.specialty = coalesce($4::int, 0) AND p.day <= d.d ORDER BY p.day DESC LIMIT 1
) pj ON true` : ''}
${part.povertyVillages ? 'LEFT JOIN pv ON pv.d = d.d AND pv.code = ar.code' : ''}
${part.projectsDue ? 'LEFT JOIN due ON due.y = extract(year FROM d.d)::int AND due.code = ar.code' : ''}
${part.activities ? 'LEFT JOIN act ON act.d = d.d AND act.code = ar.code' : ''}
ORDER BY d.d, ar.code`;
}

export const TOTALS_SQL = totalsSql(ALL_PARTS);

/** The parts the given raw totals need. */
export function partsFor(used: ReadonlySet<keyof AreaTotals>): TotalsParts {
  return {
    household: HOUSEHOLD_TOTALS.filter((t) => t.key === 'households' || used.has(t.key)).map((t) => t.column),
    projects: ['projects', 'projectsCompleted', 'budget', 'disbursed'].some((k) => used.has(k as keyof AreaTotals)),
    projectsDue: used.has('projectsDue'),
    povertyVillages: used.has('povertyVillages') || used.has('povertyVillagesExited'),
    activities: used.has('trainingPersonTimes') || used.has('jobFairs'),
  };
}

const SQL = new Map<string, string>();
function cachedSql(part: TotalsParts): string {
  const key = JSON.stringify(part);
  let sql = SQL.get(key);
  if (!sql) SQL.set(key, (sql = totalsSql(part)));
  return sql;
}
interface Row {
  date: string; code: string; name: string; parent_code: string | null;
  [column: string]: string | number | null;
}

const n = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

/** Raw totals of every area of a level (under a parent) at each date, in one query. */
export async function queryTotals(db: Queryable, q: TotalsQuery): Promise<TotalsResult> {
  const length = CODE_LENGTH[q.level];
  const prefix = q.code ?? q.parent ?? '';
  const rows = await db.query<Row>(cachedSql(q.parts ?? ALL_PARTS), [q.dates, length, prefix, q.specialty ?? null, q.level, q.code ?? null, q.codes ?? null, q.parents ?? null]);
  const areas = new Map<string, AreaRow>();
  const totals = new Map<string, Map<string, AreaTotals>>();
  const trainingRecorded = length <= CODE_LENGTH.township;
  const fairsRecorded = length <= CODE_LENGTH.county;
  for (const r of rows) {
    if (!areas.has(r.code)) areas.set(r.code, { code: r.code, name: r.name, parent: r.parent_code });
    let byArea = totals.get(r.date);
    if (!byArea) totals.set(r.date, (byArea = new Map()));
    // Built key by key in one fixed order (not fromEntries and a spread): the rows of a large
    // level share one object shape, and a review at village level maps tens of thousands of them.
    const t = {} as Record<string, number | null>;
    for (const h of HOUSEHOLD_TOTALS) t[h.key] = n(r[h.column]);
    t.povertyVillages = n(r.poverty_villages);
    t.povertyVillagesExited = n(r.poverty_villages_exited);
    t.projects = n(r.projects);
    t.projectsDue = n(r.projects_due);
    t.projectsCompleted = n(r.projects_completed);
    t.budget = n(r.budget);
    t.disbursed = n(r.disbursed);
    t.trainingPersonTimes = trainingRecorded ? n(r.training) : null;
    t.jobFairs = fairsRecorded ? n(r.job_fairs) : null;
    byArea.set(r.code, t as unknown as AreaTotals);
  }
  return { areas: [...areas.values()], totals };
}
