import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { protectedResponses } from '../../schemas.ts';
import { DateParam, checkDate } from '../progressParams.ts';
import { integrityReport } from '../../audit/integrityReport.ts';
import { listAudit } from '../../audit/auditQueries.ts';

export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/audit', {
    schema: {
      summary: 'The audit trail, newest first (administrators)',
      tags: ['audit'],
      querystring: Type.Object({
        entity: Type.Optional(Type.String({ maxLength: 40 })),
        entityId: Type.Optional(Type.String({ maxLength: 80 })),
        actor: Type.Optional(Type.String({ maxLength: 40 })),
        action: Type.Optional(Type.String({ maxLength: 40 })),
        flagged: Type.Optional(Type.Boolean()),
        from: Type.Optional(DateParam),
        to: Type.Optional(DateParam),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
      }, { additionalProperties: false }),
      response: {
        200: Type.Array(Type.Object({
          id: Type.Integer(), at: Type.String(), actor: Type.String(), ip: Type.String(), action: Type.String(), entity: Type.String(),
          entityId: Type.String(), areaCode: Type.Union([Type.String(), Type.Null()]), before: Type.Any(), after: Type.Any(),
          reason: Type.Union([Type.String(), Type.Null()]), flagged: Type.Boolean(),
        })),
        ...protectedResponses,
      },
    },
  }, async (request) => {
    const p = app.requirePermission(request, 'audit');
    const q = request.query;
    const from = q.from ? checkDate('from', q.from) : null;
    const to = q.to ? checkDate('to', q.to) : null;
    return listAudit(app.db, {
      entity: q.entity ?? null, entityId: q.entityId ?? null, actor: q.actor ?? null, action: q.action ?? null, flagged: q.flagged ?? null,
      from, to, limit: q.limit ?? 100, area: p.areaCode,
    });
  });

  app.get('/api/audit/integrity', {
    schema: {
      summary: 'What looks like faked numbers (数字脱贫): overridden exits, incomes that jumped just before exit, bursts of exits by one account, exits later reversed',
      tags: ['audit'],
      response: {
        200: Type.Object({
          overriddenExits: Type.Array(Type.Object({ householdId: Type.String(), at: Type.String(), actor: Type.String(), reason: Type.Union([Type.String(), Type.Null()]) })),
          incomeJumps: Type.Array(Type.Object({ householdId: Type.String(), villageCode: Type.String(), exitDate: Type.String(), incomeBefore: Type.Integer(), incomeAtExit: Type.Integer(), days: Type.Integer() })),
          exitBursts: Type.Array(Type.Object({ actor: Type.String(), hour: Type.String(), exits: Type.Integer() })),
          reversedExits: Type.Array(Type.Object({ householdId: Type.String(), villageCode: Type.String(), exitedOn: Type.String(), reversedOn: Type.String() })),
        }),
        ...protectedResponses,
      },
    },
  }, async (request) => {
    const p = app.requirePermission(request, 'audit');
    return integrityReport(app.db, p.areaCode);
  });
};
