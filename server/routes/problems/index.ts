import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AreaCode, protectedResponses } from '../../schemas.ts';
import { BadRequestError } from '../../errors.ts';
import { checkDate, DateParam } from '../progressParams.ts';
import { createProblem, listProblems, updateProblem } from '../../lists/problemQueries.ts';
import { requireArea } from '../../areas/areaQueries.ts';

const Problem = Type.Object({
  id: Type.Integer(), areaCode: Type.String(), areaName: Type.String(), description: Type.String(), raisedAt: Type.String(), owner: Type.String(),
  dueDate: Type.String(), status: Type.Union([Type.Literal('open'), Type.Literal('closed')]), closedAt: Type.Union([Type.String(), Type.Null()]),
  resolution: Type.String(), version: Type.Integer(),
  carriedOver: Type.Boolean({ description: 'raised at an earlier meeting and still open at this one' }),
  overdue: Type.Boolean({ description: 'open past its due date at the meeting date' }),
});

/** The problem list (问题清单): raised at a meeting, carried over to every later one until closed. */
export const problemRoutes: FastifyPluginAsyncTypebox = async (app) => {

  app.get('/api/problems', {
    schema: {
      summary: 'The problems on a meeting\'s list: raised on or before it and not closed before it (signed in)',
      tags: ['lists'],
      querystring: Type.Object({
        meeting: Type.Optional(DateParam),
        area: Type.Optional(AreaCode),
        status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('all')], { default: 'all' })),
      }, { additionalProperties: false }),
      response: { 200: Type.Array(Problem), ...protectedResponses },
    },
  }, async (request) => {
    app.requirePermission(request, 'aggregates');
    const meeting = request.query.meeting ? checkDate('meeting', request.query.meeting) : new Date().toISOString().slice(0, 10);
    const status = request.query.status ?? 'all';
    return listProblems(app.db, meeting, request.query.area ?? '', status);
  });

  app.post('/api/problems', {
    schema: {
      summary: 'Raise a problem at a meeting, with its owner and due date (leaders and administrators; audited)',
      tags: ['lists'],
      body: Type.Object({
        areaCode: AreaCode, description: Type.String({ minLength: 1, maxLength: 2000 }), raisedAt: DateParam,
        owner: Type.String({ minLength: 1, maxLength: 40, description: 'who will act' }), dueDate: DateParam,
      }, { additionalProperties: false }),
      response: { 201: Problem, ...protectedResponses },
    },
  }, async (request, reply) => {
    const b = request.body;
    const p = app.requirePermission(request, 'lists:write', b.areaCode);
    const raisedAt = checkDate('raisedAt', b.raisedAt);
    const dueDate = checkDate('dueDate', b.dueDate);
    if (dueDate < raisedAt) throw new BadRequestError(`dueDate: ${dueDate} is before the meeting that raised it (${raisedAt})`);
    if (!b.owner.trim()) throw new BadRequestError('owner: a problem needs someone who will act on it');
    await requireArea(app.db, 'areaCode', b.areaCode, 'written');
    const row = await createProblem(app.db, { actorId: p.id, actor: p.username, ip: request.ip, area: p.areaCode }, b);
    return reply.status(201).send(row);
  });

  app.patch('/api/problems/:id', {
    schema: {
      summary: 'Edit or close a problem, based on its version; closing needs the date and the resolution (leaders and administrators; audited)',
      tags: ['lists'],
      params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
      body: Type.Object({
        version: Type.Integer({ minimum: 1 }),
        owner: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
        dueDate: Type.Optional(DateParam),
        description: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
        close: Type.Optional(Type.Object({ closedAt: DateParam, resolution: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false })),
      }, { additionalProperties: false, minProperties: 2 }),
      response: { 200: Problem, 409: Type.Ref('ErrorResponse'), ...protectedResponses },
    },
  }, async (request) => {
    const p = app.requirePermission(request, 'lists:write');
    return updateProblem(app.db, { actorId: p.id, actor: p.username, ip: request.ip, area: p.areaCode }, request.params.id, request.body);
  });
};
