import { getJson } from './getJson.ts';
import type { IndicatorCatalogue } from './types.ts';

/** `GET /api/indicators`: the indicator catalogue. */
export function fetchIndicators(signal?: AbortSignal): Promise<IndicatorCatalogue> {
  return getJson<IndicatorCatalogue>('/api/indicators', signal);
}
