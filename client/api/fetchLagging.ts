import { getJson } from './getJson.ts';
import type { AreaLevel, LaggingResponse } from './types.ts';

export interface LaggingQuery {
  level: AreaLevel;
  parent?: string | null;
  asOf: string;
  indicator: string;
  limit?: number;
}

/** `GET /api/lagging`: areas ranked by how far behind plan they are, worst first. */
export function fetchLagging(query: LaggingQuery, signal?: AbortSignal): Promise<LaggingResponse> {
  const params = new URLSearchParams({ level: query.level, asOf: query.asOf, indicator: query.indicator, limit: String(query.limit ?? 10) });
  if (query.parent) params.set('parent', query.parent);
  return getJson<LaggingResponse>(`/api/lagging?${params}`, signal);
}
