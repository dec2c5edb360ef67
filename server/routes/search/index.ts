import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../../schemas.ts';
import { search } from '../../search/searchQueries.ts';

export const searchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/search', {
    schema: {
      summary: 'Find a county, township, village, project or park by name or code; areas also by pinyin or English name (Anyue, anyue, ay)',
      tags: ['search'],
      querystring: Type.Object({
        q: Type.String({ minLength: 1, maxLength: 40 }),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })),
      }, { additionalProperties: false }),
      response: {
        200: Type.Array(Type.Object({
          type: Type.Union([Type.Literal('province'), Type.Literal('city'), Type.Literal('county'), Type.Literal('township'), Type.Literal('village'), Type.Literal('project'), Type.Literal('park')]),
          id: Type.String(), name: Type.String(),
          nameEn: Type.String({ description: 'the English name of an area (pinyin); a project or park keeps its name' }),
          bbox: Type.Array(Type.Number(), { minItems: 4, maxItems: 4 }),
        })),
        ...errorResponses,
      },
    },
  }, async (request) => search(app.db, request.query.q.trim(), request.query.limit ?? 10));
};
