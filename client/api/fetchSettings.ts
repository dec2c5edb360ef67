/** Body of `GET /api/settings` (asked through the screens' shared cache: apiCache `request`, useApi). */
export interface Settings {
  /** An online raster basemap; null (the default) keeps the map offline. */
  basemap: { tiles: string; attribution: string } | null;
  /** The area the app opens on (ROOT_AREA), with its bounds; null without data. */
  root: { code: string; level: 'province' | 'city' | 'county' | 'township' | 'village'; name: string; nameEn: string; bbox: [number, number, number, number] | null } | null;
}
