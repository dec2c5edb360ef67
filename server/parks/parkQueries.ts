import type { Queryable } from '../db/openDatabase.ts';

/** The industrial parks with their member villages, as one GeoJSON FeatureCollection string. */
export async function parkCollection(db: Queryable): Promise<string> {
  const [row] = await db.query<{ fc: string }>(`
    SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
      'type', 'Feature', 'id', p.id, 'geometry', ST_AsGeoJSON(p.geom, 6)::json,
      'properties', json_build_object('id', p.id, 'name', p.name, 'status', p.status,
        'villages', (SELECT coalesce(json_agg(v.village_code ORDER BY v.village_code), '[]'::json) FROM park_villages v WHERE v.park_id = p.id),
        'areaKm2', round((ST_Area(p.geom::geography) / 1e6)::numeric, 2), 'synthetic', p.synthetic)) ORDER BY p.id), '[]'::json))::text AS fc
    FROM parks p`);
  return row.fc;
}
