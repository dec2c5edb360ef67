import type { Queryable } from '../db/openDatabase.ts';
import { EXIT_RISK, type GatheredExit } from '../domain/exitRisk.ts';

/** Housing projects: 新村建设扶贫 (11) and 易地扶贫搬迁 (12). */
export const HOUSING_SPECIALTIES = [11, 12] as const;

/**
 * Everything the exit risk score weighs, for every exit (a history row that turns a poor or
 * at-risk household exited) inside `area`, of every date: the state before the window, the
 * exit's audit row (who, when, overridden), the date it was reversed, and the account's other
 * exits in the same hour. Only the households named, when `households` is given (a kept report
 * brought up to date). One query; the weighing is server/domain/exitRisk.ts, and
 * `evidenceAsOf` there picks a date's exits.
 */
export async function gatherExitEvidence(db: Queryable, area: string, households: readonly string[] | null = null): Promise<GatheredExit[]> {
  return db.query<GatheredExit>(`
    WITH h AS (
      SELECT x.*, lag(x.status) OVER (PARTITION BY x.household_id ORDER BY x.valid_from) AS prev_status
      FROM household_history x JOIN households hh ON hh.id = x.household_id
      WHERE hh.village_code LIKE $1 || '%' AND ($4::text[] IS NULL OR x.household_id = ANY($4::text[]))),
    exits AS (
      SELECT h.* FROM h WHERE h.status = 'exited' AND h.prev_status IN ('poor', 'at_risk')),
    entered AS (
      SELECT DISTINCT ON (a.entity_id, a.after->>'effectiveDate') a.entity_id, a.after->>'effectiveDate' AS effective, a.at, a.actor, a.flagged
      FROM audit_log a
      WHERE a.entity = 'household' AND a.area_code LIKE $1 || '%' AND a.after->>'status' = 'exited'
        AND ($4::text[] IS NULL OR a.entity_id = ANY($4::text[]))
        AND a.action IN ('household.exit', 'household.update', 'import.change', 'import.add')
      ORDER BY a.entity_id, a.after->>'effectiveDate', a.id DESC),
    -- Areas inside the report's area, or above it, with a housing project: tens, not a province's hundreds.
    hp AS (SELECT coalesce(array_agg(DISTINCT p.area_code), '{}') AS codes FROM projects p
      WHERE p.specialty = ANY($3::int[]) AND (p.area_code LIKE $1 || '%' OR $1 LIKE p.area_code || '%')),
    bursts AS (
      SELECT a.id, a.actor, a.at FROM audit_log a WHERE a.action = 'household.exit' AND a.area_code LIKE $1 || '%')
    SELECT e.household_id AS "householdId", hh.village_code AS "villageCode", e.valid_from::text AS "exitDate",
      en.at::text AS "enteredAt", en.actor AS actor,
      b.income_per_capita AS "incomeBefore", e.income_per_capita AS "incomeAtExit",
      array_remove(ARRAY[
        CASE WHEN NOT b.food_clothing AND e.food_clothing THEN 'food_clothing' END,
        CASE WHEN NOT b.education AND e.education THEN 'education' END,
        CASE WHEN NOT b.medical AND e.medical THEN 'medical' END,
        CASE WHEN NOT b.housing AND e.housing THEN 'housing' END], NULL) AS "guaranteesTurned",
      (EXISTS (SELECT 1 FROM household_history r WHERE r.household_id = e.household_id AND (r.relocated OR r.renovated))
        -- A housing project of the village or of an area above it: the few areas with one, gathered once.
        OR ARRAY[left(hh.village_code, 2), left(hh.village_code, 4), left(hh.village_code, 6), left(hh.village_code, 9), hh.village_code] && hp.codes) AS "housingWorks",
      coalesce(en.flagged, false) AS overridden,
      (SELECT min(r.valid_from)::text FROM household_history r WHERE r.household_id = e.household_id AND r.valid_from > e.valid_from AND r.status = 'poor') AS "reversedOn",
      -- Only exits with an entry have an account (most loaded exits have none): no probe for the others.
      CASE WHEN en.actor IS NULL THEN 0 ELSE (SELECT count(*)::int FROM bursts x WHERE x.actor = en.actor AND x.at BETWEEN en.at - interval '30 minutes' AND en.at + interval '30 minutes') END AS "actorExitsInHour",
      (en.at IS NOT NULL AND EXISTS (SELECT 1 FROM shown_figures s WHERE s.week >= e.valid_from AND s.first_shown_at < en.at)) AS "changedShownWeek"
    FROM exits e
    JOIN households hh ON hh.id = e.household_id
    CROSS JOIN hp
    -- The state before: the last row at least windowDays before the exit, else the first row.
    CROSS JOIN LATERAL (
      SELECT * FROM household_history b WHERE b.household_id = e.household_id AND b.valid_from < e.valid_from
      ORDER BY (b.valid_from <= e.valid_from - $2::int) DESC, CASE WHEN b.valid_from <= e.valid_from - $2::int THEN b.valid_from END DESC NULLS LAST, b.valid_from
      LIMIT 1) b
    LEFT JOIN entered en ON en.entity_id = e.household_id AND en.effective = e.valid_from::text
    ORDER BY e.household_id, e.valid_from`, [area, EXIT_RISK.windowDays, HOUSING_SPECIALTIES, households]);
}
