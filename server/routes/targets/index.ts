import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AreaCode, protectedResponses } from '../../schemas.ts';
import { STORED_TARGET_KEYS } from '../../domain/indicators.ts';
import { writeAudit } from '../../audit/writeAudit.ts';
import { requireArea } from '../requireArea.ts';

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
    const p = app.requirePermission(request, 'targets');
    const { code, year, indicator } = request.params;
    const { value } = request.body;
    return app.db.transaction(async (tx) => {
      await requireArea(tx, 'code', code);
      const [old] = await tx.query<{ value: number }>('SELECT value FROM targets WHERE area_code = $1 AND year = $2 AND indicator = $3 FOR UPDATE', [code, year, indicator]);
      await tx.query(`INSERT INTO targets (area_code, year, indicator, value) VALUES ($1, $2, $3, $4)
        ON CONFLICT (area_code, year, indicator) DO UPDATE SET value = EXCLUDED.value`, [code, year, indicator, value]);
      await writeAudit(tx, { actorId: p.id, actor: p.username, ip: request.ip, action: 'target.set', entity: 'target', entityId: `${code}/${year}/${indicator}`,
        areaCode: code, before: old ? { value: Number(old.value) } : null, after: { value } });
      return { code, year, indicator, value, previous: old ? Number(old.value) : null };
    });
  });
};
