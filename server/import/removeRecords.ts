import type { Queryable } from '../db/openDatabase.ts';

/**
 * Removing records during an import: each removed row gets an audit row first, holding the whole
 * record (and its dated history) so that it could be put back. Table and column names below are
 * constants of this module; only the values are parameters.
 */
interface Removable {
  entity: string;
  /** The column the values are matched against. */
  by: string;
  /** The audit row's entity_id. */
  key: string;
  /** The audit row's area_code. */
  area: string;
  /** The record as JSON: everything needed to restore it. */
  image: string;
  /** More conditions on t. */
  where?: string;
}

const REMOVABLE = {
  households: {
    entity: 'household', by: 'id', key: 't.id', area: 't.village_code',
    image: `(to_jsonb(t) - 'geom') || jsonb_build_object('lon', ST_X(t.geom), 'lat', ST_Y(t.geom), 'history',
      (SELECT coalesce(jsonb_agg(to_jsonb(x) - 'household_id' ORDER BY x.valid_from), '[]'::jsonb) FROM household_history x WHERE x.household_id = t.id))`,
  },
  projects: {
    entity: 'project', by: 'id', key: 't.id', area: 't.area_code',
    image: `(to_jsonb(t) - 'geom') || jsonb_build_object('geometry', ST_AsGeoJSON(t.geom)::jsonb, 'history',
      (SELECT coalesce(jsonb_agg(to_jsonb(x) - 'project_id' ORDER BY x.valid_from), '[]'::jsonb) FROM project_history x WHERE x.project_id = t.id))`,
  },
  parks: {
    entity: 'park', by: 'id', key: 't.id', area: 'NULL',
    image: `(to_jsonb(t) - 'geom') || jsonb_build_object('geometry', ST_AsGeoJSON(t.geom)::jsonb, 'villages',
      (SELECT coalesce(jsonb_agg(x.village_code ORDER BY x.village_code), '[]'::jsonb) FROM park_villages x WHERE x.park_id = t.id))`,
  },
  activities: { entity: 'activity', by: 'id', key: 't.id', area: 't.area_code', image: 'to_jsonb(t)' },
  poverty_villages: { entity: 'poverty_village', by: 'code', key: 't.code', area: 't.code', image: 'to_jsonb(t)' },
  park_villages: { entity: 'park_village', by: 'village_code', key: `t.park_id || ' ' || t.village_code`, area: 't.village_code', image: 'to_jsonb(t)' },
  targets: { entity: 'target', by: 'area_code', key: `t.area_code || ' ' || t.year || ' ' || t.indicator`, area: 't.area_code', image: 'to_jsonb(t)' },
  users: {
    entity: 'user', by: 'area_code', key: 't.username', area: 't.area_code', where: 't.demo',
    image: `jsonb_build_object('username', t.username, 'role', t.role, 'area_code', t.area_code, 'demo', t.demo)`,
  },
  areas: {
    entity: 'area', by: 'code', key: 't.code', area: 't.code',
    image: `(to_jsonb(t) - 'geom' - 'label_point') || jsonb_build_object('geometry', ST_AsGeoJSON(t.geom)::jsonb)`,
  },
} as const satisfies Record<string, Removable>;

export type RemovableTable = keyof typeof REMOVABLE;

export interface Removed {
  id: string;
  area: string | null;
}

export interface RemovalAudit {
  actor: string;
  /** Why these records go, in the audit row's reason. */
  reason: string;
}

/**
 * Removes the rows of `table` whose matching column is one of `values`, writing one audit row per
 * removed row (action `import.remove`, the record in `before`). Returns what went.
 */
export async function removeRecords(tx: Queryable, table: RemovableTable, values: readonly string[], audit: RemovalAudit): Promise<Removed[]> {
  if (values.length === 0) return [];
  const r: Removable = REMOVABLE[table];
  const where = (n: number) => `t.${r.by} = ANY($${n}::text[])${r.where ? ` AND ${r.where}` : ''}`;
  const removed = await tx.query<{ id: string; area: string | null }>(
    `INSERT INTO audit_log (actor_id, actor, ip, action, entity, entity_id, area_code, before, after, reason)
     SELECT NULL, $1, 'cli', 'import.remove', '${r.entity}', ${r.key}, ${r.area}, ${r.image}, NULL, $2
     FROM ${table} t WHERE ${where(3)}
     RETURNING entity_id AS id, area_code AS area`, [audit.actor, audit.reason, values]);
  if (removed.length > 0) await tx.query(`DELETE FROM ${table} t WHERE ${where(1)}`, [values]);
  return removed.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
