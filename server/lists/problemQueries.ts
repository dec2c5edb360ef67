import type { Database, Queryable } from '../db/openDatabase.ts';
import { writeAudit } from '../audit/writeAudit.ts';
import { checkDate } from '../dates.ts';
import { BadRequestError, ConflictError, NotFoundError } from '../errors.ts';
import { requireInside } from '../auth/access.ts';

export interface Problem {
  id: number; areaCode: string; areaName: string; description: string; raisedAt: string; owner: string; dueDate: string;
  status: 'open' | 'closed'; closedAt: string | null; resolution: string; version: number; carriedOver: boolean; overdue: boolean;
}

/** Who makes a change, for the audit trail, and the area (code prefix) it may change things in. */
export interface Actor { actorId: number; actor: string; ip: string; area: string }

// Each problem as of a meeting date (always $1 of the statements below, in this file only):
// carried over when raised earlier, overdue when open past its due date.
const COLUMNS_AS_OF_$1 = `p.id, p.area_code AS "areaCode", a.name AS "areaName", p.description, p.raised_at::text AS "raisedAt", p.owner,
  p.due_date::text AS "dueDate", p.status, p.closed_at::text AS "closedAt", p.resolution, p.version,
  (p.raised_at < $1::date) AS "carriedOver", (p.due_date < $1::date AND (p.closed_at IS NULL OR p.closed_at > $1::date)) AS overdue`;

/** The problems on a meeting's list: raised on or before it, not closed before it; overdue first. */
export function listProblems(db: Queryable, meeting: string, area: string, status: 'open' | 'closed' | 'all'): Promise<Problem[]> {
  return db.query<Problem>(`SELECT ${COLUMNS_AS_OF_$1} FROM problems p JOIN areas a ON a.code = p.area_code
    WHERE p.raised_at <= $1::date AND (p.closed_at IS NULL OR p.closed_at >= $1::date) AND p.area_code LIKE $2 || '%'
      AND ($3 = 'all' OR p.status = $3)
    ORDER BY overdue DESC, p.due_date, p.id`, [meeting, area, status]);
}

/** One problem as seen at a meeting date. */
async function problemAsOf(db: Queryable, asOf: string, id: number): Promise<Problem> {
  const [row] = await db.query<Problem>(`SELECT ${COLUMNS_AS_OF_$1} FROM problems p JOIN areas a ON a.code = p.area_code WHERE p.id = $2`, [asOf, id]);
  return row;
}

export interface NewProblem { areaCode: string; description: string; raisedAt: string; owner: string; dueDate: string }

/** Raises a problem and audits it, together; `p` is checked by the caller. */
export function createProblem(db: Database, by: Actor, p: NewProblem): Promise<Problem> {
  return db.transaction(async (tx) => {
    const [{ id }] = await tx.query<{ id: number }>(
      `INSERT INTO problems (area_code, description, raised_at, owner, due_date, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [p.areaCode, p.description, p.raisedAt, p.owner.trim(), p.dueDate, by.actor]);
    await writeAudit(tx, { ...by, action: 'problem.create', entity: 'problem', entityId: String(id), areaCode: p.areaCode, after: p });
    return problemAsOf(tx, p.raisedAt, id);
  });
}

export interface ProblemEdit {
  version: number; owner?: string; dueDate?: string; description?: string;
  close?: { closedAt: string; resolution: string };
}

/** Edits or closes a problem based on its version, checked against the stored row, and audits it, together. */
export function updateProblem(db: Database, by: Actor, id: number, edit: ProblemEdit): Promise<Problem> {
  const { version, close, ...changes } = edit;
  return db.transaction(async (tx) => {
    const [before] = await tx.query<{ id: number; raised_at: string; due_date: string; status: string; version: number; area_code: string; owner: string; description: string }>(
      'SELECT id, raised_at::text, due_date::text, status, version, area_code, owner, description FROM problems WHERE id = $1 FOR UPDATE', [id]);
    if (!before) throw new NotFoundError(`id: no problem ${id}`);
    requireInside(by.area, before.area_code, `problem ${id}`);
    if (before.version !== version) throw new ConflictError(`problem ${before.id} was changed since version ${version}; it is now version ${before.version}`, before);
    const due = changes.dueDate ? checkDate('dueDate', changes.dueDate) : before.due_date;
    if (due < before.raised_at) throw new BadRequestError(`dueDate: ${due} is before the meeting that raised it (${before.raised_at})`);
    if (changes.owner !== undefined && !changes.owner.trim()) throw new BadRequestError('owner: a problem needs someone who will act on it');
    if (close) {
      if (before.status === 'closed') throw new BadRequestError(`close: problem ${before.id} is already closed`);
      if (checkDate('close.closedAt', close.closedAt) < before.raised_at) throw new BadRequestError(`close.closedAt: ${close.closedAt} is before the problem was raised (${before.raised_at})`);
    }
    await tx.query(
      `UPDATE problems SET owner = coalesce($2, owner), due_date = $3, description = coalesce($4, description),
         status = CASE WHEN $5::date IS NULL THEN status ELSE 'closed' END, closed_at = coalesce($5::date, closed_at),
         resolution = coalesce($6, resolution), version = version + 1, updated_at = now() WHERE id = $1`,
      [before.id, changes.owner?.trim() ?? null, due, changes.description ?? null, close?.closedAt ?? null, close?.resolution ?? null]);
    await writeAudit(tx, { ...by, action: close ? 'problem.close' : 'problem.update', entity: 'problem', entityId: String(before.id),
      areaCode: before.area_code, before: { owner: before.owner, due_date: before.due_date, status: before.status }, after: edit });
    return problemAsOf(tx, close?.closedAt ?? before.raised_at, before.id);
  });
}
