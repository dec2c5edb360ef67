import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../../schemas.ts';

export const searchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/search', {
    schema: {
      summary: 'Find a county, township, village, project or park by name or code',
      tags: ['search'],
      querystring: Type.Object({
        q: Type.String({ minLength: 1, maxLength: 40 }),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })),
      }, { additionalProperties: false }),
      response: {
        200: Type.Array(Type.Object({
          type: Type.Union([Type.Literal('city'), Type.Literal('county'), Type.Literal('township'), Type.Literal('village'), Type.Literal('project'), Type.Literal('park')]),
          id: Type.String(), name: Type.String(), bbox: Type.Array(Type.Number(), { minItems: 4, maxItems: 4 }),
        })),
        ...errorResponses,
      },
    },
  }, async (request) => {
    const q = request.query.q.trim();
    // Exact codes first, then names that start with the text, then names that contain it
    // (strpos, not LIKE: % and _ in the text are plain characters).
    return app.db.query(`
      WITH hits AS (
        SELECT level AS type, code AS id, name, geom, CASE WHEN code = $1 THEN 0 WHEN strpos(name, $1) = 1 OR strpos(short_name, $1) = 1 THEN 1 ELSE 2 END AS score, length(code) AS len
        FROM areas WHERE code = $1 OR strpos(name, $1) > 0
        UNION ALL SELECT 'project', id, name, geom, CASE WHEN id = $1 THEN 0 WHEN strpos(name, $1) = 1 THEN 1 ELSE 2 END, 20 FROM projects WHERE id = $1 OR strpos(name, $1) > 0
        UNION ALL SELECT 'park', id, name, geom, CASE WHEN id = $1 THEN 0 WHEN strpos(name, $1) = 1 THEN 1 ELSE 2 END, 20 FROM parks WHERE id = $1 OR strpos(name, $1) > 0
      )
      SELECT type, id, name, json_build_array(round(ST_XMin(geom)::numeric, 6), round(ST_YMin(geom)::numeric, 6),
        round(ST_XMax(geom)::numeric, 6), round(ST_YMax(geom)::numeric, 6)) AS bbox
      FROM hits ORDER BY score, len, id LIMIT $2`, [q, request.query.limit ?? 10]);
  });
};
