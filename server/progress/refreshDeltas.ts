import type { Queryable } from '../db/openDatabase.ts';
import { INCOME_LINE_YUAN } from '../domain/indicators.ts';
import { HOUSEHOLD_TOTALS } from '../domain/totalsColumns.ts';

// A household's contribution to each total in one state; a delta is a state's contribution minus
// the previous state's. Summing the deltas up to a date gives the totals as of that date.
const C = HOUSEHOLD_TOTALS.map((t) => t.column);
const columns = C.join(', ');
const contributions = HOUSEHOLD_TOTALS.map((t) => `${t.perHousehold} AS ${t.column}`).join(', ');
const deltas = C.map((c) => `sum(${c} - coalesce(prev_${c}, 0))::int AS ${c}`).join(', ');
const running = C.map((c) => `(sum(${c}) OVER v)::int`).join(', ');
const previous = C.map((c) => `lag(${c}) OVER w AS prev_${c}`).join(', ');

/** Rebuilds one village's running totals (after an edit), or all of them, in the caller's transaction. */
export async function refreshHouseholdTotals(tx: Queryable, villageCode: string | null): Promise<void> {
  await tx.query('DELETE FROM household_totals WHERE $1::text IS NULL OR village_code = $1', [villageCode]);
  await tx.query(`
    INSERT INTO household_totals (village_code, day, ${columns})
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
    WINDOW v AS (PARTITION BY village_code ORDER BY valid_from)`, [INCOME_LINE_YUAN, villageCode]);
}

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
}
