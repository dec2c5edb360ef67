import * as turf from '@turf/turf';
import type { Feature, Geometry, MultiPolygon, Polygon } from 'geojson';
import { boolean, date, decimal, FieldError, integer, oneOf, text, type RawRow } from './fields.ts';
import { repairPolygon } from '../geo/repairPolygon.ts';
import { levelOfCode, parentOfCode } from '../domain/areaCodes.ts';
import type {
  ActivityRecord, AreaRecord, HouseholdHistoryRecord, HouseholdRecord, ParkRecord,
  PovertyVillageRecord, ProjectHistoryRecord, ProjectRecord, SpecialtyRecord,
} from './types.ts';

export const HOUSEHOLD_STATUSES = ['poor', 'exited', 'at_risk'] as const;
export const PROJECT_STATUSES = ['planned', 'in_progress', 'completed'] as const;

/** 居民委员会 / 社区 are communities; everything else at village level is a village (村). */
export function kindOfVillageName(name: string): 'village' | 'community' {
  return /居民委员会$|社区$|居委会$/.test(name) ? 'community' : 'village';
}

export function shortNameOf(name: string): string {
  return name.replace(/(居民委员会|村民委员会|居委会|村委会)$/, '') || name;
}

function inRange(lon: number, lat: number): boolean {
  return lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90;
}

/** `repair`: run the polygon repair; the shipped data is valid already and keeps its exact shared vertices. */
export function parseAreaFeature(feature: Feature<Geometry | null>, { repair = true } = {}): AreaRecord {
  const p = (feature.properties ?? {}) as RawRow;
  const code = text(p, 'code');
  const level = levelOfCode(code);
  if (!level) throw new FieldError(`code "${code}" is not a 4-, 6-, 9- or 12-digit division code`);
  if (p.level !== undefined && p.level !== null && p.level !== level) {
    throw new FieldError(`level "${String(p.level)}" does not match code ${code} (a ${code.length}-digit code is a ${level})`);
  }
  const name = text(p, 'name');
  const g = feature.geometry;
  if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) {
    throw new FieldError(`geometry of ${code} must be a Polygon or MultiPolygon, got ${g ? g.type : 'none'}`);
  }
  const geometry: MultiPolygon = repair ? repairPolygon(g as Polygon | MultiPolygon) : g.type === 'Polygon' ? { type: 'MultiPolygon', coordinates: [g.coordinates] } : (g as MultiPolygon);
  if (geometry.coordinates.length === 0) throw new FieldError(`geometry of ${code} is empty after repair`);
  for (const ring of geometry.coordinates.flat()) {
    for (const [lon, lat] of ring) if (!inRange(lon, lat)) throw new FieldError(`geometry of ${code} has a point outside lon/lat range: ${lon}, ${lat} (coordinates must be WGS 84 degrees)`);
  }
  let label = p.label as [number, number] | undefined;
  if (!Array.isArray(label) || label.length !== 2 || !label.every(Number.isFinite)) {
    label = turf.pointOnFeature(geometry).geometry.coordinates as [number, number];
  }
  const kindRaw = p.kind === undefined || p.kind === null || p.kind === '' ? null : String(p.kind);
  if (kindRaw && kindRaw !== 'village' && kindRaw !== 'community') throw new FieldError(`kind must be village or community, got "${kindRaw}"`);
  const kind = level === 'village' ? (kindRaw as 'village' | 'community' | null) ?? kindOfVillageName(name) : null;
  // A city given without a parent is the dataset's top (a city dataset); every other area has the one its code says.
  const noParentGiven = p.parent === undefined || p.parent === null || p.parent === '';
  const parent = level === 'city' && noParentGiven ? null : parentOfCode(code);
  if (p.parent !== undefined && p.parent !== null && p.parent !== '' && String(p.parent) !== parent) {
    throw new FieldError(`parent ${String(p.parent)} of ${code} is not its code prefix ${parent}`);
  }
  return {
    code, name, level, kind, parent, label,
    shortName: text(p, 'shortName', { required: false }) || shortNameOf(name),
    synthetic: boolean(p, 'synthetic', false),
    geometry,
  };
}

export function parseSpecialty(row: RawRow): SpecialtyRecord {
  return { code: integer(row, 'code', 1, 99), name: text(row, 'name'), department: text(row, 'department', { required: false }) };
}

export function parsePovertyVillage(row: RawRow): PovertyVillageRecord {
  const exitStatus = oneOf(row, 'exit_status', ['pending', 'exited'] as const);
  const exitDate = date(row, 'exit_date');
  if ((exitStatus === 'exited') !== (exitDate !== null)) throw new FieldError('exit_date must be given exactly when exit_status is exited');
  return { code: text(row, 'code'), plannedExitYear: integer(row, 'planned_exit_year', 2014, 2030), exitStatus, exitDate, synthetic: boolean(row, 'synthetic', true) };
}

export function parseHousehold(row: RawRow, synthetic = true): HouseholdRecord {
  const size = integer(row, 'size', 1, 30);
  const labourCount = integer(row, 'labour_count', 0, size);
  const lon = decimal(row, 'lon', -180, 180, { required: false });
  const lat = decimal(row, 'lat', -90, 90, { required: false });
  if ((lon === null) !== (lat === null)) throw new FieldError('lon and lat must both be given or both be empty');
  const status = oneOf(row, 'status', HOUSEHOLD_STATUSES);
  const villageCode = text(row, 'village_code');
  if (levelOfCode(villageCode) !== 'village') throw new FieldError(`village_code "${villageCode}" is not a 12-digit village code`);
  return {
    id: text(row, 'id'),
    villageCode,
    lon, lat, size, labourCount,
    employedMembers: integer(row, 'employed_members', 0, size, 0),
    incomePerCapita: integer(row, 'income_per_capita', 0, 10_000_000),
    povertyCause: text(row, 'poverty_cause', { required: false }),
    status,
    foodClothing: boolean(row, 'food_clothing'),
    education: boolean(row, 'education'),
    medical: boolean(row, 'medical'),
    housing: boolean(row, 'housing'),
    medicalInsurance: boolean(row, 'medical_insurance'),
    needsRelocation: boolean(row, 'needs_relocation', false),
    needsRenovation: boolean(row, 'needs_renovation', false),
    exitDate: date(row, 'exit_date'),
    headName: text(row, 'head_name', { required: false }),
    phone: text(row, 'phone', { required: false }),
    synthetic,
  };
}

export function parseHouseholdHistory(row: RawRow): HouseholdHistoryRecord {
  return {
    householdId: text(row, 'household_id'),
    validFrom: date(row, 'date', { required: true }) as string,
    status: oneOf(row, 'status', HOUSEHOLD_STATUSES),
    incomePerCapita: integer(row, 'income_per_capita', 0, 10_000_000),
    foodClothing: boolean(row, 'food_clothing'),
    education: boolean(row, 'education'),
    medical: boolean(row, 'medical'),
    housing: boolean(row, 'housing'),
    medicalInsurance: boolean(row, 'medical_insurance'),
    employedMembers: integer(row, 'employed_members', 0, 30, 0),
    relocated: boolean(row, 'relocated', false),
    renovated: boolean(row, 'renovated', false),
  };
}

export function parsePark(feature: Feature<Geometry | null>, { repair = true } = {}): ParkRecord {
  const p = (feature.properties ?? {}) as RawRow;
  const g = feature.geometry;
  if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) throw new FieldError('park geometry must be a Polygon or MultiPolygon');
  const villages = p.villages;
  if (!Array.isArray(villages) || villages.length === 0) throw new FieldError('villages must be a non-empty list of village codes');
  return {
    id: text(p, 'id'), name: text(p, 'name'),
    status: oneOf(p, 'status', ['planned', 'building', 'operating'] as const),
    villages: villages.map(String), synthetic: boolean(p, 'synthetic', true),
    geometry: repair ? repairPolygon(g as Polygon | MultiPolygon) : g.type === 'Polygon' ? { type: 'MultiPolygon', coordinates: [g.coordinates] } : (g as MultiPolygon),
  };
}

export function parseProject(feature: Feature<Geometry | null>): ProjectRecord {
  const p = (feature.properties ?? {}) as RawRow;
  const g = feature.geometry;
  if (!g || (g.type !== 'Point' && g.type !== 'LineString')) throw new FieldError('project geometry must be a Point or LineString');
  const budget = integer(p, 'budget', 0, Number.MAX_SAFE_INTEGER);
  return {
    id: text(p, 'id'), name: text(p, 'name'),
    specialty: integer(p, 'specialty', 1, 99),
    areaCode: text(p, 'area_code'),
    budget,
    fundsDisbursed: integer(p, 'funds_disbursed', 0, budget),
    status: oneOf(p, 'status', PROJECT_STATUSES),
    progress: decimal(p, 'progress', 0, 1) as number,
    department: text(p, 'department', { required: false }),
    responsible: text(p, 'responsible', { required: false }),
    startDate: date(p, 'start_date'), endDate: date(p, 'end_date'), completedDate: date(p, 'completed_date'),
    synthetic: boolean(p, 'synthetic', true),
    geometry: g,
  };
}

export function parseProjectHistory(row: RawRow): ProjectHistoryRecord {
  return {
    projectId: text(row, 'project_id'),
    validFrom: date(row, 'date', { required: true }) as string,
    fundsDisbursed: integer(row, 'funds_disbursed', 0, Number.MAX_SAFE_INTEGER),
    progress: decimal(row, 'progress', 0, 1) as number,
    status: oneOf(row, 'status', PROJECT_STATUSES),
  };
}

export function parseActivity(row: RawRow): ActivityRecord {
  return {
    id: text(row, 'id'), kind: oneOf(row, 'kind', ['training', 'job_fair'] as const),
    areaCode: text(row, 'area_code'), date: date(row, 'date', { required: true }) as string,
    personTimes: integer(row, 'person_times', 0, 1_000_000), synthetic: boolean(row, 'synthetic', true),
  };
}
