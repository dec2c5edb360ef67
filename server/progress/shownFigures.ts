import type { Queryable } from '../db/openDatabase.ts';

export interface ShownFigure {
  value: number | null;
  at: string;
}

/** Keeps each area's value of the week the first time a meeting is shown it; later showings change nothing. */
export async function recordShown(db: Queryable, week: string, indicator: string, areas: { code: string; value: number | null }[]): Promise<void> {
  await db.query(`INSERT INTO shown_figures (week, indicator, code, value)
    SELECT $1::date, $2, r.code, r.value FROM json_to_recordset($3::json) AS r(code text, value numeric)
    ON CONFLICT (week, indicator, code) DO NOTHING`, [week, indicator, JSON.stringify(areas)]);
}

/** The values first shown for these areas in that week, by code. */
export async function shownFigures(db: Queryable, week: string, indicator: string, codes: string[]): Promise<Map<string, ShownFigure>> {
  // The week's figures for the indicator by key prefix, kept if asked for: a list of a whole
  // level's codes (26,000 villages at province scale) would cost a lookup each.
  const rows = await db.query<{ code: string; value: string | null; at: string }>(
    `SELECT code, value::text AS value, first_shown_at::text AS at FROM shown_figures WHERE week = $1 AND indicator = $2`, [week, indicator]);
  const asked = new Set(codes);
  return new Map(rows.filter((r) => asked.has(r.code)).map((r) => [r.code, { value: r.value === null ? null : Number(r.value), at: r.at }]));
}

/** The latest week already shown in a meeting on or after `date`, if any: an edit dated `date` changes it. */
export async function latestShownWeekFrom(db: Queryable, date: string): Promise<string | null> {
  const [row] = await db.query<{ week: string | null }>('SELECT max(week)::text AS week FROM shown_figures WHERE week >= $1::date', [date]);
  return row?.week ?? null;
}
