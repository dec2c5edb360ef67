import type { Queryable } from '../db/openDatabase.ts';

/** Projects, filtered by specialty, area (by code prefix) and status, as one GeoJSON FeatureCollection string. */
export async function projectCollection(db: Queryable, f: { specialty: number | null; area: string | null; status: string | null }): Promise<string> {
  const [row] = await db.query<{ fc: string }>(`
    SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
      'type', 'Feature', 'id', p.id, 'geometry', ST_AsGeoJSON(p.geom, 6)::json,
      'properties', json_build_object('id', p.id, 'name', p.name, 'specialty', p.specialty, 'specialtyName', s.name,
        'areaCode', p.area_code, 'status', p.status, 'progress', p.progress, 'budget', p.budget, 'fundsDisbursed', p.funds_disbursed,
        'department', p.department, 'startDate', p.start_date, 'endDate', p.end_date, 'synthetic', p.synthetic)) ORDER BY p.id), '[]'::json))::text AS fc
    FROM projects p JOIN specialties s ON s.code = p.specialty
    WHERE ($1::int IS NULL OR p.specialty = $1) AND ($2::text IS NULL OR p.area_code LIKE $2 || '%') AND ($3::text IS NULL OR p.status = $3)`,
  [f.specialty, f.area, f.status]);
  return row.fc;
}

/** The specialties (专项) with how many projects each has. */
export function listSpecialties(db: Queryable) {
  return db.query<{ code: number; name: string; projects: number }>(
    `SELECT s.code, s.name, count(p.id)::int AS projects FROM specialties s LEFT JOIN projects p ON p.specialty = s.code GROUP BY s.code, s.name ORDER BY s.code`);
}
