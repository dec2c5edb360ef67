import { getJson } from './getJson.ts';
import type { HistoryResponse } from './types.ts';

/** `GET /api/progress/:code/history`: one area's indicators month by month. */
export function fetchHistory(
  code: string,
  options: { indicators: string[]; from: string; to: string; signal?: AbortSignal },
): Promise<HistoryResponse> {
  const params = new URLSearchParams({ interval: 'month', from: options.from, to: options.to, indicators: options.indicators.join(',') });
  return getJson<HistoryResponse>(`/api/progress/${encodeURIComponent(code)}/history?${params}`, options.signal);
}
