import type { Queryable } from '../db/openDatabase.ts';

export interface AuditEntry {
  actorId: number | null;
  actor: string;
  ip: string;
  action: string;
  entity: string;
  entityId: string;
  areaCode?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  flagged?: boolean;
}

/** Appends one audit row, in the caller's transaction, so the change and its record land together. */
export async function writeAudit(tx: Queryable, e: AuditEntry): Promise<void> {
  await tx.query(
    `INSERT INTO audit_log (actor_id, actor, ip, action, entity, entity_id, area_code, before, after, reason, flagged)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10, $11)`,
    [e.actorId, e.actor, e.ip, e.action, e.entity, e.entityId, e.areaCode ?? null,
      e.before === undefined ? null : JSON.stringify(e.before), e.after === undefined ? null : JSON.stringify(e.after),
      e.reason ?? null, e.flagged ?? false],
  );
}
