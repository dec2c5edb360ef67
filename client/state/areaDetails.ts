import type { AreaProgress, HistoryResponse, LaggingResponse, ProgressResponse } from '../api/types.ts';
import type { TrendPoint } from '../TrendChart.tsx';
import { isBehind } from '../../server/domain/progressStatus.ts';

/** The selected area's row of a progress answer (its level, under its parent); null if absent. */
export const areaOf = (body: ProgressResponse | null, code: string): AreaProgress | null => body?.areas.find((a) => a.code === code) ?? null;

/** The children behind plan, worst first as the server ranked them. */
export const behindOnly = (body: LaggingResponse): LaggingResponse['areas'] => body.areas.filter((a) => isBehind(a.value.status));

/** One indicator's value and plan, point by point. */
export const trendOf = (body: HistoryResponse, key: string): TrendPoint[] =>
  body.points.map((p) => ({ date: p.date, value: p.indicators[key]?.value ?? null, planned: p.indicators[key]?.planned ?? null }));
