import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../../schemas.ts';

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
  }, async () => {
    const [row] = await app.db.query<{
      postgres: string; postgis: string; meta: Record<string, unknown> | null; counties: number; townships: number;
      villages: number; communities: number; poverty_villages: number; households: number; people: number; parks: number; projects: number;
      synthetic: boolean;
    }>(`SELECT current_setting('server_version') AS postgres, postgis_lib_version() AS postgis,
        (SELECT value FROM dataset_meta WHERE key = 'meta') AS meta,
        count(*) FILTER (WHERE level = 'county')::int AS counties,
        count(*) FILTER (WHERE level = 'township')::int AS townships,
        count(*) FILTER (WHERE level = 'village')::int AS villages,
        count(*) FILTER (WHERE kind = 'community')::int AS communities,
        coalesce(bool_or(synthetic), false) AS synthetic,
        (SELECT count(*) FROM poverty_villages)::int AS poverty_villages,
        (SELECT count(*) FROM households)::int AS households,
        (SELECT coalesce(sum(size), 0) FROM households)::int AS people,
        (SELECT count(*) FROM parks)::int AS parks,
        (SELECT count(*) FROM projects)::int AS projects
      FROM areas`);
    const dataAsOf = row.meta && typeof row.meta.dataAsOf === 'string' ? row.meta.dataAsOf : null;
    return {
      status: 'ok' as const,
      backend: app.db.backend,
      postgres: row.postgres,
      postgis: row.postgis,
      dataAsOf,
      synthetic: row.synthetic,
      counts: {
        counties: row.counties, townships: row.townships, villages: row.villages, communities: row.communities,
        povertyVillages: row.poverty_villages, households: row.households, people: row.people, parks: row.parks, projects: row.projects,
      },
    };
  });
};
