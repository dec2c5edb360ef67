import type { Feature, MultiPolygon, Point, LineString } from 'geojson';

import type { AreaLevel } from '../domain/areaCodes.ts';

export type { AreaLevel };
export type HouseholdStatus = 'poor' | 'exited' | 'at_risk';
export type ProjectStatus = 'planned' | 'in_progress' | 'completed';

export interface AreaRecord {
  code: string;
  name: string;
  shortName: string;
  level: AreaLevel;
  kind: 'village' | 'community' | null;
  parent: string | null;
  label: [number, number];
  synthetic: boolean;
  geometry: MultiPolygon;
}

export interface PovertyVillageRecord {
  code: string;
  plannedExitYear: number;
  exitStatus: 'pending' | 'exited';
  exitDate: string | null;
  synthetic: boolean;
}

export interface HouseholdRecord {
  id: string;
  villageCode: string;
  lon: number | null;
  lat: number | null;
  size: number;
  labourCount: number;
  employedMembers: number;
  incomePerCapita: number;
  povertyCause: string;
  status: HouseholdStatus;
  foodClothing: boolean;
  education: boolean;
  medical: boolean;
  housing: boolean;
  medicalInsurance: boolean;
  needsRelocation: boolean;
  needsRenovation: boolean;
  exitDate: string | null;
  headName: string;
  phone: string;
  synthetic: boolean;
}

export interface HouseholdHistoryRecord {
  householdId: string;
  validFrom: string;
  status: HouseholdStatus;
  incomePerCapita: number;
  foodClothing: boolean;
  education: boolean;
  medical: boolean;
  housing: boolean;
  medicalInsurance: boolean;
  employedMembers: number;
  relocated: boolean;
  renovated: boolean;
}

export interface ParkRecord {
  id: string;
  name: string;
  status: 'planned' | 'building' | 'operating';
  villages: string[];
  synthetic: boolean;
  geometry: MultiPolygon;
}

export interface ProjectRecord {
  id: string;
  name: string;
  specialty: number;
  areaCode: string;
  budget: number;
  fundsDisbursed: number;
  status: ProjectStatus;
  progress: number;
  department: string;
  responsible: string;
  startDate: string | null;
  endDate: string | null;
  completedDate: string | null;
  synthetic: boolean;
  geometry: Point | LineString;
}

export interface ProjectHistoryRecord {
  projectId: string;
  validFrom: string;
  fundsDisbursed: number;
  progress: number;
  status: ProjectStatus;
}

export interface SpecialtyRecord {
  code: number;
  name: string;
  department: string;
}

export interface ActivityRecord {
  id: string;
  kind: 'training' | 'job_fair';
  areaCode: string;
  date: string;
  personTimes: number;
  synthetic: boolean;
}

export interface Dataset {
  meta: Record<string, unknown>;
  areas: AreaRecord[];
  specialties: SpecialtyRecord[];
  povertyVillages: PovertyVillageRecord[];
  households: HouseholdRecord[];
  householdHistory: HouseholdHistoryRecord[];
  parks: ParkRecord[];
  projects: ProjectRecord[];
  projectHistory: ProjectHistoryRecord[];
  activities: ActivityRecord[];
}

export type AreaFeature = Feature<MultiPolygon>;
