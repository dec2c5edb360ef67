// Rows the server already types: one definition, shared (type-only).
import type { ChangeArea, ChangeFigures, ReviewArea } from '../../server/domain/responses.ts';
export type { ReviewArea, ChangeArea, ChangeFigures };

/** Body of `GET /api/review`. */
export interface ReviewBody { week: string; previousWeek: string; level: string; indicator: string; specialty: number | null; areas: ReviewArea[] }

/** One problem of `GET /api/problems`. */
export interface Problem { id: number; areaCode: string; areaName: string; description: string; raisedAt: string; owner: string; dueDate: string; status: string; version: number; carriedOver: boolean; overdue: boolean }

/** One task of `GET /api/tasks`. */
export interface Task {
  id: number; month: string; phase: string; areaCode: string; areaName: string; specialty: number | null; title: string;
  department: string; responsible: string; dueDate: string; status: 'open' | 'done'; version: number; overdue: boolean;
}

/** Body of `GET /api/review/changes`: what moved between two weeks; null figures are hidden from the public. */
export interface ChangesBody { from: string; to: string; level: string; county: string | null; specialty: number | null; total: ChangeFigures; areas: ChangeArea[] }

export interface Specialty { code: number; name: string; projects: number }
