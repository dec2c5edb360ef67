import { getJson } from './getJson.ts';
import type { AreaFeature } from './types.ts';

/** `GET /api/areas/:code`: one area, with `properties.bbox`. */
export function fetchArea(code: string, signal?: AbortSignal): Promise<AreaFeature> {
  return getJson<AreaFeature>(`/api/areas/${encodeURIComponent(code)}`, signal);
}
