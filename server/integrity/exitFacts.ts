import type { Queryable } from '../db/openDatabase.ts';
import { EXIT_RISK } from '../domain/exitRisk.ts';

/**
 * The exits of the households of one village ($1; null: all) with what the risk score weighs from
 * the household's own history: the state before the window (the last row at least `windowDays`
 * ($2) before the exit, else the first row), the guarantees turned since, whether a relocation or
 * renovation is recorded, and the first later row that turns it poor again.
 */
const EXIT_FACTS_SQL = `
  SELECT e.household_id, e.valid_from, e.village_code, b.income_per_capita, e.income_per_capita,
    array_remove(ARRAY[
      CASE WHEN NOT b.food_clothing AND e.food_clothing THEN 'food_clothing' END,
      CASE WHEN NOT b.education AND e.education THEN 'education' END,
      CASE WHEN NOT b.medical AND e.medical THEN 'medical' END,
      CASE WHEN NOT b.housing AND e.housing THEN 'housing' END], NULL),
    e.works,
    (SELECT min(r.valid_from) FROM household_history r WHERE r.household_id = e.household_id AND r.valid_from > e.valid_from AND r.status = 'poor')
  FROM (
    SELECT x.*, hh.village_code, lag(x.status) OVER w AS prev_status,
      bool_or(x.relocated OR x.renovated) OVER (PARTITION BY x.household_id) AS works
    FROM household_history x JOIN households hh ON hh.id = x.household_id
    WHERE $1::text IS NULL OR hh.village_code = $1
    WINDOW w AS (PARTITION BY x.household_id ORDER BY x.valid_from)
  ) e
  CROSS JOIN LATERAL (
    SELECT * FROM household_history b WHERE b.household_id = e.household_id AND b.valid_from < e.valid_from
    ORDER BY (b.valid_from <= e.valid_from - $2::int) DESC, CASE WHEN b.valid_from <= e.valid_from - $2::int THEN b.valid_from END DESC NULLS LAST, b.valid_from
    LIMIT 1) b
  WHERE e.status = 'exited' AND e.prev_status IN ('poor', 'at_risk')`;

const COLUMNS = 'household_id, exit_date, village_code, income_before, income_at_exit, guarantees_turned, own_housing_works, reversed_on';

/**
 * Rebuilds the stored exits (household_exits) of one village after an edit, or of every village
 * (null) after a load or an import, in the caller's transaction: the history's other derived
 * table beside the running totals, rebuilt with them (refreshHouseholdTotals).
 */
export async function refreshExitFacts(tx: Queryable, villageCode: string | null): Promise<void> {
  if (villageCode === null) await tx.query('DELETE FROM household_exits');
  else await tx.query('DELETE FROM household_exits WHERE village_code = $1', [villageCode]);
  await tx.query(`INSERT INTO household_exits (${COLUMNS}) ${EXIT_FACTS_SQL}`, [villageCode, EXIT_RISK.windowDays]);
}

/** The stored exits against the same facts derived afresh from the histories: the rows that differ (a test's check). */
export async function exitFactsDrift(db: Queryable): Promise<number> {
  const [{ n }] = await db.query<{ n: number }>(`
    WITH fresh AS (${EXIT_FACTS_SQL}),
    stored AS (SELECT ${COLUMNS} FROM household_exits)
    SELECT ((SELECT count(*) FROM (SELECT * FROM fresh EXCEPT ALL SELECT * FROM stored) a)
      + (SELECT count(*) FROM (SELECT * FROM stored EXCEPT ALL SELECT * FROM fresh) b))::int AS n`, [null, EXIT_RISK.windowDays]);
  return n;
}
