import type { IndicatorValue } from '../api/types.ts';

/** One row of `GET /api/review`. */
export interface ReviewPart { code: string; name: string; shortName: string; lag: number | null; lagShare: number | null; status: string | null }
export interface ReviewArea {
  code: string; name: string; parent: string | null; value: IndicatorValue; change: { value: number | null; lagShare: number | null }; weeksBehind: number;
  /** Its parts furthest behind plan, for an area behind: why it lags. */
  worstParts: ReviewPart[];
}
export interface ReviewBody { week: string; previousWeek: string; level: string; indicator: string; specialty: number | null; areas: ReviewArea[] }

/** One problem of `GET /api/problems`. */
export interface Problem { id: number; areaCode: string; areaName: string; description: string; raisedAt: string; owner: string; dueDate: string; status: string; version: number; carriedOver: boolean; overdue: boolean }

/** One task of `GET /api/tasks`. */
export interface Task {
  id: number; month: string; phase: string; areaCode: string; areaName: string; specialty: number | null; title: string;
  department: string; responsible: string; dueDate: string; status: 'open' | 'done'; version: number; overdue: boolean;
}

/** What moved in one area between two weeks (`GET /api/review/changes`); null: hidden from the public. */
export interface ChangeFigures {
  householdsExited: number | null; peopleLifted: number | null; povertyVillagesExited: number; newAtRisk: number | null; atRiskCleared: number | null;
  projectsCompleted: number; fundsDisbursed: number; disbursedShare: number | null;
}
export interface ChangesBody { from: string; to: string; level: string; county: string | null; specialty: number | null; total: ChangeFigures; areas: { code: string; name: string; parent: string | null; change: ChangeFigures }[] }

export interface Specialty { code: number; name: string; projects: number }
