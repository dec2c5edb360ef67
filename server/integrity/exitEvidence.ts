import type { Queryable } from '../db/openDatabase.ts';
import type { GatheredExit } from '../domain/exitRisk.ts';

/** Housing projects: 新村建设扶贫 (11) and 易地扶贫搬迁 (12). */
export const HOUSING_SPECIALTIES = [11, 12] as const;

/**
 * Everything the exit risk score weighs, for every exit (a history row that turns a poor or
 * at-risk household exited) inside `area`, of every date: the state before the window, the
 * exit's audit row (who, when, overridden), the date it was reversed, and the account's other
 * exits in the same hour. Only the households named, when `households` is given (a kept report
 * brought up to date). One query over the stored exits (household_exits, exitFacts.ts) and the
 * audit rows; the weighing is server/domain/exitRisk.ts, and `evidenceAsOf` there picks a date's exits.
 */
export async function gatherExitEvidence(db: Queryable, area: string, households: readonly string[] | null = null): Promise<GatheredExit[]> {
  return db.query<GatheredExit>(`
    WITH entered AS (
      SELECT DISTINCT ON (a.entity_id, a.after->>'effectiveDate') a.entity_id, a.after->>'effectiveDate' AS effective, a.at, a.actor, a.flagged
      FROM audit_log a
      WHERE a.entity = 'household' AND a.area_code LIKE $1 || '%' AND a.after->>'status' = 'exited'
        AND ($3::text[] IS NULL OR a.entity_id = ANY($3::text[]))
        AND a.action IN ('household.exit', 'household.update', 'import.change', 'import.add')
      ORDER BY a.entity_id, a.after->>'effectiveDate', a.id DESC),
    -- Areas inside the report's area, or above it, with a housing project: tens, not a province's hundreds.
    hp AS (SELECT coalesce(array_agg(DISTINCT p.area_code), '{}') AS codes FROM projects p
      WHERE p.specialty = ANY($2::int[]) AND (p.area_code LIKE $1 || '%' OR $1 LIKE p.area_code || '%')),
    -- The villages with such a project of their own or of an area above them: thousands of villages
    -- tested once, not every exit.
    works AS (SELECT v.code FROM areas v CROSS JOIN hp WHERE v.level = 'village' AND v.code LIKE $1 || '%'
      AND ARRAY[left(v.code, 2), left(v.code, 4), left(v.code, 6), left(v.code, 9), v.code] && hp.codes),
    bursts AS (
      SELECT a.id, a.actor, a.at FROM audit_log a WHERE a.action = 'household.exit' AND a.area_code LIKE $1 || '%')
    SELECT e.household_id AS "householdId", e.village_code AS "villageCode", e.exit_date::text AS "exitDate",
      en.at::text AS "enteredAt", en.actor AS actor,
      e.income_before AS "incomeBefore", e.income_at_exit AS "incomeAtExit", e.guarantees_turned AS "guaranteesTurned",
      -- The household's own relocation or renovation, or a housing project of the village or of an area above it.
      (e.own_housing_works OR w.code IS NOT NULL) AS "housingWorks",
      coalesce(en.flagged, false) AS overridden,
      e.reversed_on::text AS "reversedOn",
      -- Only exits with an entry have an account (most loaded exits have none): no probe for the others.
      CASE WHEN en.actor IS NULL THEN 0 ELSE (SELECT count(*)::int FROM bursts x WHERE x.actor = en.actor AND x.at BETWEEN en.at - interval '30 minutes' AND en.at + interval '30 minutes') END AS "actorExitsInHour",
      (en.at IS NOT NULL AND EXISTS (SELECT 1 FROM shown_figures s WHERE s.week >= e.exit_date AND s.first_shown_at < en.at)) AS "changedShownWeek"
    FROM household_exits e
    LEFT JOIN works w ON w.code = e.village_code
    LEFT JOIN entered en ON en.entity_id = e.household_id AND en.effective = e.exit_date::text
    -- In no order: the report ranks them (byRisk), and a city's 36,000 sorted here spilled to disk.
    WHERE e.village_code LIKE $1 || '%' AND ($3::text[] IS NULL OR e.household_id = ANY($3::text[]))`, [area, HOUSING_SPECIALTIES, households]);
}
