import { getJson } from './getJson.ts';
import { urls } from './urls.ts';

/** Body of `GET /api/settings`. */
export interface Settings {
  /** An online raster basemap; null (the default) keeps the map offline. */
  basemap: { tiles: string; attribution: string } | null;
}

export const fetchSettings = (signal?: AbortSignal) => getJson<Settings>(urls.settings(), signal);
