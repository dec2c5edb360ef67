import type { Database, Queryable } from '../db/openDatabase.ts';
import { writeAudit } from '../audit/writeAudit.ts';
import { checkDate } from '../dates.ts';
import { phaseOf } from '../domain/campaignCalendar.ts';
import { BadRequestError, ConflictError, NotFoundError } from '../errors.ts';
import { requireInside } from '../auth/access.ts';
import type { Actor } from './problemQueries.ts';

export interface Task {
  id: number; month: string; phase: string; areaCode: string; areaName: string; specialty: number | null; title: string;
  department: string; responsible: string; dueDate: string; status: 'open' | 'done'; version: number; overdue: boolean;
}

// Each task as of a date (always $1 of the statements below, in this file only): overdue when open past its due date.
const COLUMNS_AS_OF_$1 = `t.id, to_char(t.month, 'YYYY-MM') AS month, t.phase, t.area_code AS "areaCode", a.name AS "areaName", t.specialty, t.title,
  t.department, t.responsible, t.due_date::text AS "dueDate", t.status, t.version, (t.status = 'open' AND t.due_date < $1::date) AS overdue`;

/** The tasks of a month (or all, with null) under an area, of one specialty or all; overdue first. */
export function listTasks(db: Queryable, asOf: string, month: string | null, area: string, specialty: number | null = null): Promise<Task[]> {
  return db.query<Task>(`SELECT ${COLUMNS_AS_OF_$1} FROM tasks t JOIN areas a ON a.code = t.area_code
    WHERE ($2::text IS NULL OR to_char(t.month, 'YYYY-MM') = $2) AND t.area_code LIKE $3 || '%' AND ($4::int IS NULL OR t.specialty = $4)
    ORDER BY overdue DESC, t.due_date, t.id`, [asOf, month, area, specialty]);
}

async function taskAsOf(db: Queryable, asOf: string, id: number): Promise<Task> {
  const [row] = await db.query<Task>(`SELECT ${COLUMNS_AS_OF_$1} FROM tasks t JOIN areas a ON a.code = t.area_code WHERE t.id = $2`, [asOf, id]);
  return row;
}

export interface NewTask {
  month: string; areaCode: string; specialty?: number; title: string; department: string; responsible: string; dueDate: string;
}

/** Adds a task to its month (YYYY-MM) with the phase that month is in, and audits it, together; `t` is checked by the caller. */
export function createTask(db: Database, by: Actor, t: NewTask, today: string): Promise<Task> {
  const month = `${t.month}-01`;
  return db.transaction(async (tx) => {
    const [{ id }] = await tx.query<{ id: number }>(
      `INSERT INTO tasks (month, phase, area_code, specialty, title, department, responsible, due_date, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [month, phaseOf(month).key, t.areaCode, t.specialty ?? null, t.title, t.department, t.responsible.trim(), t.dueDate, by.actor]);
    await writeAudit(tx, { ...by, action: 'task.create', entity: 'task', entityId: String(id), areaCode: t.areaCode, after: t });
    return taskAsOf(tx, today, id);
  });
}

export interface TaskEdit { version: number; responsible?: string; dueDate?: string; status?: 'open' | 'done' }

/** Edits a task or marks it done based on its version, checked against the stored row, and audits it, together. */
export function updateTask(db: Database, by: Actor, id: number, edit: TaskEdit, today: string): Promise<Task> {
  const { version, ...changes } = edit;
  return db.transaction(async (tx) => {
    const [before] = await tx.query<{ id: number; month: string; due_date: string; status: string; responsible: string; version: number; area_code: string }>(
      'SELECT id, month::text, due_date::text, status, responsible, version, area_code FROM tasks WHERE id = $1 FOR UPDATE', [id]);
    if (!before) throw new NotFoundError(`id: no task ${id}`);
    requireInside(by.area, before.area_code, `task ${id}`);
    if (before.version !== version) throw new ConflictError(`task ${before.id} was changed since version ${version}; it is now version ${before.version}`, before);
    const due = changes.dueDate ? checkDate('dueDate', changes.dueDate) : before.due_date;
    if (due < before.month) throw new BadRequestError(`dueDate: ${due} is before the task's month ${before.month.slice(0, 7)}`);
    if (changes.responsible !== undefined && !changes.responsible.trim()) throw new BadRequestError('responsible: a task needs a responsible person');
    await tx.query(`UPDATE tasks SET responsible = coalesce($2, responsible), due_date = $3, status = coalesce($4, status), version = version + 1, updated_at = now() WHERE id = $1`,
      [before.id, changes.responsible?.trim() ?? null, due, changes.status ?? null]);
    await writeAudit(tx, { ...by, action: changes.status === 'done' ? 'task.done' : 'task.update', entity: 'task', entityId: String(before.id),
      areaCode: before.area_code, before: { responsible: before.responsible, due_date: before.due_date, status: before.status }, after: edit });
    return taskAsOf(tx, today, before.id);
  });
}
