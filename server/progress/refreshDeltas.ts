import type { Queryable } from '../db/openDatabase.ts';
import { INCOME_LINE_YUAN } from '../domain/indicators.ts';
import { HOUSEHOLD_TOTALS } from '../domain/totalsColumns.ts';
import { refreshExitFacts } from '../integrity/exitFacts.ts';

// A household's contribution to each total in one state; a delta is a state's contribution minus
// the previous state's. Summing the deltas up to a date gives the totals as of that date.
const C = HOUSEHOLD_TOTALS.map((t) => t.column);
const columns = C.join(', ');
const contributions = HOUSEHOLD_TOTALS.map((t) => `${t.perHousehold} AS ${t.column}`).join(', ');
const deltas = C.map((c) => `sum(${c} - coalesce(prev_${c}, 0))::int AS ${c}`).join(', ');
const running = C.map((c) => `(sum(${c}) OVER v)::int`).join(', ');
const previous = C.map((c) => `lag(${c}) OVER w AS prev_${c}`).join(', ');

// Villages' running totals from the household histories ($2: one village, or null for all).
const VILLAGES_SQL = `
INSERT INTO household_totals (area_code, day, ${columns})
SELECT village_code, valid_from, ${running}
FROM (
  SELECT village_code, valid_from, ${deltas}
  FROM (
    SELECT village_code, valid_from, household_id, ${columns}, ${previous}
    FROM (SELECT x.village_code, s.valid_from, s.household_id, ${contributions}
          FROM household_history s JOIN households x ON x.id = s.household_id
          CROSS JOIN (SELECT $1::integer AS income_line) k
          WHERE $2::text IS NULL OR x.village_code = $2) c
    WINDOW w AS (PARTITION BY household_id ORDER BY valid_from)
  ) d
  GROUP BY village_code, valid_from
) g
WINDOW v AS (PARTITION BY village_code ORDER BY valid_from)`;

// A parent's running totals from its direct children's rows: each child's running totals turned
// back into its changes per day (minus the previous row), summed per day over the children, then
// run again. Linear in the children's rows. `which`: the parents, one ($1) or every parent whose
// code has a length (a whole level, from the level below it, already built).
const childDeltas = C.map((c) => `t.${c} - coalesce(lag(t.${c}) OVER w, 0) AS ${c}`).join(', ');
const rollUpSql = (which: string) => `
INSERT INTO household_totals (area_code, day, ${columns})
SELECT code, day, ${running}
FROM (
  SELECT code, day, ${C.map((c) => `sum(${c}) AS ${c}`).join(', ')}
  FROM (
    SELECT a.parent_code AS code, t.day, ${childDeltas}
    FROM areas a JOIN household_totals t ON t.area_code = a.code
    WHERE ${which}
    WINDOW w AS (PARTITION BY t.area_code ORDER BY t.day)
  ) d
  GROUP BY code, day
) g
WINDOW v AS (PARTITION BY code ORDER BY day)`;
const ROLL_UP_ONE = rollUpSql('a.parent_code = $1');
const ROLL_UP_LEVEL = rollUpSql('length(a.parent_code) = $1');

/**
 * Rebuilds one village's running totals (after an edit) and then each of its ancestors' from
 * their direct children (township from its villages, county from its townships, …): an edit costs
 * the children's rows of each ancestor, not a pass over every village. Null: all of them, level by
 * level from the bottom. In the caller's transaction. The ancestors are whatever areas exist above
 * the village (`parent_code`), so a dataset rooted at a city or a province is served alike.
 * The stored exits (refreshExitFacts), the history's other derived table, follow with them.
 */
export async function refreshHouseholdTotals(tx: Queryable, villageCode: string | null): Promise<void> {
  await refreshExitFacts(tx, villageCode);
  if (villageCode === null) {
    await tx.query('DELETE FROM household_totals');
    await tx.query(VILLAGES_SQL, [INCOME_LINE_YUAN, null]);
    const lengths = await tx.query<{ len: number }>('SELECT DISTINCT length(parent_code) AS len FROM areas WHERE parent_code IS NOT NULL ORDER BY 1 DESC');
    for (const { len } of lengths) await tx.query(ROLL_UP_LEVEL, [len]);
    return;
  }
  await tx.query('DELETE FROM household_totals WHERE area_code = $1', [villageCode]);
  await tx.query(VILLAGES_SQL, [INCOME_LINE_YUAN, villageCode]);
  const ancestors = await tx.query<{ code: string }>(`
    WITH RECURSIVE up AS (
      SELECT parent_code AS code, 1 AS depth FROM areas WHERE code = $1 AND parent_code IS NOT NULL
      UNION ALL SELECT a.parent_code, up.depth + 1 FROM up JOIN areas a ON a.code = up.code WHERE a.parent_code IS NOT NULL
    ) SELECT code FROM up ORDER BY depth`, [villageCode]);
  for (const { code } of ancestors) {
    await tx.query('DELETE FROM household_totals WHERE area_code = $1', [code]);
    await tx.query(ROLL_UP_ONE, [code]);
  }
}

// Projects' changes per day summed to every area above or at the project's (each level by its
// code length), per specialty and for all specialties (0), then run: one probe gives an area's
// project figures as of a date.
const PROJECT_TOTALS_SQL = `
INSERT INTO project_totals (area_code, specialty, day, projects, projects_completed, budget, disbursed)
SELECT code, specialty, day, (sum(projects) OVER v)::int, (sum(projects_completed) OVER v)::int, sum(budget) OVER v, sum(disbursed) OVER v
FROM (
  SELECT a.code, coalesce(d.specialty, 0) AS specialty, d.day, sum(d.projects) AS projects, sum(d.projects_completed) AS projects_completed,
    sum(d.budget) AS budget, sum(d.disbursed) AS disbursed
  FROM project_deltas d CROSS JOIN (SELECT DISTINCT length(code) AS len FROM areas) l
    JOIN areas a ON a.code = left(d.area_code, l.len)
  WHERE length(d.area_code) >= l.len
  GROUP BY GROUPING SETS ((a.code, d.specialty, d.day), (a.code, d.day))
) g
WINDOW v AS (PARTITION BY code, specialty ORDER BY day)`;

/** Rebuilds the running totals and change tables from the histories (after a load or an import), in the caller's transaction. */
export async function refreshDeltas(tx: Queryable): Promise<void> {
  await refreshHouseholdTotals(tx, null);
  await tx.query('DELETE FROM project_deltas');
  await tx.query(`
    INSERT INTO project_deltas (area_code, specialty, day, projects, projects_completed, budget, disbursed)
    SELECT area_code, specialty, valid_from, sum(projects - coalesce(prev_projects, 0))::int,
      sum(completed - coalesce(prev_completed, 0))::int, sum(budget - coalesce(prev_budget, 0)), sum(disbursed - coalesce(prev_disbursed, 0))
    FROM (
      SELECT p.area_code, p.specialty, s.valid_from, 1 AS projects, (s.status = 'completed')::int AS completed, p.budget,
        s.funds_disbursed AS disbursed,
        lag(1) OVER w AS prev_projects, lag((s.status = 'completed')::int) OVER w AS prev_completed,
        lag(p.budget) OVER w AS prev_budget, lag(s.funds_disbursed) OVER w AS prev_disbursed
      FROM project_history s JOIN projects p ON p.id = s.project_id
      WINDOW w AS (PARTITION BY s.project_id ORDER BY s.valid_from)
    ) d
    GROUP BY area_code, specialty, valid_from`);
  await tx.query('DELETE FROM project_totals');
  await tx.query(PROJECT_TOTALS_SQL);
}
