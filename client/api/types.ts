import type { Feature, FeatureCollection, LineString, MultiPolygon, Point, Polygon } from 'geojson';

/** Administrative level of an area the screens draw: the root's descendants (the one definition is the server's). */
export type { SubLevel as AreaLevel } from '../state/areaCodes.ts';
import type { SubLevel as AreaLevel } from '../state/areaCodes.ts';

/** Properties of every area Feature served by `/api/areas`. */
export interface AreaProperties {
  code: string;
  name: string;
  /** The English name: pinyin and the kind of unit (Anyue County). */
  nameEn?: string;
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
  /** The planned curve it follows; null: no plan, so no lag. */
  curve: string | null;
  /** Concerns projects, so a specialty filter applies. */
  projects: boolean;
}

/** Body of `GET /api/indicators`. */
export interface IndicatorCatalogue {
  indicators: Indicator[];
  thresholds: { behind: number; farBehind: number };
  phases: { key: string; nameZh: string; nameEn: string; startMonth: number }[];
}

// The server's own types: one definition of an indicator's answer (type-only, nothing is bundled).
export type { ProgressStatus } from '../../server/domain/progressStatus.ts';
export type { IndicatorValue } from '../../server/domain/evaluateIndicator.ts';
import type { IndicatorValue } from '../../server/domain/evaluateIndicator.ts';

export interface AreaProgress {
  code: string;
  name: string;
  nameEn?: string;
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
  nameEn?: string;
  points: { date: string; indicators: Record<string, IndicatorValue> }[];
}

/** Properties of one industrial park of `GET /api/parks`. */
export interface ParkProperties {
  id: string;
  name: string;
  status: 'planned' | 'building' | 'operating';
  villages: string[];
  areaKm2: number;
  synthetic: boolean;
}
export type ParkCollection = FeatureCollection<MultiPolygon, ParkProperties>;

/** Properties of one project of `GET /api/projects`. */
export interface ProjectProperties {
  id: string;
  name: string;
  specialty: number;
  specialtyName: string;
  areaCode: string;
  status: 'planned' | 'in_progress' | 'completed';
  progress: number;
  budget: number;
  fundsDisbursed: number;
  department: string;
  startDate: string | null;
  endDate: string | null;
}
export type ProjectCollection = FeatureCollection<Point | LineString, ProjectProperties>;

/** Properties of one point of `GET /api/households/layer`: a village's counts or one household. */
export interface HouseholdLayerProperties {
  kind: 'household' | 'village';
  id: string;
  villageCode: string;
  /** 插花式: outside the poverty villages. */
  scattered: boolean;
  households: number;
  people: number;
  poor: number;
  exited: number;
  atRisk: number;
}
export type HouseholdLayerCollection = FeatureCollection<Point, HouseholdLayerProperties>;

/** One hit of `GET /api/search`. */
export interface SearchResult {
  type: 'city' | 'county' | 'township' | 'village' | 'project' | 'park';
  id: string;
  name: string;
  /** An area's English name (pinyin); a project or park keeps its name. */
  nameEn?: string;
  bbox: [number, number, number, number];
}

// Bodies the server already types: one definition, shared (type-only).
export type { AreaContents, LaggingArea, SelectionMeasures, Summary } from '../../server/domain/responses.ts';
import type { LaggingArea } from '../../server/domain/responses.ts';

/** Body of `GET /api/lagging`. */
export interface LaggingResponse {
  asOf: string;
  level: string;
  indicator: string;
  areas: LaggingArea[];
}
