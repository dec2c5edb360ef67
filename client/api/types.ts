import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';

/** Administrative level of an area served by `/api/areas`. */
export type AreaLevel = 'county' | 'township' | 'village';

/** Properties of every area Feature served by `/api/areas`. */
export interface AreaProperties {
  code: string;
  name: string;
  shortName: string;
  level: AreaLevel;
  kind: 'village' | 'community' | null;
  parent: string | null;
  labelLon: number;
  labelLat: number;
  poverty: boolean;
  synthetic: boolean;
  /** Only on `GET /api/areas/:code`: [minLon, minLat, maxLon, maxLat]. */
  bbox?: [number, number, number, number];
}

export type AreaFeature = Feature<MultiPolygon | Polygon, AreaProperties>;
export type AreaFeatureCollection = FeatureCollection<MultiPolygon | Polygon, AreaProperties>;

/** Body of `GET /api/health`. */
export interface Health {
  status: 'ok';
  backend: 'embedded' | 'postgres';
  postgis: string;
  dataAsOf: string | null;
  synthetic: boolean;
  counts: {
    counties: number;
    townships: number;
    villages: number;
    communities: number;
    povertyVillages: number;
    households: number;
    people: number;
    parks: number;
    projects: number;
  };
}
