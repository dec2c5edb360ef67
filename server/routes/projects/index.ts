import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AreaCode, errorResponses, featureCollection } from '../../schemas.ts';
import { SpecialtyParam } from '../progressParams.ts';
import { projectCollection } from '../../projects/projectQueries.ts';

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
    const fc = await projectCollection(app.db, { specialty: specialty ?? null, area: area ?? null, status: status ?? null });
    return reply.type('application/json; charset=utf-8').send(fc);
  });
};
