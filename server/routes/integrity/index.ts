import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { protectedResponses } from '../../schemas.ts';
import { DateParam, checkDate } from '../progressParams.ts';
import { exitRiskReport } from '../../integrity/exitRiskReport.ts';

const Band = Type.Union([Type.Literal('low'), Type.Literal('medium'), Type.Literal('high')]);

export const integrityRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/integrity/exits', {
    schema: {
      summary: 'Every exit in the reader\'s area scored for the risk that it was made to look right (数字脱贫), riskiest first, with its signals',
      tags: ['audit'],
      querystring: Type.Object({
        asOf: Type.Optional({ ...DateParam, description: 'exits effective on or before this date; default today' }),
        band: Type.Optional(Band),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, default: 200 })),
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          area: Type.String(), asOf: Type.String(), exits: Type.Integer(),
          bands: Type.Object({ low: Type.Integer(), medium: Type.Integer(), high: Type.Integer() }),
          rules: Type.Object({ thresholds: Type.Any(), points: Type.Record(Type.String(), Type.Number()) }),
          ranked: Type.Array(Type.Object({
            householdId: Type.String(), villageCode: Type.String(), exitDate: Type.String(),
            enteredAt: Type.Union([Type.String(), Type.Null()]), actor: Type.Union([Type.String(), Type.Null()]),
            incomeBefore: Type.Union([Type.Integer(), Type.Null()]), incomeAtExit: Type.Integer(),
            score: Type.Number(), band: Band, signals: Type.Array(Type.String()),
          })),
        }),
        ...protectedResponses,
      },
    },
  }, async (request) => {
    const p = app.requirePermission(request, 'audit');
    // Every exit entered so far, not the data's as-of date: a fake may be dated after it.
    const asOf = request.query.asOf ? checkDate('asOf', request.query.asOf) : new Date().toISOString().slice(0, 10);
    return exitRiskReport(app.db, p.areaCode, asOf, request.query.limit ?? 200, request.query.band);
  });
};
