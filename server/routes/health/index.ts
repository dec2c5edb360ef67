import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../../schemas.ts';
import { healthFacts } from '../../health/healthQueries.ts';

const Health = Type.Object({
  status: Type.Literal('ok'),
  backend: Type.Union([Type.Literal('embedded'), Type.Literal('postgres')], { description: 'embedded PGlite or a PostgreSQL server' }),
  postgres: Type.String(),
  postgis: Type.String(),
  dataAsOf: Type.Union([Type.String(), Type.Null()]),
  synthetic: Type.Boolean({ description: 'true when the data is the generated demo dataset' }),
  counts: Type.Object({
    counties: Type.Integer(),
    townships: Type.Integer(),
    villages: Type.Integer({ description: 'village-level units: villages (村) and communities (社区)' }),
    communities: Type.Integer(),
    povertyVillages: Type.Integer(),
    households: Type.Integer(),
    people: Type.Integer(),
    parks: Type.Integer(),
    projects: Type.Integer(),
  }),
});

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/health', {
    schema: { summary: 'Backend in use, PostGIS version and counts', tags: ['health'], response: { 200: Health, ...errorResponses } },
  }, async () => ({ status: 'ok' as const, backend: app.db.backend, ...(await healthFacts(app.db)) }));
};
