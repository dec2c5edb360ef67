import { getJson } from './getJson.ts';
import type { Health } from './types.ts';

/** `GET /api/health`: backend status, data date and whether the data is synthetic. */
export function fetchHealth(signal?: AbortSignal): Promise<Health> {
  return getJson<Health>('/api/health', signal);
}
