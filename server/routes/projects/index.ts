import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AreaCode, errorResponses, featureCollection } from '../../schemas.ts';
import { SpecialtyParam } from '../progressParams.ts';

const ProjectProperties = Type.Object({
  id: Type.String(), name: Type.String(), specialty: Type.Integer(), specialtyName: Type.String(), areaCode: Type.String(),
  status: Type.String(), progress: Type.Number(), budget: Type.Number(), fundsDisbursed: Type.Number(), department: Type.String(),
  startDate: Type.Union([Type.String(), Type.Null()]), endDate: Type.Union([Type.String(), Type.Null()]), synthetic: Type.Boolean(),
});

export const projectRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/projects', {
    schema: {
      summary: 'Infrastructure and industry projects (points or lines) with specialty, status and progress, as GeoJSON',
      tags: ['projects'],
      querystring: Type.Object({
        specialty: Type.Optional(SpecialtyParam),
        area: Type.Optional(AreaCode),
        status: Type.Optional(Type.Union([Type.Literal('planned'), Type.Literal('in_progress'), Type.Literal('completed')])),
      }, { additionalProperties: false }),
      response: { 200: featureCollection(ProjectProperties), ...errorResponses },
    },
  }, async (request, reply) => {
    const { specialty, area, status } = request.query;
    const [row] = await app.db.query<{ fc: string }>(`
      SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
        'type', 'Feature', 'id', p.id, 'geometry', ST_AsGeoJSON(p.geom, 6)::json,
        'properties', json_build_object('id', p.id, 'name', p.name, 'specialty', p.specialty, 'specialtyName', s.name,
          'areaCode', p.area_code, 'status', p.status, 'progress', p.progress, 'budget', p.budget, 'fundsDisbursed', p.funds_disbursed,
          'department', p.department, 'startDate', p.start_date, 'endDate', p.end_date, 'synthetic', p.synthetic)) ORDER BY p.id), '[]'::json))::text AS fc
      FROM projects p JOIN specialties s ON s.code = p.specialty
      WHERE ($1::int IS NULL OR p.specialty = $1) AND ($2::text IS NULL OR p.area_code LIKE $2 || '%') AND ($3::text IS NULL OR p.status = $3)`,
    [specialty ?? null, area ?? null, status ?? null]);
    return reply.type('application/json; charset=utf-8').send(row.fc);
  });
};
