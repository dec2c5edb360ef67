import { sendJson } from '../api/postJson.ts';
import { urls } from '../api/urls.ts';
import type { SampleDetail, VisitInput } from './integrityTypes.ts';

/** The roles the integrity API serves ('audit' and 'verify'): the screen asks nothing for others. */
export const INTEGRITY_ROLES: readonly string[] = ['inspector', 'admin'];

/** `POST /api/integrity/samples`: draws and stores a sample; the answer is the new sample. */
export function drawSample(q: { areaCode: string; asOf?: string; margin?: number; seed?: number }, csrf: string | null): Promise<SampleDetail> {
  return sendJson<SampleDetail>('POST', urls.integritySamples(), q, csrf);
}

/** `PUT …/units/{householdId}`: records a visit; the answer is the whole sample with the new estimate. */
export function recordVisit(sampleId: number, householdId: string, visit: VisitInput, csrf: string | null): Promise<SampleDetail> {
  return sendJson<SampleDetail>('PUT', urls.integrityVisit(sampleId, householdId), visit, csrf);
}

/**
 * The areas a caller may draw a sample for, from its own area: the city and each county for a
 * city-wide account, its county otherwise; none below a county (the API draws for counties and the city).
 */
export function drawableAreas(ownArea: string, counties: readonly { code: string; name: string }[], cityName: string): { code: string; name: string }[] {
  if (ownArea.length === 4) return [{ code: ownArea, name: cityName }, ...counties.filter((c) => c.code.startsWith(ownArea))];
  if (ownArea.length === 6) return counties.filter((c) => c.code === ownArea);
  return [];
}
