import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AreaCode, protectedResponses } from '../../schemas.ts';
import { STORED_TARGET_KEYS } from '../../domain/indicators.ts';
import { setTarget } from '../../progress/targets.ts';

export const targetRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.put('/api/targets/:code/:year/:indicator', {
    schema: {
      summary: 'Set an area\'s target for a year (administrators); audited',
      tags: ['targets'],
      params: Type.Object({
        code: AreaCode,
        year: Type.Integer({ minimum: 2014, maximum: 2030 }),
        indicator: Type.Union(STORED_TARGET_KEYS.map((k) => Type.Literal(k))),
      }),
      body: Type.Object({ value: Type.Number({ minimum: 0, maximum: 1e9 }) }, { additionalProperties: false }),
      response: { 200: Type.Object({ code: Type.String(), year: Type.Integer(), indicator: Type.String(), value: Type.Number(), previous: Type.Union([Type.Number(), Type.Null()]) }), ...protectedResponses },
    },
  }, async (request) => {
    const { code, year, indicator } = request.params;
    const p = app.requirePermission(request, 'targets', code);
    return setTarget(app.db, { actorId: p.id, actor: p.username, ip: request.ip }, { code, year, indicator, value: request.body.value });
  });
};
