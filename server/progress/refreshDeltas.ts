import type { Queryable } from '../db/openDatabase.ts';
import { INCOME_LINE_YUAN } from '../domain/indicators.ts';

// A household's contribution to each total in one state; a delta is a state's contribution minus
// the previous state's. Summing the deltas up to a date gives the totals as of that date.
const CONTRIBUTION = [
  ['households', '1'],
  ['people', 'x.size'],
  ['exited_households', "(s.status <> 'poor')::int"],
  ['lifted_people', "x.size * (s.status <> 'poor')::int"],
  ['at_risk_households', "(s.status = 'at_risk')::int"],
  ['income_above_line', '(s.income_per_capita > $1)::int'],
  ['food_clothing', 's.food_clothing::int'],
  ['education', 's.education::int'],
  ['medical', 's.medical::int'],
  ['housing', 's.housing::int'],
  ['insured', 's.medical_insurance::int'],
  ['labour_households', '(x.labour_count > 0)::int'],
  ['employed_households', '(x.labour_count > 0 AND s.employed_members > 0)::int'],
  ['relocated_people', 'x.size * s.relocated::int'],
  ['relocation_people', 'x.size * x.needs_relocation::int'],
  ['renovated_households', 's.renovated::int'],
  ['renovation_households', 'x.needs_renovation::int'],
] as const;

export const HOUSEHOLD_DELTA_COLUMNS = CONTRIBUTION.map(([c]) => c);

const columns = CONTRIBUTION.map(([c]) => c).join(', ');
const contributions = CONTRIBUTION.map(([c, e]) => `${e} AS ${c}`).join(', ');
const deltas = CONTRIBUTION.map(([c]) => `sum(${c} - coalesce(prev_${c}, 0))::int AS ${c}`).join(', ');
const running = CONTRIBUTION.map(([c]) => `(sum(${c}) OVER v)::int`).join(', ');
const previous = CONTRIBUTION.map(([c]) => `lag(${c}) OVER w AS prev_${c}`).join(', ');

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
