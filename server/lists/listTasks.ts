import type { Queryable } from '../db/openDatabase.ts';

// Each task as of a date ($1): overdue when open past its due date.
export const TASK_SELECT = `SELECT t.id, to_char(t.month, 'YYYY-MM') AS month, t.phase, t.area_code AS "areaCode", a.name AS "areaName", t.specialty, t.title,
  t.department, t.responsible, t.due_date::text AS "dueDate", t.status, t.version, (t.status = 'open' AND t.due_date < $1::date) AS overdue
  FROM tasks t JOIN areas a ON a.code = t.area_code`;

/** The tasks of a month (or all, with null) under an area, of one specialty or all; overdue first. */
export function listTasks<T extends object>(db: Queryable, asOf: string, month: string | null, area: string, specialty: number | null = null): Promise<T[]> {
  return db.query<T>(`${TASK_SELECT} WHERE ($2::text IS NULL OR to_char(t.month, 'YYYY-MM') = $2) AND t.area_code LIKE $3 || '%' AND ($4::int IS NULL OR t.specialty = $4)
    ORDER BY overdue DESC, t.due_date, t.id`, [asOf, month, area, specialty]);
}
