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
 * The areas a caller may draw a sample for, from its own area and the cities and counties named
 * (`named`, in code order): each city and county inside a province-wide account's province, its
 * city and the city's counties for a city-wide account, its county otherwise; none below a county
 * (the API draws for counties and cities; a whole province's exits are too many for one sample).
 */
export function drawableAreas(ownArea: string, named: readonly { code: string; name: string }[]): { code: string; name: string }[] {
  if (ownArea.length === 2 || ownArea.length === 4) return named.filter((a) => a.code.startsWith(ownArea) && a.code.length > 2);
  if (ownArea.length === 6) return named.filter((a) => a.code === ownArea);
  return [];
}
