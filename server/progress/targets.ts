import type { Database, Queryable } from '../db/openDatabase.ts';
import { writeAudit } from '../audit/writeAudit.ts';
import { requireArea } from '../areas/areaQueries.ts';

/** Stored targets: area code → indicator key → target. */
export type TargetMap = Map<string, Map<string, number>>;

/** The targets stored for a year for these areas; of these indicators only, when given. */
export async function loadTargets(db: Queryable, year: number, codes: readonly string[], indicators: readonly string[] | null = null): Promise<TargetMap> {
  const rows = await db.query<{ area_code: string; indicator: string; value: number }>(
    'SELECT area_code, indicator, value FROM targets WHERE year = $1 AND area_code = ANY($2::text[]) AND ($3::text[] IS NULL OR indicator = ANY($3::text[]))',
    [year, codes, indicators]);
  const out: TargetMap = new Map();
  for (const r of rows) {
    if (!out.has(r.area_code)) out.set(r.area_code, new Map());
    out.get(r.area_code)!.set(r.indicator, Number(r.value));
  }
  return out;
}

/**
 * The targets stored for a year for every area with a code of `length` digits under `prefix`: a
 * range of the primary key, where a list of a whole level's codes (26,000 villages, which have no
 * targets at all) costs a lookup each.
 */
export async function loadLevelTargets(db: Queryable, year: number, length: number, prefix: string, indicators: readonly string[] | null = null): Promise<TargetMap> {
  const rows = await db.query<{ area_code: string; indicator: string; value: number }>(
    `SELECT area_code, indicator, value FROM targets
     WHERE area_code >= $3 AND area_code <= $3 || '999999999999' AND length(area_code) = $2 AND year = $1
       AND ($4::text[] IS NULL OR indicator = ANY($4::text[]))`, [year, length, prefix, indicators]);
  const out: TargetMap = new Map();
  for (const r of rows) {
    if (!out.has(r.area_code)) out.set(r.area_code, new Map());
    out.get(r.area_code)!.set(r.indicator, Number(r.value));
  }
  return out;
}

export interface TargetChange {
  code: string;
  year: number;
  indicator: string;
  value: number;
  previous: number | null;
}

/** Sets an area's target for a year and audits it, in one transaction. Throws (404) if no area has the code. */
export async function setTarget(db: Database, who: { actorId: number; actor: string; ip: string }, t: Omit<TargetChange, 'previous'>): Promise<TargetChange> {
  const { code, year, indicator, value } = t;
  return db.transaction(async (tx) => {
    await requireArea(tx, 'code', code);
    const [old] = await tx.query<{ value: number }>('SELECT value FROM targets WHERE area_code = $1 AND year = $2 AND indicator = $3 FOR UPDATE', [code, year, indicator]);
    await tx.query(`INSERT INTO targets (area_code, year, indicator, value, set_by_hand) VALUES ($1, $2, $3, $4, true)
      ON CONFLICT (area_code, year, indicator) DO UPDATE SET value = EXCLUDED.value, set_by_hand = true`, [code, year, indicator, value]);
    await writeAudit(tx, { ...who, action: 'target.set', entity: 'target', entityId: `${code}/${year}/${indicator}`,
      areaCode: code, before: old ? { value: Number(old.value) } : null, after: { value } });
    return { code, year, indicator, value, previous: old ? Number(old.value) : null };
  });
}
