import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses, featureCollection } from '../../schemas.ts';

const ParkProperties = Type.Object({
  id: Type.String(), name: Type.String(), status: Type.String(), villages: Type.Array(Type.String()),
  areaKm2: Type.Number(), synthetic: Type.Boolean(),
});

export const parkRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/parks', {
    schema: {
      summary: 'Industrial parks (联村连片扶贫园区) with their member villages, as GeoJSON',
      tags: ['parks'],
      response: { 200: featureCollection(ParkProperties), ...errorResponses },
    },
  }, async (_request, reply) => {
    const [row] = await app.db.query<{ fc: string }>(`
      SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
        'type', 'Feature', 'id', p.id, 'geometry', ST_AsGeoJSON(p.geom, 6)::json,
        'properties', json_build_object('id', p.id, 'name', p.name, 'status', p.status,
          'villages', (SELECT coalesce(json_agg(v.village_code ORDER BY v.village_code), '[]'::json) FROM park_villages v WHERE v.park_id = p.id),
          'areaKm2', round((ST_Area(p.geom::geography) / 1e6)::numeric, 2), 'synthetic', p.synthetic)) ORDER BY p.id), '[]'::json))::text AS fc
      FROM parks p`);
    return reply.type('application/json; charset=utf-8').send(row.fc);
  });
};
