import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../../schemas.ts';
import { listSpecialties } from '../../projects/projectQueries.ts';
import { specialtyNameEn } from '../../domain/specialtyNames.ts';

/** The 22 specialties (专项) that projects and tasks belong to: the filters' choices. */
export const specialtyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/specialties', {
    schema: {
      summary: 'The project specialties (专项), with how many projects each has',
      tags: ['projects'],
      response: { 200: Type.Array(Type.Object({ code: Type.Integer(), name: Type.String(), nameEn: Type.String(), projects: Type.Integer() })), ...errorResponses },
    },
  }, async () => (await listSpecialties(app.db)).map((s) => ({ ...s, nameEn: specialtyNameEn(s.name) })));
};
