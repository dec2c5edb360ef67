import type { Queryable } from '../db/openDatabase.ts';

export interface AuditFilter {
  entity: string | null; entityId: string | null; actor: string | null; action: string | null; flagged: boolean | null;
  from: string | null; to: string | null; limit: number;
  /** The reader's area: rows of areas inside it; rows with no area only for a city-wide (or wider) reader. */
  area: string;
}

/** The audit trail, newest first; a null filter field does not filter. */
export function listAudit(db: Queryable, f: AuditFilter) {
  return db.query<{
    id: number; at: string; actor: string; ip: string; action: string; entity: string; entityId: string; areaCode: string | null;
    before: unknown; after: unknown; reason: string | null; flagged: boolean;
  }>(
    `SELECT id::int, at::text, actor, ip, action, entity, entity_id AS "entityId", area_code AS "areaCode", before, after, reason, flagged
     FROM audit_log
     WHERE ($1::text IS NULL OR entity = $1) AND ($2::text IS NULL OR entity_id = $2) AND ($3::text IS NULL OR actor = $3)
       AND ($4::text IS NULL OR action = $4) AND ($5::boolean IS NULL OR flagged = $5)
       AND ($6::date IS NULL OR at >= $6::date) AND ($7::date IS NULL OR at < $7::date + 1)
       AND (area_code LIKE $9 || '%' OR (area_code IS NULL AND length($9) <= 4))
     ORDER BY id DESC LIMIT $8`,
    [f.entity, f.entityId, f.actor, f.action, f.flagged, f.from, f.to, f.limit, f.area]);
}

/** The data version: the newest audit row's id (every edit and import is audited), 0 when none. */
export async function latestAuditId(db: Queryable): Promise<number> {
  const [row] = await db.query<{ v: string }>('SELECT coalesce(max(id), 0)::text AS v FROM audit_log');
  return Number(row.v);
}

/**
 * What a derived answer may be kept against: the newest audit row (every edit and import writes
 * one), how many rows lie near it, and the dataset's own row (rewritten by a dataset load, which
 * writes no audit row). Ids are taken when a transaction writes, not when it commits: an edit
 * that commits after a later one leaves the newest id as it was, but adds to the rows near it.
 * Equal versions mean the same households, history and projects.
 */
export const DATA_VERSION_SQL = `(WITH m AS (SELECT coalesce(max(id), 0) AS id FROM audit_log)
    SELECT m.id::text || '/' || (SELECT count(*) FROM audit_log a WHERE a.id > m.id - 10000)::text || '/'
      || coalesce((SELECT xmin::text FROM dataset_meta WHERE key = 'meta'), '-') FROM m)`;

/** The data version (DATA_VERSION_SQL) on its own. */
export async function dataVersion(db: Queryable): Promise<string> {
  const [row] = await db.query<{ v: string }>(`SELECT ${DATA_VERSION_SQL} AS v`);
  return row.v;
}
