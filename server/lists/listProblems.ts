import type { Queryable } from '../db/openDatabase.ts';

// Each problem as of a meeting date ($1): carried over when raised earlier, overdue when open past its due date.
export const PROBLEM_SELECT = `SELECT p.id, p.area_code AS "areaCode", a.name AS "areaName", p.description, p.raised_at::text AS "raisedAt", p.owner,
  p.due_date::text AS "dueDate", p.status, p.closed_at::text AS "closedAt", p.resolution, p.version,
  (p.raised_at < $1::date) AS "carriedOver", (p.due_date < $1::date AND (p.closed_at IS NULL OR p.closed_at > $1::date)) AS overdue
  FROM problems p JOIN areas a ON a.code = p.area_code`;

/** The problems on a meeting's list: raised on or before it, not closed before it; overdue first. */
export function listProblems<T extends object>(db: Queryable, meeting: string, area: string, status: 'open' | 'closed' | 'all'): Promise<T[]> {
  return db.query<T>(`${PROBLEM_SELECT}
    WHERE p.raised_at <= $1::date AND (p.closed_at IS NULL OR p.closed_at >= $1::date) AND p.area_code LIKE $2 || '%'
      AND ($3 = 'all' OR p.status = $3)
    ORDER BY overdue DESC, p.due_date, p.id`, [meeting, area, status]);
}
