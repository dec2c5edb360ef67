import type { Queryable } from '../db/openDatabase.ts';
import type { RiskMoves } from '../domain/periodChange.ts';

// Only a household with a history row inside the period can have changed, and only one with an
// at-risk row by the period's end can have moved into or out of at risk: the partial index on
// at-risk rows (a few percent of them) and the date index find those, then one probe each for the
// status at either end.
const RISK_MOVES_SQL = `
WITH risky AS (
  SELECT DISTINCT household_id FROM household_history WHERE status = 'at_risk' AND valid_from <= $2::date
), changed AS (
  SELECT DISTINCT x.household_id FROM household_history x JOIN risky r ON r.household_id = x.household_id
  WHERE x.valid_from > $1::date AND x.valid_from <= $2::date
), s AS (
  SELECT left(h.village_code, $3) AS code,
    (SELECT x.status FROM household_history x WHERE x.household_id = c.household_id AND x.valid_from <= $1::date ORDER BY x.valid_from DESC LIMIT 1) AS before,
    (SELECT x.status FROM household_history x WHERE x.household_id = c.household_id AND x.valid_from <= $2::date ORDER BY x.valid_from DESC LIMIT 1) AS after
  FROM changed c JOIN households h ON h.id = c.household_id
  WHERE h.village_code LIKE $4 || '%'
)
SELECT code,
  count(*) FILTER (WHERE after = 'at_risk' AND before IS DISTINCT FROM 'at_risk')::int AS new_at_risk,
  count(*) FILTER (WHERE before = 'at_risk' AND after <> 'at_risk')::int AS cleared
FROM s GROUP BY code`;

/** Households newly at risk, and no longer at risk, between two dates, by area (code prefix of `length`). */
export async function riskMoves(db: Queryable, q: { from: string; to: string; length: number; prefix: string }): Promise<Map<string, RiskMoves>> {
  const rows = await db.query<{ code: string; new_at_risk: number; cleared: number }>(RISK_MOVES_SQL, [q.from, q.to, q.length, q.prefix]);
  return new Map(rows.map((r) => [r.code, { newAtRisk: Number(r.new_at_risk), atRiskCleared: Number(r.cleared) }]));
}
