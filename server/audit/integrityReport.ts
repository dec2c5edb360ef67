import type { Queryable } from '../db/openDatabase.ts';
import { INCOME_LINE_YUAN } from '../domain/indicators.ts';

/** What counts as suspicious, in one place. */
export const INTEGRITY_RULES = {
  /** Income rose by at least this share within `jumpDays` before the exit, crossing the line. */
  jumpShare: 0.2,
  jumpDays: 31,
  /** This many exits entered by one account within one hour. */
  burstExits: 20,
  limit: 200,
} as const;

/** The report for the households and audit rows inside `area` (the reader's area, a code prefix). */
export async function integrityReport(db: Queryable, area: string) {
  const r = INTEGRITY_RULES;
  const [overriddenExits, incomeJumps, exitBursts, reversedExits] = await Promise.all([
    db.query(`SELECT entity_id AS "householdId", at::text, actor, reason FROM audit_log
      WHERE entity = 'household' AND action = 'household.exit' AND flagged AND area_code LIKE $2 || '%' ORDER BY id DESC LIMIT $1`, [r.limit, area]),
    db.query(`
      WITH h AS (
        SELECT household_id, valid_from, status, income_per_capita,
          lag(status) OVER w AS prev_status, lag(income_per_capita) OVER w AS prev_income, lag(valid_from) OVER w AS prev_from
        FROM household_history WINDOW w AS (PARTITION BY household_id ORDER BY valid_from))
      SELECT h.household_id AS "householdId", x.village_code AS "villageCode", h.valid_from::text AS "exitDate",
        h.prev_income AS "incomeBefore", h.income_per_capita AS "incomeAtExit", (h.valid_from - h.prev_from)::int AS days
      FROM h JOIN households x ON x.id = h.household_id
      WHERE h.status <> 'poor' AND h.prev_status = 'poor' AND h.prev_income <= $1 AND h.income_per_capita > $1
        AND h.income_per_capita >= h.prev_income * (1 + $2::float8) AND h.valid_from - h.prev_from <= $3 AND x.village_code LIKE $5 || '%'
      ORDER BY h.valid_from DESC, h.household_id LIMIT $4`, [INCOME_LINE_YUAN, r.jumpShare, r.jumpDays, r.limit, area]),
    db.query(`SELECT actor, date_trunc('hour', at)::text AS hour, count(*)::int AS exits FROM audit_log
      WHERE action = 'household.exit' AND area_code LIKE $3 || '%' GROUP BY actor, date_trunc('hour', at) HAVING count(*) >= $1 ORDER BY exits DESC LIMIT $2`, [r.burstExits, r.limit, area]),
    db.query(`
      WITH h AS (SELECT household_id, valid_from, status, lag(status) OVER w AS prev_status, lag(valid_from) OVER w AS prev_from
        FROM household_history WINDOW w AS (PARTITION BY household_id ORDER BY valid_from))
      SELECT h.household_id AS "householdId", x.village_code AS "villageCode", h.prev_from::text AS "exitedOn", h.valid_from::text AS "reversedOn"
      FROM h JOIN households x ON x.id = h.household_id
      WHERE h.status = 'poor' AND h.prev_status IN ('exited', 'at_risk') AND x.village_code LIKE $2 || '%' ORDER BY h.valid_from DESC LIMIT $1`, [r.limit, area]),
  ]);
  return { overriddenExits, incomeJumps, exitBursts, reversedExits };
}
