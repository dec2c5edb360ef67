import { getJson } from './getJson.ts';
import type { AreaFeature } from './types.ts';
import { urls } from './urls.ts';

/** `GET /api/areas/:code`: one area, with `properties.bbox`. */
export function fetchArea(code: string, signal?: AbortSignal): Promise<AreaFeature> {
  return getJson<AreaFeature>(urls.area(code), signal);
}
