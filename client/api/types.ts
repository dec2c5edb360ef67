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

/** One indicator of `GET /api/indicators`. */
export interface Indicator {
  key: string;
  nameZh: string;
  nameEn: string;
  unit: string;
  kind: 'count' | 'share';
  higherIsBetter: boolean;
  target: number | null;
}

/** Body of `GET /api/indicators`. */
export interface IndicatorCatalogue {
  indicators: Indicator[];
  thresholds: { behind: number; farBehind: number };
  phases: { key: string; nameZh: string; nameEn: string; startMonth: number }[];
}

export type ProgressStatus = 'on_track' | 'behind' | 'far_behind';

/** One indicator of one area as of a date. */
export interface IndicatorValue {
  value: number | null;
  target: number | null;
  planned: number | null;
  lag: number | null;
  lagShare: number | null;
  status: ProgressStatus | null;
}

export interface AreaProgress {
  code: string;
  name: string;
  parent: string | null;
  suppressed: boolean;
  indicators: Record<string, IndicatorValue>;
}

/** Body of `GET /api/progress`. */
export interface ProgressResponse {
  asOf: string;
  areas: AreaProgress[];
}

/** Body of `GET /api/progress/:code/history`. */
export interface HistoryResponse {
  code: string;
  name: string;
  points: { date: string; indicators: Record<string, IndicatorValue> }[];
}
